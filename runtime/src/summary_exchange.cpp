#include "summary_exchange.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace dpk::runtime {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line, size_t max_fields) {
  std::vector<std::string_view> f;
  while (f.size() + 1 < max_fields) {
    size_t t = line.find('\t');
    if (t == std::string_view::npos) break;
    f.push_back(line.substr(0, t));
    line.remove_prefix(t + 1);
  }
  f.push_back(line);
  return f;
}

bool to_u64(std::string_view s, uint64_t& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

std::string encode_counts(const RunSummary& s) {
  std::string out;
  auto line = [&out](std::string_view tag, std::initializer_list<uint64_t> nums, std::string_view key = {}) {
    out.append(tag);
    for (uint64_t n : nums) {
      out.push_back('\t');
      out.append(std::to_string(n));
    }
    if (!key.empty()) {
      out.push_back('\t');
      out.append(key);
    }
    out.push_back('\n');
  };
  line("totals", {s.documents_in, s.documents_out, s.rejected, s.created, s.blank_lines, s.bytes_in, s.bytes_out,
                  s.input_file_bytes});
  for (const auto& [reason, n] : s.rejected_by_reason) line("rejected", {n}, reason);
  const InputFileCounts& f = s.input_files;
  line("files", {f.listed, f.read, f.resumed, f.rejected});
  for (const auto& [reason, n] : f.dropped) line("file_dropped", {n}, reason);
  for (const auto& [reason, n] : f.skipped) line("file_skipped", {n}, reason);
  for (size_t i = 0; i < s.steps.size(); ++i) {
    line("step", {i, s.steps[i].in, s.steps[i].out, s.steps[i].rejected});
    line("step_text", {i, s.steps[i].text_bytes_in, s.steps[i].text_bytes_out});
    for (const auto& [reason, n] : s.steps[i].dropped) line("dropped", {i, n}, reason);
  }
  return out;
}

namespace {
uint64_t micros(double seconds) { return seconds > 0 ? static_cast<uint64_t>(seconds * 1e6 + 0.5) : 0; }
}  // namespace

std::string encode_usage(const RunSummary& s) {
  std::string out = "usage\t" + std::to_string(micros(s.cpu_seconds)) + "\t" + std::to_string(s.peak_rss_bytes) + "\n";
  for (size_t i = 0; i < s.steps.size(); ++i) {
    out += "step_time\t" + std::to_string(i) + "\t" + std::to_string(micros(s.steps[i].seconds)) + "\n";
  }
  return out;
}

Status add_counts(std::string_view bytes, RunSummary& t) {
  const Status bad = Status::Data("malformed run counts from another process");
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    std::string_view line = bytes.substr(0, nl);
    bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    auto f = split_tabs(line, 9);
    std::vector<uint64_t> n(f.size(), 0);
    const std::string_view tag = f[0];
    const size_t numbers = tag == "totals"                                                  ? 8
                           : tag == "rejected" || tag == "file_dropped" || tag == "file_skipped" ? 1
                           : tag == "step" || tag == "files"                                    ? 4
                           : tag == "step_text"                                                 ? 3
                           : tag == "dropped" || tag == "usage" || tag == "step_time"           ? 2
                                                                                                : 0;
    if (numbers == 0 || f.size() < numbers + 1) return bad;
    for (size_t i = 1; i <= numbers; ++i) {
      if (!to_u64(f[i], n[i])) return bad;
    }
    if (tag == "totals") {
      t.documents_in += n[1];
      t.documents_out += n[2];
      t.rejected += n[3];
      t.created += n[4];
      t.blank_lines += n[5];
      t.bytes_in += n[6];
      t.bytes_out += n[7];
      t.input_file_bytes += n[8];
    } else if (tag == "rejected" || tag == "file_dropped" || tag == "file_skipped") {
      if (f.size() != 3) return bad;
      auto& by_reason = tag == "rejected"       ? t.rejected_by_reason
                        : tag == "file_dropped" ? t.input_files.dropped
                                                : t.input_files.skipped;
      by_reason[std::string(f[2])] += n[1];
    } else if (tag == "files") {
      t.input_files.listed += n[1];
      t.input_files.read += n[2];
      t.input_files.resumed += n[3];
      t.input_files.rejected += n[4];
    } else if (tag == "usage") {
      t.cpu_seconds += static_cast<double>(n[1]) / 1e6;
      t.peak_rss_bytes = std::max(t.peak_rss_bytes, n[2]);  // the largest process
    } else if (tag == "step_time") {
      if (n[1] >= t.steps.size()) return bad;
      t.steps[n[1]].seconds += static_cast<double>(n[2]) / 1e6;
    } else if (tag == "step_text") {
      if (n[1] >= t.steps.size()) return bad;
      t.steps[n[1]].text_bytes_in += n[2];
      t.steps[n[1]].text_bytes_out += n[3];
    } else if (tag == "step") {
      if (n[1] >= t.steps.size()) return bad;
      t.steps[n[1]].in += n[2];
      t.steps[n[1]].out += n[3];
      t.steps[n[1]].rejected += n[4];
    } else {
      if (f.size() != 4 || n[1] >= t.steps.size()) return bad;
      t.steps[n[1]].dropped[std::string(f[3])] += n[2];
    }
  }
  return Status::Ok();
}

namespace {
// The steps of `s` by name, with no counts: what counts are added into.
std::vector<StepCounts> steps_without_counts(const std::vector<StepCounts>& steps) {
  std::vector<StepCounts> out;
  out.reserve(steps.size());
  for (const auto& st : steps) out.push_back({st.name, 0, 0, {}, 0, 0});
  return out;
}
}  // namespace

StatusOr<RunSummary> totals_of_processes(const RunSummary& mine, const std::vector<std::string>& encoded,
                                         int processes) {
  RunSummary total;
  total.tool = mine.tool;
  total.started = mine.started;
  total.wall_seconds = mine.wall_seconds;
  total.parameters_json = mine.parameters_json;
  total.common_options_json = mine.common_options_json;
  total.step_setups = mine.step_setups;
  total.host = mine.host;  // rank 0's; each rank's own record names its host
  total.threads = mine.threads;
  total.output = mine.output;
  total.shard_index = 0;
  total.shard_count = processes;
  total.steps = steps_without_counts(mine.steps);
  for (const auto& c : encoded) DPK_RETURN_IF_ERROR(add_counts(c, total));
  total.input_files.skipped_examples = mine.input_files.skipped_examples;
  return total;
}

RunSummary counts_of(const RunSummary& s) {
  RunSummary c;
  c.documents_in = s.documents_in;
  c.documents_out = s.documents_out;
  c.rejected = s.rejected;
  c.created = s.created;
  c.blank_lines = s.blank_lines;
  c.bytes_in = s.bytes_in;
  c.bytes_out = s.bytes_out;
  c.rejected_by_reason = s.rejected_by_reason;
  c.steps = s.steps;
  return c;
}

std::string encode_counts_since(const RunSummary& now, const RunSummary& before) {
  RunSummary d = counts_of(now);
  d.documents_in -= before.documents_in;
  d.documents_out -= before.documents_out;
  d.rejected -= before.rejected;
  d.created -= before.created;
  d.blank_lines -= before.blank_lines;
  d.bytes_in -= before.bytes_in;
  d.bytes_out -= before.bytes_out;
  for (const auto& [reason, n] : before.rejected_by_reason) d.rejected_by_reason[reason] -= n;
  std::erase_if(d.rejected_by_reason, [](const auto& kv) { return kv.second == 0; });
  for (size_t i = 0; i < d.steps.size() && i < before.steps.size(); ++i) {
    StepCounts& s = d.steps[i];
    const StepCounts& b = before.steps[i];
    s.in -= b.in;
    s.out -= b.out;
    s.rejected -= b.rejected;
    s.text_bytes_in -= b.text_bytes_in;
    s.text_bytes_out -= b.text_bytes_out;
    for (const auto& [reason, n] : b.dropped) s.dropped[reason] -= n;
    std::erase_if(s.dropped, [](const auto& kv) { return kv.second == 0; });
  }
  return encode_counts(d);
}

}  // namespace dpk::runtime
