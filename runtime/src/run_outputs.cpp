#include "run_outputs.h"

#include <cstdio>

#include "dpk/runtime/output_target.h"
#include "output_names.h"
#include "stale_temporaries.h"
#include "summary_exchange.h"

namespace dpk::runtime {

namespace {

std::string without_slash(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir;
}

// The request the run's last pass writes its documents with.
OutputRequest documents_request(const RunPlan& plan) {
  OutputRequest req;
  req.output = plan.config.output;
  req.compression = plan.config.compression;
  req.level = plan.config.compression_level;
  req.from_source = !plan.steps.empty() && plan.steps.front().spec->source;
  return req;
}

// Every file besides the documents: summaries, side files, the steps' files.
std::vector<NamedOutput> side_outputs(const RunPlan& plan) {
  const RunConfig& cfg = plan.config;
  std::vector<NamedOutput> out;
  if (!cfg.stats_path.empty()) out.push_back({"--stats", cfg.stats_path});
  if (!cfg.keep_dropped_path.empty()) out.push_back({"--keep-dropped", cfg.keep_dropped_path});
  if (cfg.on_error == OnError::kQuarantine) out.push_back({"--quarantine", cfg.quarantine_path});
  for (const auto& st : plan.steps) {
    const std::string step = st.label.empty() ? std::string(st.spec->name) : st.label;
    for (const auto& f : st.configured.files) out.push_back({step + " " + f.option, f.path});
  }
  return out;
}

}  // namespace

std::string RunOutputs::summary_path(const std::string& dir, const ShardAssignment& shard) {
  const std::string name =
      shard.count > 1 ? "metadata-shard-" + std::to_string(shard.index) + ".json" : "metadata.json";
  return without_slash(dir) + "/.dpk/" + name;
}

StatusOr<std::unique_ptr<RunOutputs>> RunOutputs::prepare(const RunPlan& plan,
                                                          const std::vector<InputFile>& all_inputs,
                                                          const std::vector<InputFile>& inputs,
                                                          const ShardAssignment& shard, bool resumable) {
  const RunConfig& cfg = plan.config;
  const bool to_dir = cfg.output != "/dev/null" && output_is_directory(cfg.output);
  bool parts = false;
  for (const auto& st : plan.steps) parts |= st.configured.layout.has_value();
  const OutputRequest req = documents_request(plan);
  const bool mirrored = to_dir && !parts;

  // 1. Names: checked over all the run's inputs, so every shard refuses alike.
  std::vector<NamedOutput> named;
  if (mirrored) {
    std::vector<MirroredFile> files = mirrored_files(req, all_inputs);
    named.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i) named.push_back({"input " + all_inputs[i].path + " ->", files[i].path});
  } else if (!to_dir) {
    named.push_back({"-o", cfg.output});
  }
  const std::vector<NamedOutput> sides = side_outputs(plan);
  named.insert(named.end(), sides.begin(), sides.end());
  DPK_RETURN_IF_ERROR(check_distinct_outputs(named, all_inputs));
  if (to_dir) {
    DPK_RETURN_IF_ERROR(check_output_outside_inputs(cfg.output, cfg.inputs));
    DPK_RETURN_IF_ERROR(check_side_files_outside_data(cfg.output, sides));
  }

  std::unique_ptr<RunOutputs> run(new RunOutputs());
  run->records_ = std::make_unique<OutputRecords>(plan, inputs);
  std::vector<MirroredFile> mine;
  if (mirrored) mine = mirrored_files(req, inputs);

  // 2. One run at a time per output directory.
  if (to_dir) {
    auto lock = OutputLock::take(cfg.output, shard, cfg.tool);
    if (!lock.ok()) return lock.status();
    run->lock_ = std::move(*lock);
  }

  // 3. What killed runs left beside this run's files.
  std::vector<std::string> finals;
  for (const auto& f : mine) {
    finals.push_back(f.path);
    finals.push_back(f.record);
  }
  for (const auto& o : side_outputs(plan)) finals.push_back(o.path);
  if (!to_dir) finals.push_back(cfg.output);
  size_t removed = remove_stale_temporaries(finals);
  if (to_dir) {
    finals = {summary_path(cfg.output, shard)};
    if (shard.count > 1) finals.push_back(summary_path(cfg.output, {0, 1, ""}));
    removed += remove_stale_temporaries(finals);
    // Spool folders are not named by shard: with shards on other machines a
    // live one's PID means nothing here, so only a run that holds the whole
    // directory removes them.
    if (shard.count <= 1) removed += remove_stale_spools(without_slash(cfg.output) + "/.dpk");
  }
  if (removed > 0 && !cfg.quiet) {
    std::fprintf(stderr, "%s: removed %zu temporary file(s) left by runs that did not finish\n", cfg.tool.c_str(),
                 removed);
  }

  // 4. Resume: only the same work, from the same inputs.
  if (mirrored) {
    auto done = run->records_->completed(mine, cfg.overwrite);
    if (!done.ok()) return done.status();
    run->done_ = std::move(*done);
    if (!resumable) run->done_.assign(run->done_.size(), std::nullopt);
  }
  return run;
}

std::vector<std::optional<uint64_t>> RunOutputs::resumed_lines() const {
  std::vector<std::optional<uint64_t>> lines(done_.size());
  for (size_t i = 0; i < done_.size(); ++i) {
    if (done_[i]) lines[i] = done_[i]->lines;
  }
  return lines;
}

Status RunOutputs::carry_resumed(RunSummary& summary) const {
  for (size_t i = 0; i < done_.size() && i < summary.inputs.size(); ++i) {
    if (!done_[i]) continue;
    RunSummary share;
    share.steps = summary.steps;
    for (auto& st : share.steps) st = StepCounts{st.name, 0, 0, {}, 0, 0};
    Status s = add_counts(done_[i]->counts, share);
    if (s.ok()) s = add_counts(done_[i]->counts, summary);
    if (!s.ok()) return Status::Io("the completion record of " + done_[i]->input + " has malformed counts: rerun with --overwrite");
    InputCounts& ic = summary.inputs[i];
    ic.documents = share.documents_in;
    ic.rejected = share.rejected;
    ic.bytes = share.bytes_in;
    ic.resumed = true;
  }
  return Status::Ok();
}

}  // namespace dpk::runtime
