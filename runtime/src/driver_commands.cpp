#include "dpk/runtime/driver_commands.h"

#include "dpk/json_writer.h"
#include "dpk/runtime/cli.h"
#include "dpk/runtime/run_config.h"
#include "dpk/transform.h"
#include "dpk/runtime/shipped_recipes.h"

namespace dpk::runtime {

const std::vector<OptionSpec>& run_options() {
  static const std::vector<OptionSpec> kRun = {
      {"explain", OptionType::kFlag, "",
       "Print the plan (the passes and each step's settings) and the equivalent shell pipeline of dpk-NAME "
       "commands, then exit without reading input.",
       {}, 0, {}},
  };
  return kRun;
}

const std::vector<OptionSpec>& slurm_options() {
  static const std::vector<OptionSpec> kSlurm = {
      {"tasks", OptionType::kInt, "", "Array tasks per streaming segment (required); each takes its shard of the input files.",
       {}, 0, "N", 1},
      {"output", OptionType::kString, "", "Replaces the recipe's output (a directory, ending in '/').", {}, 'o', "DIR/"},
      {"partition", OptionType::kString, "", "#SBATCH --partition of every job.", {}, 0, "P"},
      {"time", OptionType::kString, "", "#SBATCH --time of every job.", {}, 0, "T"},
      {"work", OptionType::kString, "",
       "Work directory for the scripts, logs and intermediate data, on storage every node sees "
       "(default: OUTPUT.work/).",
       {}, 0, "DIR"},
      {"sbatch", OptionType::kList, "", "One more #SBATCH line for every job, e.g. --sbatch --mem=8G (repeatable).",
       {}, 0, "ARG"},
      {"submit", OptionType::kFlag, "", "Run WORK/slurm/submit.sh (sbatch every job) after writing the scripts.", {}, 0,
       {}},
  };
  return kSlurm;
}

namespace {

constexpr const char* kExitCodes =
    "Exit codes: 0 success; 1 bad input under --on-error fail (or an empty output under --fail-on-empty);\n"
    "2 usage error (also a recipe error, naming file and line); 3 I/O error.\n";

}  // namespace

std::string run_help_text() {
  std::string s =
      "Usage: dpk run [--explain] RECIPE.yaml|NAME [COMMON OPTIONS] [INPUT...]\n\n"
      "Runs a YAML recipe: an input, an output and a list of steps (see 'dpk help recipes'). All\n"
      "streaming steps run fused in one pass over the input; a global step (exact-dedup, minhash-dedup,\n"
      "line-dedup, sample, stats) adds the passes it needs. Common options given here override the\n"
      "recipe's, and INPUT... replaces its input. Under mpirun every rank takes its share of the input\n"
      "files and global steps exchange their data over MPI; with --shard-index/--shard-count (or a Slurm\n"
      "array) one process takes one shard (see 'dpk help slurm' for a whole recipe as Slurm jobs).\n\n"
      "RECIPE is a file, or the name of a recipe shipped with dpk (dpk run quickstart): those are in\n"
      "PREFIX/share/dpk/recipes/ and read their sample data from PREFIX/share/dpk/ (see 'dpk help\n"
      "recipes'); what a recipe writes is always relative to the current folder.\n\n"
      "A directory output gets one output file per input file and its run records in OUTPUT/.dpk/\n"
      "(metadata.json: counts by step and reason, options, inputs); a rerun with the same recipe and\n"
      "inputs resumes, skipping the finished files.\n\n"
      "Options of run:\n";
  s += options_help(run_options());
  s += "\nCommon options (also accepted as top-level keys of the recipe, without the dashes):\n";
  s += options_help(common_options());
  s += "  -h, --help                  Show this help.\n      --version               Show the version.\n\n";
  s += kExitCodes;
  s += "\nExamples:\n"
       "  dpk run recipes/quickstart.yaml\n"
       "  dpk run quickstart                       # the shipped recipe, on its shipped sample data\n"
       "  dpk run --explain recipes/quickstart.yaml\n"
       "  dpk run recipes/quickstart.yaml --threads 4 -o out/other/ other-input/\n"
       "  mpirun -np 64 dpk run recipes/pretrain-web.yaml\n";
  return s;
}

std::string slurm_help_text() {
  std::string s =
      "Usage: dpk slurm RECIPE.yaml|NAME --tasks N [-o DIR/] [--partition P] [--time T] [--work DIR]\n"
      "                 [--sbatch ARG]... [--submit] [INPUT...]\n\n"
      "Writes Slurm batch scripts for the recipe under WORK/slurm/ (WORK: --work, default OUTPUT.work/,\n"
      "on storage all nodes see): an array job of N tasks per streaming segment (each task takes its\n"
      "shard of the input files and runs 'dpk run' on it), the staged subcommands of each global step\n"
      "(e.g. exact-dedup hashes, resolve, filter), and one task for a step that only observes all\n"
      "documents (stats), chained with --dependency=afterok. -o and INPUT replace the recipe's output\n"
      "and input, as for 'dpk run' (NAME: a recipe shipped with dpk, see 'dpk help recipes'). It prints\n"
      "the path of each script, then of WORK/slurm/submit.sh, which submits them; --submit runs it.\n"
      "Rerunning submit.sh after a failure redoes only the unfinished shards: directory outputs resume.\n"
      "See docs/cluster.md.\n\n"
      "Options of slurm:\n";
  s += options_help(slurm_options());
  s += "  -h, --help                  Show this help.\n      --version               Show the version.\n\n";
  s += kExitCodes;
  s += "\nExamples:\n"
       "  dpk slurm recipes/pretrain-web.yaml --tasks 64 --partition cpu --time 4:00:00\n"
       "  dpk slurm recipes/dedup.yaml --tasks 16 --work /shared/dedup.work --sbatch --mem=8G --submit\n";
  return s;
}

std::string options_inventory_jsonl() {
  std::string out;
  auto add = [&out](std::string_view tool, const std::vector<OptionSpec>& specs) {
    for (const auto& o : specs) {
      JsonWriter w;
      w.begin_object();
      w.key("tool"); w.value(tool);
      w.key("name"); w.value(o.name);
      w.key("type"); w.value(option_type_name(o.type));
      w.key("value"); w.value(o.type == OptionType::kChoice && o.value_name.empty() ? o.choices : o.value_name);
      w.key("default"); w.value(o.default_value);
      w.key("help"); w.value(o.help);
      w.key("formerly"); w.value(o.formerly);
      w.end_object();
      out += w.take() + "\n";
    }
  };
  add("common", common_options());
  add("run", run_options());
  add("slurm", slurm_options());
  for (const TransformSpec* t : all_transforms()) {
    add(t->name, t->options);
    for (const Subcommand& sub : t->subcommands) add(std::string(t->name) + " " + std::string(sub.name), sub.options);
  }
  return out;
}

std::string recipes_help_text() {
  std::string s = R"(Recipes: a pipeline as a YAML file, run by 'dpk run RECIPE.yaml' (or 'dpk slurm').

  name: web-clean                  # optional, free text (also description:)
  description: Clean a web crawl.
  input: data/crawl/               # a path or a list of paths: files, directories, '-'
  output: out/clean/               # like -o: '-', a file, or a directory ending in '/'
  glob: "*.jsonl.zst"              # any common option, spelled without the dashes
  threads: 8
  on-error: skip
  steps:                           # a list; each item is a mapping with one key, the step name
    - docid: {mode: hash}          # a step's options are its command-line options, without dashes
    - select: {min-words: 20}
    - langid:
        backend: fasttext
        langs: [en, de]            # a list option takes a YAML list (or "en,de")
    - pii: {text-key: body}        # a step's own text-key, id-key or threads (see Step options)
    - exact-dedup:                 # a step with no options: an empty value
    - stats: {report: out/profile.json, html: out/report.html}

Keys
  input        Where documents come from. INPUT... on the command line replaces it. Relative paths
               (here and in options) are taken from the current folder, not the recipe's.
  output       Where they go; a directory gets one output file per input file and run records in
               OUTPUT/.dpk/. -o on the command line replaces it.
  steps        The transforms, in order ('dpk list' names them; 'dpk help NAME' shows their options).
  name, description
               Free text, for people; not used by the run.
  other keys   Common options (text-key, id-key, threads, on-error, quarantine, keep-dropped,
               compression, block-size, ...): 'dpk help run' lists them. Given on the command line
               (dpk run RECIPE --threads 4) they override the recipe's.

Step options
  A step may set text-key, id-key and threads for itself, beside its own options; the run's
  values (recipe or command line) hold for the other steps.
  text-key, id-key  The step reads and writes these fields as 'dpk-NAME --text-key KEY' would:
               with text-key: body, `body` is its text, and a document without a string `body` is
               bad input at that step (handled by on-error). The document comes out with every
               field, `text` and `body` alike, as the steps left it.
  threads      Steps fused in one pass share its worker threads, so a step's threads is the most
               the whole pass holding it may use (for a global step: the passes that observe and
               apply it). The documents are the same on any number of threads.
  Every other common option is run-wide (output, input, glob, stats, on-error, quarantine,
  keep-dropped, sharding, compression, block sizes ...): inside a step it is an error naming the
  recipe file and line.

Values
  A flag is true or false (or given with no value: on). A number, size (1M, 256K) or choice is a
  scalar, checked against the option's range. A list option takes a YAML list or a comma-separated
  string. A list or mapping where one value is expected is an error.

Steps
  Streaming steps (annotators, filters, mappers, splitters, batch) run fused in one pass. A global
  step (exact-dedup, minhash-dedup, line-dedup, sample, stats) needs the whole corpus: the runtime
  splits the run into passes around it ('dpk run --explain' shows them). A step that reads files
  and makes documents of them (ingest, warc) is a source step: it can only be the first step.

Errors
  A recipe error is a usage error (exit 2) naming the file and line: an unknown key or step name,
  an unknown option or a bad value. Names from other tools get a hint: a Data-Juicer 'process:'
  suggests 'steps:', 'min_words' suggests 'min-words'.

Explain
  'dpk run --explain RECIPE [COMMON OPTIONS] [INPUT...]' prints the passes and a shell pipeline of
  dpk-NAME commands that writes the same documents and step files: every step option given,
  every common option given (the recipe's, the step's own, the command line's), values quoted for
  bash. Options that pick input files (glob, shard-index, shard-count) go to the first tool,
  fail-on-empty to the last. A file or stdout output is one pipe; a directory output keeps each
  input's name only if every tool reads and writes folders, so the tools then run one after the
  other through folders of a scratch directory ($(mktemp -d)), removed at the end. Each tool
  writes its own run summary (stats FILE gets .N-NAME before its extension), and its own dropped or
  quarantined documents, joined into the named file at the end (grouped by step, not in input
  order). Compressed files hold the same documents in other frames.
Recipes for pretraining, fine-tuning and RAG are in the repository's recipes/ folder.

Shipped recipes
  dpk installs those recipes under PREFIX/share/dpk/recipes/ and runs one by its name: 'dpk run
  quickstart' is PREFIX/share/dpk/recipes/quickstart.yaml. A shipped recipe's relative input paths
  name the sample data installed beside it (PREFIX/share/dpk/testdata/quickstart/ for quickstart);
  its outputs are written relative to the current folder (out/quickstart/ for quickstart). INPUT...
  on the command line replaces its input, as for a file. PREFIX is the folder above the running
  dpk's bin/ (/usr for the .deb; a build tree's build/, where share/dpk links to the sources).
)";
  s += "  Shipped here (" + shipped_recipes_dir() + "):";
  const auto names = shipped_recipe_names();
  for (const auto& n : names) s += " " + n;
  s += names.empty() ? " none\n" : "\n";
  return s;
}

}  // namespace dpk::runtime
