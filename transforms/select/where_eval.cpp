// Evaluation of --where predicates against one document.
//
// Semantics, as the help text states them:
//  - numbers compare as numbers, strings as strings (by UTF-8 bytes, which is
//    code point order); nothing is converted: "5" (a string) is not 5;
//  - ==, <, <=, >, >= and `in` are false when the field is absent or of
//    another type; != and `not in` are their exact negations, so they hold
//    for an absent field (add `exists FIELD` to require it);
//  - a field whose value is null exists, and equals null.
#include "dpk/json_text.h"
#include "json_walk.h"
#include "where.h"

namespace dpk::select {
namespace {

// A field's value, decoded only as far as a comparison needs.
struct Value {
  JsonType type = JsonType::kInvalid;
  std::string_view str;  // kString: decoded contents
  double num = 0;        // kNumber
};

// <0, 0, >0 when comparable; `comparable` false across types.
int compare(const Value& v, const Literal& l, bool& comparable) {
  comparable = true;
  switch (l.kind) {
    case Literal::Kind::kString:
      if (v.type == JsonType::kString) return v.str.compare(l.str);
      break;
    case Literal::Kind::kNumber:
      if (v.type == JsonType::kNumber) {
        if (v.num < l.num) return -1;
        if (v.num > l.num) return 1;
        return 0;
      }
      break;
    case Literal::Kind::kTrue: if (v.type == JsonType::kTrue) return 0; break;
    case Literal::Kind::kFalse: if (v.type == JsonType::kFalse) return 0; break;
    case Literal::Kind::kNull: if (v.type == JsonType::kNull) return 0; break;
  }
  comparable = false;
  return 0;
}

bool equals(const Value& v, const Literal& l) {
  bool ok;
  const int c = compare(v, l, ok);
  return ok && c == 0;
}

bool any_equals(const Value& v, const std::vector<Literal>& list) {
  for (const auto& l : list) {
    if (equals(v, l)) return true;
  }
  return false;
}

}  // namespace

bool WhereEvaluator::holds(const Predicate& p, const Document& doc) {
  std::optional<std::string_view> raw = doc.field(p.path.front());
  for (size_t k = 1; raw && k < p.path.size(); ++k) raw = find_member(*raw, p.path[k], key_scratch_);

  switch (p.op) {
    case WhereOp::kExists: return raw.has_value();
    case WhereOp::kMissing: return !raw.has_value();
    case WhereOp::kNe: case WhereOp::kNotIn: if (!raw) return true; break;
    default: if (!raw) return false; break;
  }

  Value v;
  const std::string_view r = trim_json_ws(*raw);
  v.type = json_type(r);
  if (v.type == JsonType::kString) {
    const std::string_view inner = r.size() >= 2 ? r.substr(1, r.size() - 2) : std::string_view();
    if (inner.find('\\') == std::string_view::npos) {
      v.str = inner;  // no escapes: the bytes are the value
    } else if (decode_json_string(r, value_scratch_)) {
      v.str = value_scratch_;
    } else {
      v.type = JsonType::kInvalid;
    }
  } else if (v.type == JsonType::kNumber) {
    auto n = parse_json_number(r);
    if (n) {
      v.num = *n;
    } else {
      v.type = JsonType::kInvalid;
    }
  }

  bool ok = false;
  int c = 0;
  switch (p.op) {
    case WhereOp::kEq: return equals(v, p.values.front());
    case WhereOp::kNe: return !equals(v, p.values.front());
    case WhereOp::kIn: return any_equals(v, p.values);
    case WhereOp::kNotIn: return !any_equals(v, p.values);
    case WhereOp::kLt: c = compare(v, p.values.front(), ok); return ok && c < 0;
    case WhereOp::kLe: c = compare(v, p.values.front(), ok); return ok && c <= 0;
    case WhereOp::kGt: c = compare(v, p.values.front(), ok); return ok && c > 0;
    case WhereOp::kGe: c = compare(v, p.values.front(), ok); return ok && c >= 0;
    case WhereOp::kExists: case WhereOp::kMissing: break;
  }
  return false;
}

}  // namespace dpk::select
