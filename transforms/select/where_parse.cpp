// Hand-written recursive-descent parser for --where (no std::regex).
#include <charconv>

#include "dpk/json_text.h"
#include "where.h"

namespace dpk::select {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes a bare key may hold: anything printable but the characters the
// grammar uses, so `a.b=="x"` still splits where a reader expects.
bool is_key_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u < 0x21 || u == 0x7F) return false;
  switch (c) {
    case '.': case '=': case '!': case '<': case '>':
    case '[': case ']': case ',': case '"': case '\'':
      return false;
    default:
      return true;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  StatusOr<Predicate> parse() {
    Predicate p;
    p.text = std::string(s_);
    p.reason = "where:" + p.text;
    skip_ws();
    if (keyword_form(p)) {
      if (!err_.empty()) return error();
      return p;
    }
    if (!parse_field(p.path)) return error();
    skip_ws();
    if (!parse_op(p.op)) return error();
    skip_ws();
    if (p.op == WhereOp::kIn || p.op == WhereOp::kNotIn) {
      if (!parse_list(p.values)) return error();
    } else {
      const size_t at = i_;
      Literal v;
      if (!parse_value(v)) return error();
      const bool ordered = p.op != WhereOp::kEq && p.op != WhereOp::kNe;
      if (ordered && v.kind != Literal::Kind::kString && v.kind != Literal::Kind::kNumber) {
        i_ = at;
        return fail("<, <=, > and >= compare numbers or strings only");
      }
      p.values.push_back(std::move(v));
    }
    skip_ws();
    if (i_ != s_.size()) return fail("unexpected text after the expression");
    return p;
  }

 private:
  Status fail(std::string what) {
    err_ = std::move(what);
    return error();
  }
  Status error() const {
    return Status::Usage("--where '" + std::string(s_) + "': at position " + std::to_string(i_ + 1) +
                         ": " + err_);
  }
  bool set_error(std::string what) {
    err_ = std::move(what);
    return false;
  }

  void skip_ws() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }
  bool at_end() const { return i_ >= s_.size(); }

  // True when s_ has `word` at i_, followed by whitespace, `stop`, or the end.
  bool word_at(size_t i, std::string_view word, char stop = '\0') const {
    if (s_.substr(i, word.size()) != word) return false;
    const size_t e = i + word.size();
    return e == s_.size() || is_space(s_[e]) || (stop != '\0' && s_[e] == stop);
  }

  // `exists FIELD` / `missing FIELD`. Only that exact shape: a field that
  // happens to be called "exists" can still be compared (`exists == 1`).
  bool keyword_form(Predicate& p) {
    WhereOp op;
    size_t len;
    if (word_at(i_, "exists")) {
      op = WhereOp::kExists, len = 6;
    } else if (word_at(i_, "missing")) {
      op = WhereOp::kMissing, len = 7;
    } else {
      return false;
    }
    const size_t start = i_;
    i_ += len;
    skip_ws();
    if (at_end()) {
      set_error("expected a field name after '" + std::string(s_.substr(start, len)) + "'");
      return true;
    }
    Parser probe(s_);
    probe.i_ = i_;
    std::vector<std::string> path;
    if (probe.parse_field(path)) {
      probe.skip_ws();
      if (probe.at_end()) {
        p.op = op;
        p.path = std::move(path);
        i_ = probe.i_;
        return true;
      }
    }
    i_ = start;  // not the keyword form: read it as FIELD OP VALUE
    return false;
  }

  bool parse_field(std::vector<std::string>& path) {
    for (;;) {
      const size_t start = i_;
      while (i_ < s_.size() && is_key_char(s_[i_])) ++i_;
      if (i_ == start) {
        return set_error(path.empty() ? "expected a field name" : "expected a key after '.'");
      }
      path.emplace_back(s_.substr(start, i_ - start));
      if (i_ < s_.size() && s_[i_] == '.') {
        ++i_;
        continue;
      }
      return true;
    }
  }

  bool parse_op(WhereOp& op) {
    static constexpr std::string_view kExpected = "expected an operator (== != < <= > >= in, not in)";
    const std::string_view rest = s_.substr(i_);
    struct Sym { std::string_view text; WhereOp op; };
    static constexpr Sym kSyms[] = {{"==", WhereOp::kEq}, {"!=", WhereOp::kNe}, {"<=", WhereOp::kLe},
                                    {">=", WhereOp::kGe}, {"<", WhereOp::kLt},  {">", WhereOp::kGt}};
    for (const auto& s : kSyms) {
      if (rest.substr(0, s.text.size()) == s.text) {
        op = s.op;
        i_ += s.text.size();
        return true;
      }
    }
    if (word_at(i_, "in", '[')) {
      op = WhereOp::kIn;
      i_ += 2;
      return true;
    }
    if (word_at(i_, "not")) {
      i_ += 3;
      skip_ws();
      if (!word_at(i_, "in", '[')) return set_error("expected 'in' after 'not'");
      op = WhereOp::kNotIn;
      i_ += 2;
      return true;
    }
    if (!rest.empty() && rest.front() == '=') return set_error(std::string(kExpected) + "; use == to test equality");
    return set_error(std::string(kExpected));
  }

  bool parse_list(std::vector<Literal>& out) {
    if (at_end() || s_[i_] != '[') return set_error("expected '[' to open the list");
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;  // an empty list: `in []` never holds, `not in []` always does
    }
    for (;;) {
      Literal v;
      skip_ws();
      if (!parse_value(v)) return false;
      out.push_back(std::move(v));
      skip_ws();
      if (at_end()) return set_error("expected ',' or ']' (the list is not closed)");
      if (s_[i_] == ']') {
        ++i_;
        return true;
      }
      if (s_[i_] != ',') return set_error("expected ',' or ']' in the list");
      ++i_;
    }
  }

  bool parse_value(Literal& v) {
    static constexpr std::string_view kExpected =
        "expected a value: a JSON string such as \"en\" (with double quotes), a number, true, false or null";
    if (at_end()) return set_error(std::string(kExpected));
    const char c = s_[i_];
    if (c == '"') return parse_string(v);
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(v);
    struct Word { std::string_view text; Literal::Kind kind; };
    static constexpr Word kWords[] = {{"true", Literal::Kind::kTrue},
                                      {"false", Literal::Kind::kFalse},
                                      {"null", Literal::Kind::kNull}};
    for (const auto& w : kWords) {
      const size_t e = i_ + w.text.size();
      if (s_.substr(i_, w.text.size()) == w.text && (e == s_.size() || !is_key_char(s_[e]))) {
        v.kind = w.kind;
        i_ = e;
        return true;
      }
    }
    return set_error(std::string(kExpected));
  }

  bool parse_string(Literal& v) {
    size_t j = i_ + 1;
    while (j < s_.size() && s_[j] != '"') j += s_[j] == '\\' ? 2 : 1;
    if (j >= s_.size()) return set_error("the string is not closed (missing '\"')");
    if (!decode_json_string(s_.substr(i_, j + 1 - i_), v.str)) {
      return set_error("malformed JSON string (bad escape)");
    }
    v.kind = Literal::Kind::kString;
    i_ = j + 1;
    return true;
  }

  // JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool parse_number(Literal& v) {
    const size_t start = i_;
    size_t j = i_;
    auto digits = [&] {
      const size_t d = j;
      while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
      return j > d;
    };
    if (s_[j] == '-') ++j;
    if (j < s_.size() && s_[j] == '0') {
      ++j;
    } else if (!digits()) {
      i_ = j;
      return set_error("malformed number");
    }
    if (j < s_.size() && s_[j] == '.') {
      ++j;
      if (!digits()) {
        i_ = j;
        return set_error("malformed number (digits must follow '.')");
      }
    }
    if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
      ++j;
      if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
      if (!digits()) {
        i_ = j;
        return set_error("malformed number (digits must follow the exponent)");
      }
    }
    if (j < s_.size() && is_key_char(s_[j])) {
      i_ = j;
      return set_error("malformed number");
    }
    auto r = std::from_chars(s_.data() + start, s_.data() + j, v.num);
    if (r.ec != std::errc() || r.ptr != s_.data() + j) {
      return set_error("number out of range");
    }
    v.kind = Literal::Kind::kNumber;
    i_ = j;
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string err_;
};

}  // namespace

StatusOr<Predicate> parse_where(std::string_view expr) { return Parser(expr).parse(); }

}  // namespace dpk::select
