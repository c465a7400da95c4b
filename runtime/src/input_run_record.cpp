#include "input_run_record.h"

#include <simdjson.h>

#include <algorithm>
#include <filesystem>

namespace dpk::runtime {

namespace fs = std::filesystem;

namespace {

uint64_t get_u64(simdjson::dom::element e, const char* key) {
  uint64_t v = 0;
  if (e[key].get(v) != simdjson::SUCCESS) return 0;  // a field older records lack
  return v;
}

// Adds one record's counts to `t`; false when it is not a run record.
bool add_record(const fs::path& path, RunTally& t) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array steps;
  simdjson::dom::element counts;
  if (parser.load(path.string()).get(doc) || doc["steps"].get(steps) || doc["counts"].get(counts)) return false;
  t.documents_read += get_u64(counts, "documents_in");
  uint64_t rejected = get_u64(counts, "rejected"), rejected_by_steps = 0;
  simdjson::dom::object by_reason;
  if (doc["rejected_by_reason"].get(by_reason) == simdjson::SUCCESS) {
    for (auto field : by_reason) {
      uint64_t n = 0;
      if (field.value.get(n) == simdjson::SUCCESS) t.rejected_by_reason[std::string(field.key)] += n;
    }
  }
  size_t i = 0;
  for (simdjson::dom::element s : steps) {
    std::string_view name;
    if (s["name"].get(name)) return false;
    if (i == t.steps.size()) t.steps.push_back({std::string(name), 0, 0, 0, 0, 0, {}});
    StepTally& st = t.steps[i++];
    if (st.name != name) return false;  // shards of different runs
    st.documents_in += get_u64(s, "documents_in");
    st.documents_out += get_u64(s, "documents_out");
    st.rejected += get_u64(s, "rejected");
    rejected_by_steps += get_u64(s, "rejected");
    st.text_bytes_in += get_u64(s, "text_bytes_in");
    st.text_bytes_out += get_u64(s, "text_bytes_out");
    simdjson::dom::object dropped;
    if (s["dropped"].get(dropped) == simdjson::SUCCESS) {
      for (auto field : dropped) {
        uint64_t n = 0;
        if (field.value.get(n) == simdjson::SUCCESS) st.dropped[std::string(field.key)] += n;
      }
    }
  }
  t.rejected_at_read += rejected >= rejected_by_steps ? rejected - rejected_by_steps : 0;
  return true;
}

}  // namespace

std::optional<RunTally> input_run_tally(const std::vector<std::string>& inputs) {
  if (inputs.size() != 1) return std::nullopt;
  std::error_code ec;
  const fs::path records = fs::path(inputs[0]) / ".dpk";
  if (!fs::is_directory(inputs[0], ec) || !fs::is_directory(records, ec)) return std::nullopt;
  std::vector<fs::path> files;
  if (fs::is_regular_file(records / "metadata.json", ec)) {
    files.push_back(records / "metadata.json");  // a one-process run, or the totals of mpirun's ranks
  } else {
    for (const auto& e : fs::directory_iterator(records, ec)) {
      const std::string name = e.path().filename().string();
      if (name.starts_with("metadata-shard-") && name.ends_with(".json")) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
  }
  if (files.empty()) return std::nullopt;
  RunTally t;
  for (const auto& f : files) {
    if (!add_record(f, t)) return std::nullopt;
  }
  return t;
}

RunTally chain_tallies(const RunTally& upstream, const RunTally& mine) {
  if (upstream.steps.empty()) return mine;  // no earlier run
  RunTally t = upstream;
  t.rejected_at_read += mine.rejected_at_read;
  for (const auto& [reason, n] : mine.rejected_by_reason) t.rejected_by_reason[reason] += n;
  t.steps.insert(t.steps.end(), mine.steps.begin(), mine.steps.end());
  return t;
}

}  // namespace dpk::runtime
