// dpk/document.h — one JSONL document: the original line, its decoded text
// and id, and the edits steps made to it.
//
// The original bytes are kept. Serializing a document that only gained fields
// copies the original line and splices the new fields in before its closing
// brace; a replaced or removed field is cut out or substituted in place. Every
// other field comes out byte-for-byte as it came in.
//
//   dpk::Document& d = ...;              // filled by DocumentParser
//   if (d.text().size() < 100) d.drop("too_short");
//   d.set_string("lang", "en");          // {"id":1,"text":"...","lang":"en"}
//   std::string line; d.serialize(line);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dpk {

// Names of the two fields dpk reads itself (--text-key, --id-key).
struct Schema {
  std::string text_key = "text";
  std::string id_key = "id";
  // False when the run's first step reads another field (dpk-extract reads
  // `html`): a document without the text field is then not malformed.
  bool text_required = true;
};

class Document {
 public:
  // Where the document came from: input file index, 1-based line in that
  // file, and 0-based position in this shard's input stream. The ordinal is
  // what order-dependent steps key on: it does not depend on thread count.
  uint32_t source = 0;
  uint64_t line = 0;
  // Index of the input file in the run's full sorted input list (all
  // shards): with `line`, a position that is the same for any thread count
  // and any shard count, which global steps (dedup) key on.
  uint32_t file_index = 0;
  uint64_t ordinal = 0;
  // Index of a chunk within its parent after a splitter; 0 otherwise.
  uint32_t child = 0;

  // Clears everything; keeps capacity so a reused Document does not allocate.
  void reset(const Schema* schema, std::string_view raw);
  // Frees buffers grown past `bytes` by an unusually large document, so a
  // reused Document's memory follows the data in flight, not the largest
  // document it ever held.
  void trim_capacity(size_t bytes);

  std::string_view raw() const { return raw_; }
  const Schema& schema() const { return *schema_; }
  // Reads text and id from the fields `schema` names instead, as they stand
  // now (edits included): a recipe step with its own --text-key or --id-key
  // sees the document as `dpk-NAME --text-key KEY` would. False, with
  // `error` as the parser words it, when the text field is not a string, or
  // is missing and `schema->text_required`. `schema` must outlive the
  // document's use. Costs nothing when `schema` is already the document's.
  bool rebind(const Schema* schema, std::string& error);

  // The current text (decoded), after any set_text.
  std::string_view text() const { return text_; }
  // The current id as a string; a numeric id is given as its JSON literal.
  bool has_id() const { return has_id_; }
  std::string_view id() const { return id_; }

  // Raw JSON of a top-level field's current value, or nullopt if absent.
  std::optional<std::string_view> field(std::string_view key) const;
  bool has_field(std::string_view key) const { return field(key).has_value(); }
  // Decodes a string field into `out`; false when absent or not a string.
  bool get_string(std::string_view key, std::string& out) const;
  // A numeric field (or a string holding a number is *not* converted).
  std::optional<double> get_number(std::string_view key) const;

  // Makes this document a copy of `from` whose text is `text`: every field,
  // edit and position is copied except the text, which is never copied
  // whole. A splitter makes many children of one large parent; copying the
  // parent (and then replacing the text, which keeps the parent's capacity)
  // would cost the parent's size per child.
  void assign_with_text(const Document& from, std::string_view text);

  // Edits. Values are JSON text for set_raw; the typed setters quote/format.
  void set_text(std::string_view text);
  void set_id(std::string_view id);
  void set_raw(std::string_view key, std::string_view json_value);
  void set_string(std::string_view key, std::string_view value);
  void set_number(std::string_view key, double value);
  void set_int(std::string_view key, int64_t value);
  void set_bool(std::string_view key, bool value);
  void remove(std::string_view key);
  // Moves a field's value to a new key (the renamed field goes last).
  bool rename(std::string_view from, std::string_view to);
  bool edited() const { return live_edits_ != 0; }

  // Calls fn(key, raw_json_value) for every top-level field as it stands
  // now: original fields in order (with edits applied, removed ones
  // skipped), then fields added by steps.
  template <typename Fn>
  void for_each_field(Fn&& fn) const {
    for (const auto& f : fields_) {
      if (const Edit* e = find_edit(f.key)) {
        if (!e->removed) fn(std::string_view(f.key), std::string_view(e->value));
      } else {
        fn(std::string_view(f.key), raw_.substr(f.value_begin, f.value_end - f.value_begin));
      }
    }
    for (size_t i = 0; i < live_edits_; ++i) {
      const Edit& e = edits_[i];
      if (e.removed) continue;
      bool original = false;
      for (const auto& f : fields_) original |= f.key == e.key;
      if (!original) fn(std::string_view(e.key), std::string_view(e.value));
    }
  }

  // Keep-or-drop. `reason` must outlive the run (a literal or a string the
  // transform owns), because counts are gathered after the step returns.
  void drop(std::string_view reason) { drop_reason_ = reason; }
  bool dropped() const { return !drop_reason_.empty(); }
  std::string_view drop_reason() const { return drop_reason_; }

  // Bad input found by a step (a corrupt PDF inside the record): the
  // document is rejected as if its line had not parsed. The runtime handles
  // it under --on-error (fail names `message` with the file and line; skip
  // counts it by the text before the first ':'; quarantine writes the line)
  // and counts it as rejected, not dropped. Later steps skip it, as a
  // dropped document.
  void reject(std::string_view message) {
    reject_message_ = message;
    if (reject_message_.empty()) reject_message_ = "rejected by a step";
    drop_reason_ = kRejectedReason;
  }
  bool rejected() const { return !reject_message_.empty(); }
  const std::string& reject_message() const { return reject_message_; }
  static constexpr std::string_view kRejectedReason = "rejected";
  int drop_step = -1;  // set by the runtime: which step dropped it

  // Appends the document as one JSON object (no newline).
  void serialize(std::string& out) const;

  // Filled by DocumentParser.
  struct FieldSpan {
    std::string key;
    uint32_t key_begin;    // offset of the key's opening quote
    uint32_t value_begin;  // offset of the value's first byte
    uint32_t value_end;    // one past the value's last byte
  };
  std::vector<FieldSpan>& mutable_fields() { return fields_; }
  const std::vector<FieldSpan>& fields() const { return fields_; }
  std::string& mutable_text() { return text_; }
  std::string& mutable_id() { return id_; }
  void set_has_id(bool v) { has_id_ = v; }
  // Offset of the closing brace of the object in raw().
  uint32_t close_brace = 0;

 private:
  struct Edit {
    std::string key;
    std::string value;  // JSON text; unused when removed
    bool removed = false;
  };
  const Edit* find_edit(std::string_view key) const;
  Edit& edit_for(std::string_view key);

  const Schema* schema_ = nullptr;
  std::string_view raw_;
  std::vector<FieldSpan> fields_;
  std::string text_;
  std::string id_;
  bool has_id_ = false;
  std::vector<Edit> edits_;
  size_t live_edits_ = 0;  // edits_ entries in use (the rest keep capacity)
  std::string_view drop_reason_;
  std::string reject_message_;
};

}  // namespace dpk
