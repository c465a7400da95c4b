// convert/field_plan.h — which top-level fields dpk-convert keeps, drops and
// renames, checked once from the options, then applied to every document.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "dpk/document.h"
#include "dpk/options.h"
#include "dpk/status.h"

namespace dpk::convert {

struct FieldPlan {
  std::string text_key, id_key;
  std::vector<std::string> keep;  // empty: keep every field
  std::vector<std::string> drop;
  std::vector<std::pair<std::string, std::string>> renames;  // old, new
  bool empty() const { return keep.empty() && drop.empty() && renames.empty(); }
  // One line for --explain.
  std::string describe() const;
};

// Reads --keep-fields, --drop-fields and --rename; a contradiction (the text
// field renamed or dropped, a chain of renames ...) is a usage error.
StatusOr<FieldPlan> make_field_plan(const OptionValues& v, const Schema& schema);

// Applies a plan. Keep/drop name input fields and run first; renames run
// after them. Holds scratch, so one instance per thread.
class FieldEditor {
 public:
  explicit FieldEditor(FieldPlan plan) : plan_(std::move(plan)) {}
  void apply(Document& doc);

 private:
  bool kept(std::string_view key) const;
  FieldPlan plan_;
  std::string value_;  // a renamed field's value, reused across documents
};

}  // namespace dpk::convert
