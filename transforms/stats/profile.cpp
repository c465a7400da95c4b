#include "profile.h"

#include <xxhash.h>

#include <algorithm>

#include "dpk/json_text.h"
#include "dpk/json_writer.h"

namespace dpk::stats {

TextShape measure_text(std::string_view text) {
  TextShape s;
  bool in_space = true;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    s.chars += (c & 0xC0) != 0x80;  // every byte but UTF-8 continuation bytes
    const bool space = c == ' ' || (c >= '\t' && c <= '\r');
    s.words += !space && in_space;
    in_space = space;
    s.lines += c == '\n';
  }
  if (!text.empty() && text.back() != '\n') ++s.lines;
  return s;
}

CorpusProfile::CorpusProfile(const ProfileOptions& opts) : presence(opts.max_distinct), opts_(opts) {
  fields.reserve(opts_.fields.size());
  for (size_t i = 0; i < opts_.fields.size(); ++i) fields.emplace_back(opts_.max_distinct);
}

void CorpusProfile::count_value(FieldValues& fv, std::string_view raw) {
  raw = trim_json_ws(raw);
  if (raw.empty() || raw.front() == '{' || raw.front() == '[') {
    ++fv.non_scalar;
    return;
  }
  if (raw.front() == '"') {
    // Decode and re-quote so "\u00e9" and "é" are one value.
    if (decode_json_string(raw, decoded_)) {
      key_.clear();
      append_json_string(key_, decoded_);
      fv.values.add(key_);
      return;
    }
  }
  fv.values.add(raw);
}

void CorpusProfile::count_number(std::string_view key, std::string_view raw) {
  double v;
  if (key == opts_.text_key || key == opts_.id_key || !parse_json_number(trim_json_ws(raw), v)) return;
  auto it = numbers.find(key);
  if (it == numbers.end()) {
    if (numbers.size() >= opts_.max_numeric_fields) {
      numbers_truncated = true;
      return;
    }
    it = numbers.emplace(std::string(key), NumericHistogram()).first;
  }
  it->second.add(v);
}

void CorpusProfile::observe(const Document& doc) {
  ++documents;
  const std::string_view text = doc.text();
  const TextShape shape = measure_text(text);
  empty_texts += text.empty();
  blank_texts += shape.words == 0;
  chars.add(shape.chars);
  words.add(shape.words);
  bytes.add(text.size());
  lines.add(shape.lines);

  if (doc.has_id()) {
    ++with_id;
    ids.insert(XXH3_64bits(doc.id().data(), doc.id().size()));
  }
  for (size_t i = 0; i < fields.size(); ++i) {
    auto raw = doc.field(opts_.fields[i]);
    if (!raw) {
      ++fields[i].missing;
    } else {
      count_value(fields[i], *raw);
    }
  }
  // Presence from the parsed fields; an edited document may have removed
  // some of them (has_field sees edits). The id may have been added by an
  // earlier step (docid) and the text is always there.
  bool id_counted = false, text_counted = false;
  for (const auto& f : doc.fields()) {
    if (doc.edited() && !doc.has_field(f.key)) continue;
    presence.add(f.key);
    id_counted |= f.key == opts_.id_key;
    text_counted |= f.key == opts_.text_key;
  }
  doc.for_each_field([this](std::string_view key, std::string_view raw) { count_number(key, raw); });
  if (!id_counted && doc.has_id()) presence.add(opts_.id_key);
  if (!text_counted) presence.add(opts_.text_key);
}

void CorpusProfile::merge(const CorpusProfile& o) {
  documents += o.documents;
  empty_texts += o.empty_texts;
  blank_texts += o.blank_texts;
  chars.merge(o.chars);
  words.merge(o.words);
  bytes.merge(o.bytes);
  lines.merge(o.lines);
  with_id += o.with_id;
  ids.merge(o.ids);
  for (size_t i = 0; i < fields.size(); ++i) {
    fields[i].values.merge(o.fields[i].values);
    fields[i].missing += o.fields[i].missing;
    fields[i].non_scalar += o.fields[i].non_scalar;
  }
  presence.merge(o.presence);
  numbers_truncated |= o.numbers_truncated;
  for (const auto& [name, h] : o.numbers) {
    auto it = numbers.find(name);
    if (it != numbers.end()) {
      it->second.merge(h);
    } else if (numbers.size() < opts_.max_numeric_fields) {
      numbers.emplace(name, h);
    } else {
      numbers_truncated = true;
    }
  }
}

namespace {

// Mean, min, max and the quantiles of either kind of histogram.
template <class Histogram>
void write_spread(JsonWriter& w, const Histogram& h) {
  w.key("mean"); w.value(h.mean());
  w.key("min"); w.value(h.min());
  w.key("max"); w.value(h.max());
  for (size_t i = 0; i < kQuantiles.size(); ++i) {
    w.key(kQuantileNames[i]);
    w.value(h.quantile(kQuantiles[i]));
  }
}

void write_lengths(JsonWriter& w, const LogHistogram& h) {
  w.begin_object();
  w.key("count"); w.value(h.count());
  w.key("sum"); w.value(h.sum());
  write_spread(w, h);
  w.end_object();
}

}  // namespace

std::string CorpusProfile::to_json() const {
  JsonWriter w(/*pretty=*/true);
  w.begin_object();
  w.key("documents"); w.value(documents);
  w.key("empty_texts"); w.value(empty_texts);
  w.key("blank_texts"); w.value(blank_texts);
  w.key("text_key"); w.value(opts_.text_key);

  w.key("lengths");
  w.begin_object();
  w.key("quantile_relative_error"); w.value(LogHistogram::kRelativeError);
  w.key("quantile_method");
  w.value("nearest rank from a log histogram (8 buckets per power of two): exact below 16, "
          "otherwise within 6.25%; min, max, sum and mean are exact");
  w.key("chars"); write_lengths(w, chars);
  w.key("words"); write_lengths(w, words);
  w.key("bytes"); write_lengths(w, bytes);
  w.key("lines"); write_lengths(w, lines);
  w.end_object();

  w.key("ids");
  w.begin_object();
  w.key("key"); w.value(opts_.id_key);
  w.key("with_id"); w.value(with_id);
  w.key("without_id"); w.value(documents - with_id);
  w.key("distinct"); w.value(ids.size());
  w.key("duplicates"); w.value(duplicate_ids());
  w.key("method"); w.value("exact set of xxh3-64 hashes of the ids (collisions negligible)");
  w.end_object();

  w.key("fields");
  w.begin_object();
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldValues& fv = fields[i];
    w.key(opts_.fields[i]);
    w.begin_object();
    w.key("present"); w.value(documents - fv.missing);
    w.key("missing"); w.value(fv.missing);
    w.key("non_scalar"); w.value(fv.non_scalar);
    w.key("distinct"); w.value(static_cast<uint64_t>(fv.values.distinct()));
    w.key("truncated"); w.value(fv.values.truncated());
    w.key("uncounted"); w.value(fv.values.uncounted());
    w.key("top");
    w.begin_array();
    for (const auto& [value, n] : fv.values.top(opts_.top)) {
      w.begin_object();
      w.key("value"); w.raw(value);
      w.key("count"); w.value(n);
      w.key("fraction"); w.value(fraction(n, documents));
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();

  w.key("field_presence");
  w.begin_object();
  for (const auto& [name, n] : presence.top(presence.distinct())) {
    w.key(name);
    w.begin_object();
    w.key("count"); w.value(n);
    w.key("fraction"); w.value(fraction(n, documents));
    w.end_object();
  }
  w.end_object();
  w.key("field_presence_truncated"); w.value(presence.truncated());

  w.key("numeric_fields");
  w.begin_object();
  for (const auto& [name, h] : numbers) {
    w.key(name);
    w.begin_object();
    w.key("count"); w.value(h.count());
    write_spread(w, h);
    w.end_object();
  }
  w.end_object();
  w.key("numeric_fields_truncated"); w.value(numbers_truncated);
  w.end_object();
  std::string s = w.take();
  s.push_back('\n');
  return s;
}

}  // namespace dpk::stats
