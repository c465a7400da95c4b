#include "dpk/document_parser.h"

#include <simdjson.h>

#include "dpk/json_text.h"

namespace dpk {

static_assert(DocumentParser::kPadding == simdjson::SIMDJSON_PADDING);

struct DocumentParser::Impl {
  simdjson::ondemand::parser parser;
  std::string key_scratch;
};

DocumentParser::DocumentParser() : impl_(std::make_unique<Impl>()) {}
DocumentParser::~DocumentParser() = default;

namespace {

// Finds the closing quote of a key whose content starts at `p`.
const char* key_end(const char* p, const char* end) {
  while (p < end) {
    if (*p == '\\') {
      p += 2;
      continue;
    }
    if (*p == '"') return p;
    ++p;
  }
  return nullptr;
}

bool fail(std::string& error, std::string_view what, simdjson::error_code code) {
  error.assign(what);
  error.append(": ");
  error.append(simdjson::error_message(code));
  return false;
}

}  // namespace

bool DocumentParser::parse(std::string_view line, size_t readable, const Schema& schema,
                           Document& doc, std::string& error) {
  using namespace simdjson;
  out_of_memory_ = false;
  doc.reset(&schema, line);
  const char* base = line.data();
  const char* end = base + line.size();
  ondemand::document jdoc;
  auto err = impl_->parser.iterate(padded_string_view(base, line.size(), readable)).get(jdoc);
  if (err == MEMALLOC) {
    out_of_memory_ = true;
    error = "out of memory: the JSON parser could not allocate its buffers for a line of " +
            std::to_string(line.size()) + " bytes";
    return false;
  }
  if (err) return fail(error, "malformed JSON", err);
  ondemand::object obj;
  if ((err = jdoc.get_object().get(obj))) {
    if (err == INCORRECT_TYPE) {
      error = "not a JSON object";
      return false;
    }
    return fail(error, "malformed JSON", err);
  }
  bool have_text = false;
  auto& fields = doc.mutable_fields();
  for (auto field_result : obj) {
    ondemand::field field;
    if ((err = std::move(field_result).get(field))) return fail(error, "malformed JSON", err);
    const char* kraw = field.key().raw();
    const char* kend = key_end(kraw, end);
    if (kend == nullptr) {
      error = "malformed JSON: unterminated key";
      return false;
    }
    Document::FieldSpan span;
    std::string_view key_literal(kraw, static_cast<size_t>(kend - kraw));
    if (key_literal.find('\\') == std::string_view::npos) {
      span.key.assign(key_literal);
    } else if (!decode_json_string(std::string_view(kraw - 1, key_literal.size() + 2), span.key)) {
      error = "malformed JSON: bad escape in key";
      return false;
    }
    span.key_begin = static_cast<uint32_t>(kraw - 1 - base);
    ondemand::value value = field.value();
    ondemand::json_type type;
    if ((err = value.type().get(type))) return fail(error, "malformed JSON", err);
    std::string_view raw;
    const bool is_text = !have_text && span.key == schema.text_key;
    const bool is_id = !doc.has_id() && span.key == schema.id_key;
    switch (type) {
      case ondemand::json_type::object: {
        ondemand::object o;
        if ((err = value.get_object().get(o)) || (err = o.raw_json().get(raw))) {
          return fail(error, "malformed JSON", err);
        }
        break;
      }
      case ondemand::json_type::array: {
        ondemand::array a;
        if ((err = value.get_array().get(a)) || (err = a.raw_json().get(raw))) {
          return fail(error, "malformed JSON", err);
        }
        break;
      }
      default: {
        raw = trim_json_ws(value.raw_json_token());
        if (type == ondemand::json_type::string && (is_text || is_id)) {
          std::string_view s;
          if ((err = value.get_string().get(s))) return fail(error, "malformed JSON", err);
          (is_text ? doc.mutable_text() : doc.mutable_id()).assign(s);
        } else if (type == ondemand::json_type::number) {
          double d;
          if (value.get_double().get(d)) {
            error = "malformed JSON: bad number " + std::string(raw.substr(0, 40));
            return false;
          }
          if (is_id) doc.mutable_id().assign(raw);
        } else if (type == ondemand::json_type::boolean) {
          bool b;
          if ((err = value.get_bool().get(b))) return fail(error, "malformed JSON", err);
        } else if (type == ondemand::json_type::null) {
          // is_null() gives an error for a literal that only starts like
          // null ("nrue"): read as a bool, that error would be thrown.
          bool is_null = false;
          if (value.is_null().get(is_null) || !is_null) {
            error = "malformed JSON: bad literal";
            return false;
          }
        }
      }
    }
    if (is_text) {
      if (type != ondemand::json_type::string) {
        error = "field '" + schema.text_key + "' is not a string";
        return false;
      }
      have_text = true;
    }
    if (is_id && (type == ondemand::json_type::string || type == ondemand::json_type::number)) {
      doc.set_has_id(true);
    }
    raw = trim_json_ws(raw);  // raw_json() of a container can include trailing blanks
    span.value_begin = static_cast<uint32_t>(raw.data() - base);
    span.value_end = static_cast<uint32_t>(span.value_begin + raw.size());
    fields.push_back(std::move(span));
  }
  // Nothing but whitespace may follow the object's closing brace.
  size_t last = line.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos || line[last] != '}' ||
      (!fields.empty() && last < fields.back().value_end)) {
    error = "malformed JSON: trailing content after the object";
    return false;
  }
  // On-Demand does not look at what it skips: with quotes out of balance
  // ("\u00e\"" in an unread string) it can end the object early and not
  // notice. Each value must be followed by a comma, the last by the brace.
  for (size_t i = 0; i < fields.size(); ++i) {
    size_t at = fields[i].value_end;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r' || line[at] == '\n')) ++at;
    const bool last_field = i + 1 == fields.size();
    if (at >= line.size() || line[at] != (last_field ? '}' : ',') || (last_field && at != last)) {
      error = "malformed JSON: expected ',' or '}' after a value";
      return false;
    }
  }
  const char* loc = nullptr;
  if (jdoc.current_location().get(loc) == SUCCESS && loc != nullptr && loc < end) {
    error = "malformed JSON: trailing content after the object";
    return false;
  }
  doc.close_brace = static_cast<uint32_t>(last);
  if (!have_text && schema.text_required) {
    error = "missing text field '" + schema.text_key + "'";
    return false;
  }
  return true;
}

}  // namespace dpk

namespace dpk {
bool cpu_supported(std::string& why) {
#if defined(DPK_NEEDS_AVX2)
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2") ||
      !__builtin_cpu_supports("pclmul")) {
    why = "this build of dpk needs an x86-64 CPU with AVX2, BMI2 and PCLMUL (x86-64-v3)";
    return false;
  }
#endif
  (void)why;
  return true;
}
std::string_view json_kernel_name() { return simdjson::builtin_implementation()->name(); }
}  // namespace dpk
