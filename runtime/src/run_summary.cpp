#include "dpk/runtime/run_summary.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "dpk/json_writer.h"

namespace dpk::runtime {

uint64_t StepCounts::dropped_total() const {
  uint64_t n = 0;
  for (const auto& [reason, c] : dropped) n += c;
  return n;
}

void StepCounts::add(const StepCounts& o) {
  in += o.in;
  out += o.out;
  rejected += o.rejected;
  for (const auto& [reason, c] : o.dropped) dropped[reason] += c;
  seconds += o.seconds;
}

uint64_t RunSummary::dropped() const {
  uint64_t n = 0;
  for (const auto& s : steps) n += s.dropped_total();
  return n;
}

std::string utc_now_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string RunSummary::to_json() const {
  JsonWriter w(true);
  w.begin_object();
  w.key("tool"); w.value(tool);
  w.key("version"); w.value(dpk_version());
  w.key("started"); w.value(started);
  w.key("wall_seconds"); w.value(wall_seconds);
  w.key("parameters"); w.raw(parameters_json);
  w.key("shard"); w.begin_object();
  w.key("index"); w.value(shard_index);
  w.key("count"); w.value(shard_count);
  w.end_object();
  w.key("counts"); w.begin_object();
  w.key("documents_in"); w.value(documents_in);
  w.key("documents_out"); w.value(documents_out);
  w.key("dropped"); w.value(dropped());
  w.key("rejected"); w.value(rejected);
  w.key("created"); w.value(created);
  w.key("blank_lines"); w.value(blank_lines);
  w.key("balanced"); w.value(balanced());
  w.end_object();
  w.key("rejected_by_reason"); w.begin_object();
  for (const auto& [r, n] : rejected_by_reason) { w.key(r); w.value(n); }
  w.end_object();
  w.key("bytes_in"); w.value(bytes_in);
  w.key("bytes_out"); w.value(bytes_out);
  w.key("steps"); w.begin_array();
  for (const auto& s : steps) {
    w.begin_object();
    w.key("name"); w.value(s.name);
    w.key("documents_in"); w.value(s.in);
    w.key("documents_out"); w.value(s.out);
    w.key("dropped"); w.begin_object();
    for (const auto& [r, n] : s.dropped) { w.key(r); w.value(n); }
    w.end_object();
    if (s.rejected) { w.key("rejected"); w.value(s.rejected); }
    w.key("seconds"); w.value(s.seconds);
    w.end_object();
  }
  w.end_array();
  w.key("inputs"); w.begin_array();
  for (const auto& in : inputs) {
    w.begin_object();
    w.key("path"); w.value(in.path);
    w.key("documents"); w.value(in.documents);
    w.key("rejected"); w.value(in.rejected);
    w.key("bytes"); w.value(in.bytes);
    if (in.resumed) { w.key("resumed"); w.value(true); }
    w.end_object();
  }
  w.end_array();
  w.key("output"); w.value(output);
  w.key("outputs"); w.begin_array();
  for (const auto& o : outputs) w.value(o);
  w.end_array();
  w.end_object();
  std::string s = w.take();
  s.push_back('\n');
  return s;
}

std::string RunSummary::human() const {
  auto n = [](uint64_t v) { return std::to_string(v); };
  std::string s = tool + ": " + n(documents_in) + " in, " + n(documents_out) + " out, " + n(dropped()) + " dropped";
  // Reasons by step, in step order: "(quality: c4_curly=3 gopher_short=2; exact-dedup: exact_dup=1)".
  std::string reasons;
  for (const auto& st : steps) {
    if (st.dropped.empty()) continue;
    reasons += (reasons.empty() ? "" : "; ") + st.name + ":";
    for (const auto& [r, c] : st.dropped) reasons += " " + r + "=" + n(c);
  }
  if (!reasons.empty()) s += " (" + reasons + ")";
  s += ", " + n(rejected) + " rejected";
  if (!rejected_by_reason.empty()) {
    s += " (";
    bool first = true;
    for (const auto& [r, c] : rejected_by_reason) {
      s += (first ? "" : " ") + r + "=" + n(c);
      first = false;
    }
    s += ")";
  }
  if (created) s += ", " + n(created) + " created";
  char buf[96];
  std::snprintf(buf, sizeof buf, " in %.2fs (%.1f MB/s)\n", wall_seconds,
                wall_seconds > 0 ? static_cast<double>(bytes_in) / 1e6 / wall_seconds : 0.0);
  return s + buf;
}

std::string RunSummary::empty_output() const {
  if (documents_out > 0) return "";
  if (documents_in + created > 0) {
    return "empty output: all " + std::to_string(documents_in + created) + " documents were dropped (" +
           std::to_string(dropped()) + ") or rejected (" + std::to_string(rejected) + "); no document was written";
  }
  if (bytes_in > 0 || input_file_bytes > 0) {
    const uint64_t bytes = std::max(bytes_in, input_file_bytes);
    return "empty output: " + std::to_string(bytes) +
           " bytes of input held no documents (only blank lines, or nothing this step can read); no document was "
           "written";
  }
  return "";
}

Status report_run_end(const RunSummary& summary, const RunConfig& cfg, bool speak) {
  const bool talk = speak && !cfg.quiet;
  if (talk) std::fputs(summary.human().c_str(), stderr);
  const std::string empty = summary.empty_output();
  if (empty.empty()) return Status::Ok();
  if (cfg.fail_on_empty) return Status::Data(empty + " (--fail-on-empty)");
  if (talk) std::fprintf(stderr, "%s: warning: %s\n", summary.tool.c_str(), empty.c_str());
  return Status::Ok();
}

}  // namespace dpk::runtime
