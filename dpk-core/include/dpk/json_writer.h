// dpk/json_writer.h — a small streaming JSON writer for summaries, profiles
// and records (not for documents, which are spliced, see document.h).
//
//   dpk::JsonWriter w(/*pretty=*/true);
//   w.begin_object(); w.key("docs"); w.value(int64_t{12}); w.end_object();
//   std::string s = w.take();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dpk {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = false) : pretty_(pretty) {}
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(double v);
  void value(int64_t v);
  void value(uint64_t v);
  void value(int v) { value(static_cast<int64_t>(v)); }
  void value(bool v);
  void null();
  // Inserts already-serialized JSON as a value.
  void raw(std::string_view json);
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  void newline();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
  bool pretty_;
};

}  // namespace dpk
