// where.h — `--where` predicates: parsed once at configure time, evaluated
// per document without allocating (beyond warming a scratch string).
//
// Grammar (whitespace between tokens is free):
//   FIELD OP VALUE          OP: == != < <= > >=
//   FIELD in [V, ...]       FIELD not in [V, ...]
//   exists FIELD            missing FIELD
// FIELD is a top-level key or a dotted path (meta.lang) into nested objects;
// VALUE is a JSON string literal ("en"), a JSON number, true, false or null.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dpk/document.h"
#include "dpk/status.h"

namespace dpk::select {

enum class WhereOp { kEq, kNe, kLt, kLe, kGt, kGe, kIn, kNotIn, kExists, kMissing };

struct Literal {
  enum class Kind { kString, kNumber, kTrue, kFalse, kNull } kind = Kind::kNull;
  std::string str;  // decoded, for kString
  double num = 0;   // for kNumber
};

struct Predicate {
  std::string text;    // the expression as written
  std::string reason;  // "where:" + text; owned here so it outlives the run
  std::vector<std::string> path;
  WhereOp op = WhereOp::kEq;
  std::vector<Literal> values;  // one for comparisons, the list for in / not in
};

// Parses one expression. A malformed one is a usage error that quotes the
// expression and names the 1-based character position of the problem.
StatusOr<Predicate> parse_where(std::string_view expr);

// Evaluates predicates; owns the scratch strings, so one per thread.
class WhereEvaluator {
 public:
  bool holds(const Predicate& p, const Document& doc);

 private:
  std::string value_scratch_;  // a decoded string value with escapes
  std::string key_scratch_;    // a decoded object key with escapes
};

}  // namespace dpk::select
