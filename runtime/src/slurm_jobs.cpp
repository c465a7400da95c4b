#include "dpk/runtime/slurm_jobs.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "dpk/input_files.h"
#include "dpk/runtime/output_target.h"

namespace dpk::runtime {
namespace {

namespace fs = std::filesystem;

// One batch job: a command run once, or once per array task.
struct Job {
  std::string name;     // file name stem, e.g. "03-exact-dedup-resolve"
  std::string comment;  // what it does, for a person reading the script
  int array = 0;        // tasks (0: one plain job)
  std::string command;  // shell line; may use $SLURM_ARRAY_TASK_ID
};

std::string quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                        std::string::npos) {
    return s;
  }
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string join(const std::vector<std::string>& args) {
  std::string s;
  for (const auto& a : args) s += (s.empty() ? "" : " ") + (a.rfind("$SLURM", 0) == 0 ? "\"" + a + "\"" : quote(a));
  return s;
}

// A step's options as command-line flags (defaults left out).
std::vector<std::string> step_flags(const PlannedStep& st) {
  std::vector<std::string> out;
  for (const auto& [name, vals] : st.options.all()) {
    const OptionSpec* spec = nullptr;
    for (const auto& o : st.spec->options) {
      if (o.name == name) spec = &o;
    }
    for (const auto& v : vals) {
      if (spec && spec->type == OptionType::kFlag) {
        if (v == "true") out.push_back("--" + name);
        continue;
      }
      if (spec && v == spec->default_value) continue;
      out.push_back("--" + name);
      out.push_back(v);
    }
  }
  return out;
}

// Common options that name one file of a run: every task of every job would
// write it, each over the one before.
bool names_one_file(const std::string& key) {
  return key == "stats" || key == "keep-dropped" || key == "quarantine";
}

// A shard of a job may be empty where the whole output is not: an empty
// output is not a failure of one task.
bool per_task(const std::string& key) { return key != "fail-on-empty"; }

// The recipe's common options (threads, schema, compression...) as flags,
// for the staged commands. Recipe keys that are no options (name,
// description) and those the jobs set themselves (input, output, glob,
// shards) are left out.
std::vector<std::string> common_flags(const YAML::Node& root) {
  std::vector<std::string> out;
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (key == "glob" || key == "output" || key == "shard-index" || key == "shard-count" || !per_task(key)) continue;
    const OptionSpec* spec = nullptr;
    for (const auto& o : common_options()) {
      if (o.name == key) spec = &o;
    }
    if (spec == nullptr) continue;
    if (spec->type == OptionType::kFlag) {
      // `quiet:` or `quiet: true`; a flag takes no value on the command line.
      if (kv.second.IsNull() || (kv.second.IsScalar() && kv.second.Scalar() == "true")) out.push_back("--" + key);
    } else if (kv.second.IsSequence()) {
      for (const auto& v : kv.second) out.insert(out.end(), {"--" + key, v.Scalar()});
    } else {
      out.insert(out.end(), {"--" + key, kv.second.Scalar()});
    }
  }
  return out;
}

// The run's common flags with the step's own (text-key, id-key, threads from
// its recipe entry) in place of the run's: a tool takes each option once.
std::vector<std::string> with_step_common(const std::vector<std::string>& common, const PlannedStep& st) {
  std::vector<std::string> out;
  for (size_t i = 0; i < common.size(); ++i) {
    const std::string& f = common[i];
    const bool own = f.rfind("--", 0) == 0 && st.common.has(f.substr(2));
    const bool has_value = i + 1 < common.size() && common[i + 1].rfind("--", 0) != 0;
    if (own) {
      if (has_value) ++i;
      continue;
    }
    out.push_back(f);
  }
  for (const auto& [name, vals] : st.common.all()) {
    for (const auto& v : vals) out.insert(out.end(), {"--" + name, v});
  }
  return out;
}

struct StageContext {
  std::string dpk;
  int tasks;
  std::vector<std::string> common;  // common flags
  std::vector<std::string> inputs;  // what this global step reads
  std::string glob;                 // of the inputs ("" = all files)
  std::string work;                 // this step's work directory
  std::string output;               // where its filter writes
};

std::vector<std::string> with_glob(std::vector<std::string> args, const StageContext& c) {
  if (!c.glob.empty()) args.insert(args.end(), {"--glob", c.glob});
  return args;
}

const std::vector<std::string> kShard = {"--shard-index", "$SLURM_ARRAY_TASK_ID", "--shard-count"};

// exact-dedup: hashes (per shard) -> resolve (per hash partition) -> filter (per shard).
std::vector<Job> exact_dedup_jobs(const PlannedStep& st, const StageContext& c) {
  const std::string n = std::to_string(c.tasks);
  std::vector<std::string> hash_opts, filter_opts;
  for (const auto& f : step_flags(st)) (f == "--annotate" ? filter_opts : hash_opts).push_back(f);
  std::vector<std::string> hashes = {c.dpk, "exact-dedup", "hashes", "--work", c.work};
  hashes.insert(hashes.end(), kShard.begin(), kShard.end());
  hashes.insert(hashes.end(), {n, "--partition-count", n});
  hashes.insert(hashes.end(), hash_opts.begin(), hash_opts.end());
  hashes.insert(hashes.end(), c.common.begin(), c.common.end());
  hashes.insert(hashes.end(), c.inputs.begin(), c.inputs.end());
  std::vector<std::string> filter = {c.dpk, "exact-dedup", "filter", "--work", c.work};
  filter.insert(filter.end(), kShard.begin(), kShard.end());
  filter.push_back(n);
  filter.insert(filter.end(), filter_opts.begin(), filter_opts.end());
  filter.insert(filter.end(), c.common.begin(), c.common.end());
  filter.insert(filter.end(), c.inputs.begin(), c.inputs.end());
  filter.insert(filter.end(), {"-o", c.output});
  return {
      {"exact-dedup-hashes", "exact-dedup stage 1: hash this task's input shard into " + c.work, c.tasks,
       join(with_glob(hashes, c))},
      {"exact-dedup-resolve", "exact-dedup stage 2: the first occurrence of every hash, one partition per task",
       c.tasks, join({c.dpk, "exact-dedup", "resolve", "--work", c.work, "--partition-index", "$SLURM_ARRAY_TASK_ID"})},
      {"exact-dedup-filter", "exact-dedup stage 3: drop the copies in this task's input shard", c.tasks,
       join(with_glob(filter, c))},
  };
}

// line-dedup: count (per shard) -> merge (per unit partition) -> filter
// (per shard). Each stage gets the options it reads: the hashing ones (unit,
// normalize, min-chars) all three, max-occurrences merge, keep and
// annotate-removed filter. The stages count exactly over partitioned files,
// which is what bounds their memory, so --bloom-bits (the one-process way to
// bound it) does not apply and is not passed on.
std::vector<Job> line_dedup_jobs(const PlannedStep& st, const StageContext& c) {
  const std::string n = std::to_string(c.tasks);
  std::vector<std::string> hashing, merging, filtering;
  const std::vector<std::string> flags = step_flags(st);
  for (size_t i = 0; i < flags.size(); ++i) {
    const std::string& f = flags[i];
    const bool has_value = f != "--annotate-removed";
    if (f == "--bloom-bits") {
      if (has_value) ++i;
      continue;
    }
    std::vector<std::string>& to = f == "--max-occurrences" ? merging
                                   : (f == "--keep" || f == "--annotate-removed") ? filtering
                                                                                   : hashing;
    to.push_back(f);
    if (has_value && i + 1 < flags.size()) to.push_back(flags[++i]);
  }
  std::vector<std::string> count = {c.dpk, "line-dedup", "count", "--work", c.work};
  count.insert(count.end(), kShard.begin(), kShard.end());
  count.insert(count.end(), {n, "--partition-count", n});
  count.insert(count.end(), hashing.begin(), hashing.end());
  count.insert(count.end(), c.common.begin(), c.common.end());
  count.insert(count.end(), c.inputs.begin(), c.inputs.end());
  std::vector<std::string> merge = {c.dpk, "line-dedup", "merge", "--work", c.work, "--partition-index",
                                    "$SLURM_ARRAY_TASK_ID"};
  merge.insert(merge.end(), hashing.begin(), hashing.end());
  merge.insert(merge.end(), merging.begin(), merging.end());
  std::vector<std::string> filter = {c.dpk, "line-dedup", "filter", "--work", c.work};
  filter.insert(filter.end(), kShard.begin(), kShard.end());
  filter.push_back(n);
  filter.insert(filter.end(), hashing.begin(), hashing.end());
  filter.insert(filter.end(), filtering.begin(), filtering.end());
  filter.insert(filter.end(), c.common.begin(), c.common.end());
  filter.insert(filter.end(), c.inputs.begin(), c.inputs.end());
  filter.insert(filter.end(), {"-o", c.output});
  return {
      {"line-dedup-count", "line-dedup stage 1: count the units of this task's input shard into " + c.work, c.tasks,
       join(with_glob(count, c))},
      {"line-dedup-merge", "line-dedup stage 2: the frequent units of one partition per task", c.tasks, join(merge)},
      {"line-dedup-filter", "line-dedup stage 3: remove the frequent units from this task's input shard", c.tasks,
       join(with_glob(filter, c))},
  };
}

// minhash-dedup: signatures (per shard) -> buckets (bands spread over tasks)
// -> clusters (once) -> filter (per shard).
std::vector<Job> minhash_dedup_jobs(const PlannedStep& st, const StageContext& c) {
  const std::string n = std::to_string(c.tasks);
  const std::vector<std::string> opts = step_flags(st);
  auto stage = [&](const std::string& name, std::vector<std::string> extra, bool documents) {
    std::vector<std::string> a = {c.dpk, "minhash-dedup", name, "--work", c.work};
    a.insert(a.end(), extra.begin(), extra.end());
    a.insert(a.end(), opts.begin(), opts.end());
    if (documents) {
      a.insert(a.end(), c.common.begin(), c.common.end());
      a.insert(a.end(), c.inputs.begin(), c.inputs.end());
      a = with_glob(a, c);
    }
    return a;
  };
  std::vector<std::string> shard = kShard;
  shard.push_back(n);
  std::vector<std::string> filter = stage("filter", shard, true);
  filter.insert(filter.end(), {"-o", c.output});
  return {
      {"minhash-dedup-signatures", "minhash-dedup stage 1: signatures of this task's input shard", c.tasks,
       join(stage("signatures", shard, true))},
      {"minhash-dedup-buckets", "minhash-dedup stage 2: candidate pairs of every N-th band (tasks past the "
                                "last band have nothing to do)",
       c.tasks, join(stage("buckets", {"--band-index", "$SLURM_ARRAY_TASK_ID", "--band-count", n}, false))},
      {"minhash-dedup-clusters", "minhash-dedup stage 3: clusters over all pairs (one task)", 0,
       join(stage("clusters", {}, false))},
      {"minhash-dedup-filter", "minhash-dedup stage 4: drop the duplicates in this task's input shard", c.tasks,
       join(filter)},
  };
}

using StageJobs = std::vector<Job> (*)(const PlannedStep&, const StageContext&);
// Global steps that run as Slurm jobs: those with staged subcommands.
const std::map<std::string, StageJobs, std::less<>>& staged_globals() {
  static const std::map<std::string, StageJobs, std::less<>> m = {
      {"exact-dedup", exact_dedup_jobs},
      {"line-dedup", line_dedup_jobs},
      {"minhash-dedup", minhash_dedup_jobs},
  };
  return m;
}

bool is_jsonl_name(const std::string& rel) {
  for (std::string_view ext : {".jsonl", ".jsonl.gz", ".jsonl.zst"}) {
    if (rel.size() >= ext.size() && rel.compare(rel.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  return false;
}

std::string sbatch_script(const Job& job, const SlurmRequest& req, const std::string& dir, size_t index,
                          size_t count) {
  std::string s = "#!/bin/bash\n";
  s += "# " + job.comment + "\n";
  s += "# Job " + std::to_string(index + 1) + " of " + std::to_string(count) + " for " + req.recipe +
       " (written by dpk slurm; submit all with submit.sh)\n";
  s += "#SBATCH --job-name=dpk-" + job.name + "\n";
  if (job.array > 0) s += "#SBATCH --array=0-" + std::to_string(job.array - 1) + "\n";
  if (!req.partition.empty()) s += "#SBATCH --partition=" + req.partition + "\n";
  if (!req.time.empty()) s += "#SBATCH --time=" + req.time + "\n";
  s += "#SBATCH --chdir=" + fs::current_path().string() + "\n";
  s += "#SBATCH --output=" + dir + "/logs/" + job.name + (job.array > 0 ? "-%a" : "") + ".log\n";
  for (const auto& a : req.sbatch_args) s += "#SBATCH " + a + "\n";
  s += "set -euo pipefail\n";
  s += job.command + "\n";
  return s;
}

Status write_file(const std::string& path, const std::string& text, bool executable) {
  std::ofstream f(path, std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Status::Io(path + ": cannot write");
  if (executable) {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<SlurmJobs> write_slurm_jobs(const SlurmRequest& req, const RunPlan& plan) {
  if (req.tasks < 1) return Status::Usage("--tasks: give the number of array tasks (1 or more)");
  const RunConfig& cfg = plan.config;
  if (cfg.output == "-") {
    return Status::Usage("the recipe writes to stdout: give it an output file or directory (or -o PATH)");
  }
  if (cfg.inputs.empty()) return Status::Usage("the recipe has no input (array tasks cannot read stdin)");
  YAML::Node root = YAML::LoadFile(req.recipe);
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (names_one_file(key) || key == "shard-index" || key == "shard-count" || key == "shard-local") {
      return Status::Usage(req.recipe + ": '" + key + "' cannot be part of a job chain (" +
                           (names_one_file(key) ? "every task would write that one file"
                                                : "the jobs pick their own shards") +
                           "); run the recipe with 'dpk run' for it");
    }
  }
  std::string out = cfg.output;
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  const std::string work = req.work.empty() ? out + ".work" : req.work;
  const std::string dir = work + "/slurm";
  std::error_code ec;
  fs::create_directories(dir + "/logs", ec);
  if (ec) return Status::Io(dir + ": cannot create: " + ec.message());

  // Later jobs read the intermediate folders through a glob that takes the
  // documents (run records are under .dpk/, which a folder walk never reads).
  const bool from_source = !plan.steps.empty() && plan.steps.front().spec->source;
  std::string glob = from_source ? "*.jsonl*" : cfg.glob;  // a source's outputs are named NAME.jsonl[.gz|.zst]
  if (glob.empty()) {
    auto listed = list_inputs(cfg.inputs, cfg.glob);
    if (!listed.ok()) return listed.status();
    for (const auto& in : *listed) {
      if (!is_jsonl_name(in.relative)) {
        return Status::Usage(in.path + ": not named *.jsonl[.gz|.zst]; give the recipe a 'glob:' that matches the "
                             "input documents so intermediate folders can be read");
      }
    }
    glob = "*.jsonl*";
  }

  std::vector<Job> jobs;
  std::vector<std::string> inputs = cfg.inputs;
  std::string inputs_glob = cfg.glob;  // of what the next job reads
  const std::vector<std::string> common = common_flags(root);
  const size_t n_steps = plan.steps.size();
  // How each step runs: in the stream (per shard), as stages, or, for a
  // global step that only observes (stats: documents pass unchanged), as one
  // task over all documents. The instance decides, as in run_plan.
  enum class Kind { kStream, kStaged, kObserve };
  std::vector<Kind> kinds;
  size_t changes_end = 0;  // past the last step that changes documents
  for (size_t i = 0; i < n_steps; ++i) {
    const PlannedStep& st = plan.steps[i];
    auto t = st.configured.make();
    auto* g = dynamic_cast<GlobalTransform*>(t.get());
    Kind k = Kind::kStream;
    if (g != nullptr && g->needs_second_pass()) {
      if (staged_globals().find(st.spec->name) == staged_globals().end()) {
        return Status::Usage("step '" + std::string(st.spec->name) +
                             "' needs all documents and has no stages; it cannot run as Slurm array jobs (run it with "
                             "mpirun)");
      }
      k = Kind::kStaged;
    } else if (g != nullptr && !g->runs_per_shard()) {
      k = Kind::kObserve;
    }
    kinds.push_back(k);
    if (k != Kind::kObserve) changes_end = i + 1;
  }
  size_t seg_begin = 0;
  int data_no = 0;
  bool output_written = false;
  // Array tasks write one file per input: into the output directory, or for
  // an output file into a folder that a last task gathers into the file.
  const bool to_file = !output_is_directory(cfg.output);
  const std::string final_dir = to_file ? work + "/data-final/" : cfg.output;
  // Where the job that runs the steps before `end` writes: the final folder
  // when no later step changes documents, else a new one.
  auto product = [&](size_t end) {
    if (end >= changes_end) {
      output_written = true;
      return final_dir;
    }
    return work + "/data-" + std::to_string(++data_no) + "/";
  };
  // A `dpk run` job on a recipe of steps [begin, end) of this one.
  auto run_job = [&](size_t begin, size_t end, const std::string& output, int tasks, const std::string& what,
                     const std::string& stem) -> Status {
    YAML::Node seg;
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (key != "steps" && key != "input" && key != "output" && key != "glob" && per_task(key)) seg[key] = kv.second;
    }
    for (const auto& in : inputs) seg["input"].push_back(in);
    seg["output"] = output;
    if (!inputs_glob.empty()) seg["glob"] = inputs_glob;
    for (size_t k = begin; k < end; ++k) seg["steps"].push_back(root["steps"][k]);
    if (begin == end) seg["steps"] = YAML::Node(YAML::NodeType::Sequence);
    const std::string seg_recipe = dir + "/segment-" + std::to_string(jobs.size() + 1) + ".yaml";
    YAML::Emitter em;
    em << seg;
    const std::string head = begin == end ? "# No steps of " + req.recipe + ": the documents are copied\n"
                                          : "# Steps " + std::to_string(begin + 1) + "-" + std::to_string(end) +
                                                " of " + req.recipe + "\n";
    DPK_RETURN_IF_ERROR(write_file(seg_recipe, head + em.c_str() + "\n", false));
    std::vector<std::string> cmd = {req.dpk, "run", seg_recipe, "--quiet"};
    // One task reads every file, whatever Slurm says.
    if (tasks == 0) cmd.insert(cmd.end(), {"--shard-index", "0", "--shard-count", "1"});
    jobs.push_back({stem, what, tasks, join(cmd)});
    return Status::Ok();
  };
  auto stream_job = [&](size_t begin, size_t end) -> Status {
    const std::string seg_out = product(end);
    std::string names, stem = "run";
    for (size_t k = begin; k < end; ++k) {
      names += (k > begin ? ", " : "") + std::string(plan.steps[k].spec->name);
      stem += "-" + std::string(plan.steps[k].spec->name);
    }
    if (stem.size() > 40) stem = "run-steps-" + std::to_string(begin + 1) + "-" + std::to_string(end);
    if (begin == end) {
      names = "none (the documents are copied)";
      stem = "run-copy";
    }
    DPK_RETURN_IF_ERROR(run_job(begin, end, seg_out,
                                req.tasks, "Streaming steps " + names + " on this task's input shard "
                                           "(SLURM_ARRAY_TASK_ID picks it)",
                                stem));
    inputs = {seg_out};
    inputs_glob = glob;
    return Status::Ok();
  };
  for (size_t i = 0; i <= n_steps; ++i) {
    const bool at_end = i == n_steps;
    if (!at_end && kinds[i] == Kind::kStream) continue;
    // The streaming steps [seg_begin, i) as one array job; also an empty
    // one that copies the input when no step writes the output.
    if (i > seg_begin || (i >= changes_end && !output_written)) DPK_RETURN_IF_ERROR(stream_job(seg_begin, i));
    if (at_end) break;
    const PlannedStep& st = plan.steps[i];
    if (kinds[i] == Kind::kObserve) {
      // Documents pass unchanged: one task observes all of them where they
      // are, and the next job reads the same files.
      DPK_RETURN_IF_ERROR(run_job(i, i + 1, "/dev/null", 0,
                                  std::string(st.spec->name) + " over all documents (one task: it needs them all)",
                                  std::string(st.spec->name)));
    } else {
      StageContext c{req.dpk, req.tasks, with_step_common(common, st), inputs, inputs_glob,
                     work + "/" + std::string(st.spec->name) + "-" + std::to_string(i + 1) + "/", product(i + 1)};
      for (auto& j : staged_globals().at(std::string(st.spec->name))(st, c)) jobs.push_back(std::move(j));
      inputs = {c.output};
      inputs_glob = glob;
    }
    seg_begin = i + 1;
  }
  if (to_file) {
    // In file name order, which is the input order (a source step's names
    // gain '.jsonl', which may reorder a name that is the start of another).
    inputs = {final_dir};
    inputs_glob = glob;
    DPK_RETURN_IF_ERROR(run_job(n_steps, n_steps, cfg.output, 0,
                                "Gathers the documents of every shard into " + cfg.output + " (one task)", "gather"));
  }

  SlurmJobs result;
  result.dir = dir;
  std::string submit =
      "#!/bin/bash\n"
      "# Submits the jobs of " + req.recipe + " in order; each starts when the one before succeeded.\n"
      "# Rerun after a failure: finished shards are kept, only unfinished ones are redone.\n"
      "set -euo pipefail\n"
      "cd " + quote(fs::current_path().string()) + "\n"
      "dep=()\n";
  for (size_t j = 0; j < jobs.size(); ++j) {
    const std::string num = std::to_string(j + 1);
    jobs[j].name = (num.size() < 2 ? "0" + num : num) + "-" + jobs[j].name;
    const std::string path = dir + "/" + jobs[j].name + ".sbatch";
    DPK_RETURN_IF_ERROR(write_file(path, sbatch_script(jobs[j], req, dir, j, jobs.size()), true));
    result.scripts.push_back(path);
    submit += "id=$(sbatch --parsable \"${dep[@]}\" " + quote(path) + ")\n";
    submit += "echo \"" + jobs[j].name + " $id\"\n";
    submit += "dep=(--dependency=afterok:${id%%;*})\n";
  }
  result.submit = dir + "/submit.sh";
  DPK_RETURN_IF_ERROR(write_file(result.submit, submit, true));
  return result;
}

}  // namespace dpk::runtime
