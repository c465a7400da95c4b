#include "dpk/document.h"

#include "dpk/json_text.h"

namespace dpk {

void Document::reset(const Schema* schema, std::string_view raw) {
  schema_ = schema;
  raw_ = raw;
  fields_.clear();
  text_.clear();
  id_.clear();
  has_id_ = false;
  live_edits_ = 0;
  drop_reason_ = {};
  reject_message_.clear();
  drop_step = -1;
  source = 0;
  line = 0;
  ordinal = 0;
  child = 0;
  close_brace = 0;
}

bool Document::rebind(const Schema* schema, std::string& error) {
  if (schema == schema_) return true;
  schema_ = schema;
  text_.clear();
  auto text = field(schema->text_key);
  if (text) {
    if (text->empty() || text->front() != '"' || !decode_json_string(*text, text_)) {
      error = "field '" + schema->text_key + "' is not a string";
      return false;
    }
  } else if (schema->text_required) {
    error = "missing text field '" + schema->text_key + "'";
    return false;
  }
  // As the parser reads an id: a string decoded, a number as its literal.
  id_.clear();
  has_id_ = false;
  if (auto id = field(schema->id_key); id && !id->empty()) {
    if (id->front() == '"') {
      has_id_ = decode_json_string(*id, id_);
    } else if (parse_json_number(*id)) {
      id_.assign(*id);
      has_id_ = true;
    }
  }
  return true;
}

void Document::trim_capacity(size_t bytes) {
  if (text_.capacity() > bytes) std::string().swap(text_);
  for (auto& e : edits_) {
    if (e.value.capacity() > bytes) std::string().swap(e.value);
  }
}

const Document::Edit* Document::find_edit(std::string_view key) const {
  for (size_t i = 0; i < live_edits_; ++i) {
    if (edits_[i].key == key) return &edits_[i];
  }
  return nullptr;
}

Document::Edit& Document::edit_for(std::string_view key) {
  for (size_t i = 0; i < live_edits_; ++i) {
    if (edits_[i].key == key) return edits_[i];
  }
  if (live_edits_ == edits_.size()) edits_.emplace_back();
  Edit& e = edits_[live_edits_++];
  e.key.assign(key);
  e.value.clear();
  e.removed = false;
  return e;
}

std::optional<std::string_view> Document::field(std::string_view key) const {
  if (const Edit* e = find_edit(key)) {
    if (e->removed) return std::nullopt;
    return std::string_view(e->value);
  }
  for (const auto& f : fields_) {
    if (f.key == key) return raw_.substr(f.value_begin, f.value_end - f.value_begin);
  }
  return std::nullopt;
}

bool Document::get_string(std::string_view key, std::string& out) const {
  if (key == schema_->text_key) {
    out.assign(text_);
    return true;
  }
  auto raw = field(key);
  if (!raw || raw->empty() || raw->front() != '"') return false;
  return decode_json_string(*raw, out);
}

std::optional<double> Document::get_number(std::string_view key) const {
  auto raw = field(key);
  if (!raw) return std::nullopt;
  return parse_json_number(*raw);
}

void Document::assign_with_text(const Document& from, std::string_view text) {
  source = from.source;
  line = from.line;
  file_index = from.file_index;
  ordinal = from.ordinal;
  child = from.child;
  drop_step = from.drop_step;
  close_brace = from.close_brace;
  schema_ = from.schema_;
  raw_ = from.raw_;
  fields_ = from.fields_;
  id_ = from.id_;
  has_id_ = from.has_id_;
  drop_reason_ = from.drop_reason_;
  reject_message_ = from.reject_message_;
  live_edits_ = 0;
  for (size_t i = 0; i < from.live_edits_; ++i) {
    const Edit& e = from.edits_[i];
    if (live_edits_ == edits_.size()) edits_.emplace_back();
    Edit& mine = edits_[live_edits_++];
    mine.key = e.key;
    mine.removed = e.removed;
    // The text edit's value is the parent's whole text, quoted: set below.
    if (e.key == schema_->text_key) mine.value.clear(); else mine.value = e.value;
  }
  set_text(text);
}

void Document::set_text(std::string_view text) {
  std::string quoted;
  append_json_string(quoted, text);
  Edit& e = edit_for(schema_->text_key);
  e.value = std::move(quoted);
  e.removed = false;
  text_.assign(text);
}

void Document::set_id(std::string_view id) {
  Edit& e = edit_for(schema_->id_key);
  e.value.clear();
  append_json_string(e.value, id);
  e.removed = false;
  id_.assign(id);
  has_id_ = true;
}

void Document::set_raw(std::string_view key, std::string_view json_value) {
  Edit& e = edit_for(key);
  e.value.assign(json_value);
  e.removed = false;
}

void Document::set_string(std::string_view key, std::string_view value) {
  if (key == schema_->text_key) return set_text(value);
  if (key == schema_->id_key) return set_id(value);
  Edit& e = edit_for(key);
  e.value.clear();
  append_json_string(e.value, value);
  e.removed = false;
}

void Document::set_number(std::string_view key, double value) {
  Edit& e = edit_for(key);
  e.value.clear();
  append_json_number(e.value, value);
  e.removed = false;
}

void Document::set_int(std::string_view key, int64_t value) {
  Edit& e = edit_for(key);
  e.value.clear();
  append_json_int(e.value, value);
  e.removed = false;
}

void Document::set_bool(std::string_view key, bool value) {
  set_raw(key, value ? "true" : "false");
}

void Document::remove(std::string_view key) {
  Edit& e = edit_for(key);
  e.value.clear();
  e.removed = true;
  if (key == schema_->id_key) {
    has_id_ = false;
    id_.clear();
  }
}

bool Document::rename(std::string_view from, std::string_view to) {
  if (from == to) return has_field(from);
  auto v = field(from);
  if (!v) return false;
  std::string value(*v);
  // Remove the old key first: the target's edit may reallocate edits_.
  remove(from);
  if (find_edit(to) == nullptr) {
    // Drop an original field of that name, then append the moved value.
    for (const auto& f : fields_) {
      if (f.key == to) {
        remove(to);
        break;
      }
    }
  }
  Edit& e = edit_for(to);
  e.value = std::move(value);
  e.removed = false;
  return true;
}

void Document::serialize(std::string& out) const {
  if (live_edits_ == 0) {
    out.append(raw_);
    return;
  }
  // Which edits matched an original field; a small inline set avoids a heap
  // allocation for every edited document.
  constexpr size_t kInline = 64;
  bool inline_used[kInline] = {};
  std::vector<bool> heap_used(live_edits_ > kInline ? live_edits_ : 0, false);
  auto mark = [&](size_t i) { live_edits_ > kInline ? (void)(heap_used[i] = true) : (void)(inline_used[i] = true); };
  auto is_used = [&](size_t i) { return live_edits_ > kInline ? heap_used[i] : inline_used[i]; };
  auto edit_index = [&](std::string_view key) -> int {
    for (size_t i = 0; i < live_edits_; ++i) {
      if (edits_[i].key == key) return static_cast<int>(i);
    }
    return -1;
  };
  const char* r = raw_.data();
  // Everything before the first key (the brace and any whitespace).
  const uint32_t head_end = fields_.empty() ? close_brace : fields_.front().key_begin;
  out.append(r, head_end);
  bool first = true;
  int prev_written = -2;  // index of the last original field written
  for (size_t i = 0; i < fields_.size(); ++i) {
    const FieldSpan& f = fields_[i];
    int ei = edit_index(f.key);
    if (ei >= 0) mark(static_cast<size_t>(ei));
    if (ei >= 0 && edits_[static_cast<size_t>(ei)].removed) continue;
    if (!first) {
      if (prev_written == static_cast<int>(i) - 1) {
        const FieldSpan& p = fields_[i - 1];
        out.append(r + p.value_end, f.key_begin - p.value_end);
      } else {
        out.push_back(',');
      }
    }
    if (ei >= 0) {
      out.append(r + f.key_begin, f.value_begin - f.key_begin);
      out.append(edits_[static_cast<size_t>(ei)].value);
    } else {
      out.append(r + f.key_begin, f.value_end - f.key_begin);
    }
    first = false;
    prev_written = static_cast<int>(i);
  }
  for (size_t i = 0; i < live_edits_; ++i) {
    const Edit& e = edits_[i];
    if (is_used(i) || e.removed) continue;
    if (!first) out.push_back(',');
    append_json_string(out, e.key);
    out.push_back(':');
    out.append(e.value);
    first = false;
  }
  // Whitespace before the closing brace, the brace, and anything after it.
  const uint32_t tail_begin = fields_.empty() ? close_brace : fields_.back().value_end;
  out.append(r + tail_begin, raw_.size() - tail_begin);
}

}  // namespace dpk
