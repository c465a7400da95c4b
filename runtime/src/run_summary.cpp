#include "dpk/runtime/run_summary.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "dpk/json_writer.h"
#include "dpk/runtime/build_info.h"

namespace dpk::runtime {

namespace {
constexpr size_t kSkippedExamples = 3;

uint64_t sum(const std::map<std::string, uint64_t>& by_reason) {
  uint64_t n = 0;
  for (const auto& [reason, c] : by_reason) n += c;
  return n;
}

// Why a walk left files out, for the warning; empty for reasons that need
// no warning (the user's --glob, dpk's own files).
const char* skip_explanation(const std::string& reason) {
  if (reason == "symlink_loop") return "links to a folder that contains them, not followed";
  if (reason == "link_outside_input") {
    return "links to folders outside the input directory, not followed (name such a folder as an input to read it)";
  }
  if (reason == "broken_link") return "links to nothing";
  if (reason == "duplicate") return "listed already under another name (a link or hard link)";
  if (reason == "hidden") return "names starting with '.' (name such a file or folder as an input to read it)";
  if (reason == "not_regular_file") return "not regular files (FIFOs, sockets, devices)";
  if (reason == "vanished") return "removed while the folder was being listed";
  return "";
}
}  // namespace

uint64_t StepCounts::dropped_total() const { return sum(dropped); }

void StepCounts::add(const StepCounts& o) {
  in += o.in;
  out += o.out;
  rejected += o.rejected;
  text_bytes_in += o.text_bytes_in;
  text_bytes_out += o.text_bytes_out;
  for (const auto& [reason, c] : o.dropped) dropped[reason] += c;
  seconds += o.seconds;
}

uint64_t InputFileCounts::dropped_total() const { return sum(dropped); }
uint64_t InputFileCounts::skipped_total() const { return sum(skipped); }

void InputFileCounts::add_outcome(const std::string& outcome) {
  if (outcome.empty()) return;  // a file never finished: the counts will not balance
  if (outcome == "read") ++read;
  else if (outcome == "resumed") ++resumed;
  else if (outcome == "rejected") ++rejected;
  else ++dropped[outcome];
}

void InputFileCounts::add_skipped(const std::string& path, const std::string& reason) {
  ++skipped[reason];
  auto& examples = skipped_examples[reason];
  if (examples.size() < kSkippedExamples) examples.push_back(path);
}

std::vector<std::string> InputFileCounts::skip_warnings() const {
  std::vector<std::string> lines;
  for (const auto& [reason, n] : skipped) {
    const std::string why = skip_explanation(reason);
    if (why.empty()) continue;
    std::string line = "skipped " + std::to_string(n) + (n == 1 ? " input" : " inputs") + " (" + reason + ": " + why + "): ";
    const auto it = skipped_examples.find(reason);
    const size_t shown = it == skipped_examples.end() ? 0 : it->second.size();
    for (size_t i = 0; i < shown; ++i) line += (i ? ", " : "") + it->second[i];
    if (n > shown) line += " and " + std::to_string(n - shown) + " more";
    lines.push_back(std::move(line));
  }
  return lines;
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
  w.key("schema_version"); w.value(kSchemaVersion);
  w.key("tool"); w.value(tool);
  w.key("version"); w.value(dpk_version());
  w.key("commit"); w.value(dpk_git_commit());
  w.key("build_type"); w.value(dpk_build_type());
  w.key("host"); w.value(host);
  w.key("threads"); w.value(threads);
  w.key("started"); w.value(started);
  w.key("wall_seconds"); w.value(wall_seconds);
  w.key("cpu_seconds"); w.value(cpu_seconds);
  w.key("peak_rss_bytes"); w.value(peak_rss_bytes);
  w.key("parameters"); w.raw(parameters_json);
  w.key("common_options"); w.raw(common_options_json);
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
  w.key("input_files"); w.begin_object();
  w.key("listed"); w.value(input_files.listed);
  w.key("read"); w.value(input_files.read);
  w.key("resumed"); w.value(input_files.resumed);
  w.key("dropped"); w.begin_object();
  for (const auto& [r, n] : input_files.dropped) { w.key(r); w.value(n); }
  w.end_object();
  w.key("rejected"); w.value(input_files.rejected);
  w.key("balanced"); w.value(input_files.balanced());
  w.key("skipped"); w.begin_object();
  for (const auto& [r, n] : input_files.skipped) { w.key(r); w.value(n); }
  w.end_object();
  w.key("skipped_examples"); w.begin_object();
  for (const auto& [r, paths] : input_files.skipped_examples) {
    w.key(r);
    w.begin_array();
    for (const auto& p : paths) w.value(p);
    w.end_array();
  }
  w.end_object();
  w.end_object();
  w.key("steps"); w.begin_array();
  for (size_t i = 0; i < steps.size(); ++i) {
    const StepCounts& s = steps[i];
    const StepSetup setup = i < step_setups.size() ? step_setups[i] : StepSetup{};
    w.begin_object();
    w.key("name"); w.value(s.name);
    w.key("options"); w.raw(setup.options_json);
    w.key("models"); w.begin_array();
    for (const auto& m : setup.models) {
      w.begin_object();
      w.key("path"); w.value(m.path);
      w.key("bytes"); w.value(m.bytes);
      w.key("sha256"); w.value(m.sha256);
      w.end_object();
    }
    w.end_array();
    w.key("documents_in"); w.value(s.in);
    w.key("documents_out"); w.value(s.out);
    w.key("dropped"); w.begin_object();
    for (const auto& [r, n] : s.dropped) { w.key(r); w.value(n); }
    w.end_object();
    if (s.rejected) { w.key("rejected"); w.value(s.rejected); }
    w.key("text_bytes_in"); w.value(s.text_bytes_in);
    w.key("text_bytes_out"); w.value(s.text_bytes_out);
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
    w.key("file_bytes"); w.value(in.file_bytes);
    if (in.resumed) { w.key("resumed"); w.value(true); }
    if (!in.outcome.empty()) { w.key("outcome"); w.value(in.outcome); }
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

RunTally RunSummary::tally(size_t through_step) const {
  RunTally t;
  t.documents_read = documents_in;
  t.rejected_by_reason = rejected_by_reason;
  uint64_t rejected_by_steps = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    const StepCounts& s = steps[i];
    rejected_by_steps += s.rejected;
    if (i <= through_step) t.steps.push_back({s.name, s.in, s.out, s.rejected, s.text_bytes_in, s.text_bytes_out, s.dropped});
  }
  t.rejected_at_read = rejected >= rejected_by_steps ? rejected - rejected_by_steps : 0;
  return t;
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
  s += buf;
  const InputFileCounts& f = input_files;
  if (f.dropped_total() + f.rejected + f.skipped_total() > 0) {
    s += "  input files: " + std::to_string(f.read) + " read";
    if (f.resumed) s += ", " + std::to_string(f.resumed) + " resumed";
    if (f.dropped_total()) {
      s += ", " + std::to_string(f.dropped_total()) + " dropped (";
      for (auto it = f.dropped.begin(); it != f.dropped.end(); ++it) {
        s += (it == f.dropped.begin() ? "" : " ") + it->first + "=" + std::to_string(it->second);
      }
      s += ")";
    }
    if (f.rejected) s += ", " + std::to_string(f.rejected) + " rejected";
    if (!f.skipped.empty()) {
      s += "; skipped:";
      for (const auto& [r, c] : f.skipped) s += " " + r + "=" + n(c);
    }
    s += "\n";
  }
  return s;
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
