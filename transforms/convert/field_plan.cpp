#include "field_plan.h"

#include <algorithm>

namespace dpk::convert {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Status check_not_text(std::string_view option, std::string_view field, const FieldPlan& p) {
  if (field == p.text_key) {
    return Status::Usage("--" + std::string(option) + ": '" + std::string(field) +
                         "' is the text field and cannot be dropped or renamed; to read the text "
                         "from another field use --text-key");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<FieldPlan> make_field_plan(const OptionValues& v, const Schema& schema) {
  FieldPlan p;
  p.text_key = schema.text_key;
  p.id_key = schema.id_key;
  p.keep = v.get_list("keep-fields");
  p.drop = v.get_list("drop-fields");
  if (!p.keep.empty() && !p.drop.empty()) {
    return Status::Usage("--keep-fields and --drop-fields: give one or the other, not both");
  }
  // Dropping the id is allowed (it strips ids); dropping the text would leave
  // a line that is no longer a document.
  for (const auto& f : p.drop) DPK_RETURN_IF_ERROR(check_not_text("drop-fields", f, p));
  for (const auto& r : v.get_list("rename")) {
    const size_t eq = r.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == r.size()) {
      return Status::Usage("--rename '" + r + "': expected OLD=NEW");
    }
    std::string from = r.substr(0, eq), to = r.substr(eq + 1);
    // The runtime and later steps find the text and id by key: moving them
    // would silently hide them, so point --text-key/--id-key at them instead.
    for (const auto& f : {from, to}) {
      if (f == p.text_key || f == p.id_key) {
        return Status::Usage("--rename '" + r + "': '" + f + "' is the " +
                             (f == p.text_key ? "text" : "id") +
                             " field and cannot be renamed; to read it from another field use " +
                             (f == p.text_key ? "--text-key" : "--id-key"));
      }
    }
    if (from == to) return Status::Usage("--rename '" + r + "': renames a field to itself");
    if (contains(p.drop, from)) {
      return Status::Usage("--rename '" + r + "': '" + from + "' is also in --drop-fields");
    }
    p.renames.emplace_back(std::move(from), std::move(to));
  }
  // Renames are applied one after another; a chain (a=b, b=c) or swap would
  // depend on that order, so each name may appear once on either side.
  for (size_t i = 0; i < p.renames.size(); ++i) {
    for (size_t j = 0; j < p.renames.size(); ++j) {
      if (i == j) continue;
      const auto& a = p.renames[i];
      const auto& b = p.renames[j];
      if (a.first == b.first || a.second == b.second || a.second == b.first) {
        return Status::Usage("--rename '" + a.first + "=" + a.second + "' and '" + b.first + "=" +
                             b.second + "': a field may be renamed once, and not to a name that is "
                             "itself renamed");
      }
    }
  }
  return p;
}

std::string FieldPlan::describe() const {
  std::string s;
  auto list = [&](const char* what, const std::vector<std::string>& v) {
    if (v.empty()) return;
    if (!s.empty()) s += "; ";
    s += what;
    for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : " ") + v[i];
  };
  list("keep", keep);
  list("drop", drop);
  for (size_t i = 0; i < renames.size(); ++i) {
    s += i == 0 ? (s.empty() ? "rename " : "; rename ") : ", ";
    s += renames[i].first + "->" + renames[i].second;
  }
  return s;
}

bool FieldEditor::kept(std::string_view key) const {
  if (key == plan_.text_key || key == plan_.id_key || contains(plan_.keep, key)) return true;
  for (const auto& r : plan_.renames) {
    if (r.first == key) return true;  // a field to be renamed is wanted
  }
  return false;
}

void FieldEditor::apply(Document& doc) {
  if (!plan_.keep.empty()) {
    // remove() records an edit and leaves fields() as it is, so iterating is safe.
    for (const auto& f : doc.fields()) {
      if (!kept(f.key)) doc.remove(f.key);
    }
  }
  for (const auto& name : plan_.drop) {
    // Only present fields: an edit for an absent one would force re-serializing.
    if (doc.has_field(name)) doc.remove(name);
  }
  for (const auto& [from, to] : plan_.renames) {
    auto v = doc.field(from);
    if (!v) continue;
    // Like Document::rename, but through a reused buffer (no allocation per
    // document); an existing `to` is overwritten where it stands, a new one
    // goes last. Copy first: `v` may point into the edit remove() clears.
    value_.assign(*v);
    doc.remove(from);
    doc.set_raw(to, value_);
  }
}

}  // namespace dpk::convert
