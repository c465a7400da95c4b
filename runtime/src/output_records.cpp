#include "output_records.h"

#include <simdjson.h>
#include <sys/stat.h>

#include <filesystem>

#include "dpk/json_writer.h"
#include "dpk/runtime/run_summary.h"

namespace dpk::runtime {

RunSettings output_settings(const RunPlan& plan) {
  RunSettings s;
  const RunConfig& c = plan.config;
  s["--text-key"] = c.schema.text_key;
  s["--id-key"] = c.schema.id_key;
  s["--compression"] = c.compression;
  s["--compression-level"] = std::to_string(c.compression_level);
  std::string steps;
  for (size_t k = 0; k < plan.steps.size(); ++k) {
    const PlannedStep& st = plan.steps[k];
    const std::string name(st.spec->name);
    steps += (k ? "," : "") + name;
    const std::string prefix = "step " + std::to_string(k + 1) + " (" + name + ") --";
    for (const auto* values : {&st.options, &st.common}) {
      for (const auto& [opt, vals] : values->all()) {
        if (values == &st.common && opt == "threads") continue;  // the same documents on any number
        std::string joined;
        for (size_t i = 0; i < vals.size(); ++i) joined += (i ? "," : "") + vals[i];
        s[prefix + opt] = joined;
      }
    }
  }
  s["steps"] = steps;
  return s;
}

std::string describe_differences(const RunSettings& before, const RunSettings& now) {
  auto quoted = [](const RunSettings& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string("unset") : "'" + it->second + "'";
  };
  std::vector<std::string> keys;
  // A different list of steps says it all; their options differ with it.
  if (quoted(before, "steps") != quoted(now, "steps")) {
    keys.push_back("steps");
  } else {
    for (const auto& [k, v] : before) {
      if (quoted(now, k) != "'" + v + "'") keys.push_back(k);
    }
    for (const auto& [k, v] : now) {
      if (before.count(k) == 0) keys.push_back(k);
    }
  }
  std::string out;
  for (size_t i = 0; i < keys.size() && i < 3; ++i) {
    out += (i ? "; " : "") + keys[i] + ": " + quoted(before, keys[i]) + " before, " + quoted(now, keys[i]) + " now";
  }
  if (keys.size() > 3) out += "; and " + std::to_string(keys.size() - 3) + " more";
  return out;
}

std::string completion_record_json(const CompletionRecord& r) {
  JsonWriter w;
  w.begin_object();
  w.key("input"); w.value(r.input);
  w.key("size"); w.value(r.size);
  w.key("mtime_ns"); w.value(r.mtime_ns);
  w.key("completed"); w.value(utc_now_iso());
  w.key("lines"); w.value(r.lines);
  w.key("tool"); w.value(r.tool);
  w.key("settings"); w.begin_object();
  for (const auto& [k, v] : r.settings) { w.key(k); w.value(v); }
  w.end_object();
  w.key("counts"); w.value(r.counts);
  w.end_object();
  return w.take() + "\n";
}

std::optional<CompletionRecord> read_completion_record(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.load(path).get(doc) != simdjson::SUCCESS) return std::nullopt;
  CompletionRecord r;
  std::string_view input, tool, counts;
  simdjson::dom::object settings;
  if (doc["input"].get(input) || doc["size"].get(r.size) || doc["mtime_ns"].get(r.mtime_ns) ||
      doc["lines"].get(r.lines) || doc["tool"].get(tool) || doc["settings"].get(settings) ||
      doc["counts"].get(counts)) {
    return std::nullopt;
  }
  r.input = input;
  r.tool = tool;
  r.counts = counts;
  for (auto field : settings) {
    std::string_view v;
    if (field.value.get(v)) return std::nullopt;
    r.settings[std::string(field.key)] = std::string(v);
  }
  return r;
}

OutputRecords::OutputRecords(const RunPlan& plan, const std::vector<InputFile>& inputs)
    : tool_(plan.config.tool), output_(plan.config.output), settings_(output_settings(plan)), inputs_(inputs) {
  for (const auto& in : inputs) {
    struct stat st{};
    const bool ok = in.path != "-" && ::stat(in.path.c_str(), &st) == 0;
    sizes_.push_back(ok ? static_cast<uint64_t>(st.st_size) : 0);
    mtimes_.push_back(ok ? static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec : 0);
  }
}

StatusOr<std::vector<std::optional<CompletionRecord>>> OutputRecords::completed(
    const std::vector<MirroredFile>& files, bool overwrite) const {
  std::vector<std::optional<CompletionRecord>> done(files.size());
  if (overwrite) return done;
  for (size_t i = 0; i < files.size() && i < inputs_.size(); ++i) {
    auto rec = read_completion_record(files[i].record);
    if (!rec) continue;  // never completed, or cut short: redo it
    const std::string redo = ": use --overwrite to redo it, or another output directory";
    if (std::string diff = describe_differences(rec->settings, settings_); !diff.empty()) {
      return Status::Usage(output_ + ": " + files[i].path + " was made by " + rec->tool + " with other settings (" +
                           diff + ")" + redo);
    }
    if (inputs_[i].path == "-") continue;
    if (rec->size != sizes_[i] || rec->mtime_ns != mtimes_[i]) {
      return Status::Usage(output_ + ": " + files[i].path + " was made from " + rec->input + " (" +
                           std::to_string(rec->size) + " bytes), and " + inputs_[i].path + " is not that file now (" +
                           std::to_string(sizes_[i]) + " bytes" +
                           (rec->size == sizes_[i] ? ", modified since" : "") + ")" + redo);
    }
    std::error_code ec;
    if (!std::filesystem::exists(files[i].path, ec)) continue;  // the output was lost: redo it
    done[i] = std::move(rec);
  }
  return done;
}

std::string OutputRecords::record_json(size_t i, uint64_t lines, std::string counts) const {
  CompletionRecord r;
  r.input = inputs_[i].path;
  r.size = sizes_[i];
  r.mtime_ns = mtimes_[i];
  r.lines = lines;
  r.tool = tool_;
  r.settings = settings_;
  r.counts = std::move(counts);
  return completion_record_json(r);
}

}  // namespace dpk::runtime
