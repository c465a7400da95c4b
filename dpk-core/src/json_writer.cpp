#include "dpk/json_writer.h"

#include "dpk/json_text.h"

namespace dpk {

void JsonWriter::newline() {
  if (!pretty_) return;
  out_.push_back('\n');
  out_.append(first_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::end_object() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back('}');
}

void JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::end_array() {
  bool empty = first_.back();
  first_.pop_back();
  if (!empty) newline();
  out_.push_back(']');
}

void JsonWriter::key(std::string_view k) {
  before_value();
  append_json_string(out_, k);
  out_.append(pretty_ ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
}

void JsonWriter::value(double v) {
  before_value();
  append_json_number(out_, v);
}

void JsonWriter::value(int64_t v) {
  before_value();
  append_json_int(out_, v);
}

void JsonWriter::value(uint64_t v) {
  before_value();
  out_.append(std::to_string(v));
}

void JsonWriter::value(bool v) {
  before_value();
  out_.append(v ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_.append("null");
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
}

}  // namespace dpk
