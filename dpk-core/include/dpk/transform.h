// dpk/transform.h — the transform interfaces and the one declaration each
// transform makes.
//
// A transform is declared once as a TransformSpec: name, kind, options (as
// data), the fields it adds, and `configure`, which validates the options
// once and returns a factory. The runtime makes one instance per worker, so
// an instance may keep scratch state without locks. That single declaration
// feeds `dpk-NAME`, the recipe step NAME, `dpk help NAME` and the man page.
//
//   class ShortDropper final : public dpk::DocumentTransform {
//     void apply(dpk::Document& d) override { if (d.text().size() < 10) d.drop("short"); }
//   };
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/byte_stream.h"
#include "dpk/document.h"
#include "dpk/options.h"
#include "dpk/status.h"

namespace dpk {

enum class TransformKind {
  kAnnotator,  // adds fields
  kFilter,     // keeps or drops, with a reason
  kMapper,     // rewrites the text
  kSplitter,   // one document to many
  kBatch,      // works on a batch of documents at once
  kGlobal,     // needs to see the whole corpus before deciding
};
std::string_view transform_kind_name(TransformKind k);

// The documents of one block, in input order. Dropped documents stay in the
// vector (the runtime counts them and routes them to --keep-dropped).
using DocumentBatch = std::vector<Document>;

class Transform {
 public:
  virtual ~Transform() = default;
  // Streaming kinds: handle the live documents of a batch in place.
  virtual void process(DocumentBatch& batch) = 0;
};

// Annotator, filter, mapper: one document at a time.
class DocumentTransform : public Transform {
 public:
  void process(DocumentBatch& batch) final {
    for (auto& d : batch) {
      if (!d.dropped()) apply(d);
    }
  }
  // Edits `doc` in place, or calls doc.drop(reason).
  virtual void apply(Document& doc) = 0;
};

// Splitter: each live document becomes zero or more children. The runtime
// replaces the parent by the children it appends to `out`.
class SplitTransform : public Transform {
 public:
  void process(DocumentBatch&) final {}
  virtual void split(const Document& parent, std::vector<Document>& out) = 0;
};

// What the runtime counted of a run, handed to a global step that reports
// on the run (dpk-stats draws its funnel from it). Text bytes are the UTF-8
// bytes of the text field of the documents a step received and passed on.
struct StepTally {
  std::string name;
  uint64_t documents_in = 0, documents_out = 0, rejected = 0;
  uint64_t text_bytes_in = 0, text_bytes_out = 0;
  std::map<std::string, uint64_t> dropped;  // by reason
};
struct RunTally {
  uint64_t documents_read = 0;  // lines that were documents, parsed or rejected
  uint64_t rejected_at_read = 0;  // of those, bad input lines (malformed JSON, invalid UTF-8 ...)
  std::map<std::string, uint64_t> rejected_by_reason;  // every rejection so far, read and steps
  // The run's steps from the first up to and including the one told, in
  // order, each complete (this process's counts; under mpirun, this rank's).
  std::vector<StepTally> steps;
};

// Global: a first pass observes every document (each worker instance sees a
// part; the runtime merges them), then finish() decides, and a second pass
// applies the decision. A global step with needs_second_pass() false acts in
// the stream (it observes, documents pass on unchanged) and finishes at end.
class GlobalTransform : public Transform {
 public:
  void process(DocumentBatch&) final {}
  virtual void observe(const Document& doc) = 0;
  // Folds another instance's observations into this one.
  virtual void merge_from(GlobalTransform& other) = 0;
  // Called once on the merged instance after the first pass.
  virtual Status finish() = 0;
  // Called on the merged instance just before finish(), with the counts of
  // the run up to this step. Most steps ignore it.
  virtual void see_run_tally(const RunTally& run) { (void)run; }
  virtual bool needs_second_pass() const = 0;
  // True for a stage of a staged global step (e.g. `exact-dedup hashes`)
  // that observes one shard on purpose and writes that shard's part of the
  // intermediate data. Every other global step decides on the whole corpus,
  // so the runtime refuses to run it on one shard of a sharded job (unless
  // --shard-local) and, under mpirun, exchanges its observations.
  virtual bool runs_per_shard() const { return false; }
  // Second pass: called on the merged instance (read-only, from many threads).
  virtual void decide(Document& doc) const { (void)doc; }
  // A run spread over processes (mpirun): after merge_from and before
  // finish(), each process's observations travel as bytes, and every process
  // folds the others' bytes in, so each one's instance equals a one-process
  // run's. serialize() returns false when the step cannot be spread out.
  virtual bool serialize(std::string& out) const {
    (void)out;
    return false;
  }
  virtual Status merge_serialized(std::string_view bytes) {
    (void)bytes;
    return Status::Usage("this step cannot merge another process's observations");
  }
};

// What a step can know about the run it is part of.
struct StepContext {
  Schema schema;
  int shard_index = 0;
  int shard_count = 1;
  std::string output;      // the run's -o value ("-" = stdout)
  bool output_is_dir = false;
  std::string step_label;  // "docid" or "recipe.yaml:12 docid"
};

// How the run's output is laid out; dpk-convert sets it, others leave it.
struct OutputLayout {
  uint64_t shards = 0;          // write exactly N part files (0 = off)
  uint64_t max_file_bytes = 0;  // roll to a new part file past this size
  uint64_t max_file_docs = 0;   // roll to a new part file past this count
};

// A file a step writes beside the documents, and the option that named it.
struct StepFile {
  std::string option;  // "--report"
  std::string path;
};

struct ConfiguredStep {
  std::function<std::unique_ptr<Transform>()> make;
  std::optional<OutputLayout> layout;
  // A one-line description of the configured step for --explain.
  std::string explain;
  // Every file the step writes beside the documents (stats --report, embed
  // --vectors): before reading anything, the runtime refuses a run where two
  // outputs name one file or an output names an input, and removes the
  // temporaries killed runs left beside them.
  std::vector<StepFile> files = {};
  // Called once when the run has succeeded, never when it fails: a step that
  // writes its files as it goes (under temporary names) gives them their
  // final names here, so none is ever left half-written under its name.
  std::function<Status()> commit = {};
  // The files the step loaded to do its work (a language-ID model, an
  // embedding model's weights and vocabulary): the run record names each
  // with its size and SHA-256 (docs/run-summary.md).
  std::vector<std::string> model_files = {};
};

struct FieldDoc {
  std::string_view name;
  std::string_view meaning;
};

// A stage of a transform that runs as its own command, for global
// transforms split into stages over keyed, partitioned intermediate files
// (e.g. `dpk-exact-dedup hashes|resolve|filter`). `dpk-NAME SUB ARGS...` and
// `dpk NAME SUB ARGS...` call run() with argv[0] = "dpk-NAME SUB" and the
// remaining arguments; it returns the exit code. `options` (with the common
// options when `takes_common_options`) feed `dpk-NAME SUB --help`, the man
// page and the shell completions, so they list every option run() takes;
// run() may parse argv however it likes, typically by calling
// runtime::tool_main on a spec of its own. The runtime answers --help and
// --version for every stage before run() is called. Every stage takes -q and
// its work directory as --work DIR (runtime/stage_command.h).
struct Subcommand {
  std::string_view name;
  std::string_view summary;  // one line
  std::string_view usage;    // e.g. "--work DIR [--partition-index P]"
  std::vector<OptionSpec> options;
  bool takes_common_options = false;
  std::function<int(int argc, char** argv)> run;
  std::vector<std::string_view> examples = {};  // shell lines, for its help and man page
};

struct TransformSpec {
  std::string_view name;     // "docid": the step name; the tool is dpk-docid
  TransformKind kind;
  std::string_view summary;  // one line
  std::string_view description;  // paragraphs for help and man page
  std::vector<OptionSpec> options;
  std::vector<FieldDoc> fields;  // fields the transform adds or sets
  std::vector<std::string_view> examples;  // shell lines
  // Where `dpk-NAME` writes documents when -o is not given: "-" (stdout), or
  // "/dev/null" for tools whose product is a report rather than documents.
  std::string_view default_output = "-";
  // Validates typed options once and returns the factory.
  std::function<StatusOr<ConfiguredStep>(const OptionValues&, const StepContext&)> configure;
  // Stages runnable as separate commands (empty for most transforms).
  std::vector<Subcommand> subcommands = {};
  // False for a step that makes the text from another field (dpk-extract):
  // as a run's first step, its input documents need no text field.
  bool reads_text = true;
  // A source step (dpk-warc): as a run's first step, each input file's
  // decoded bytes are handed to this, which returns JSONL documents made
  // from them; the rest of the run (sharding by file, output, counts,
  // resume) is the same as for JSONL input. `options` are the step's.
  // A record the source cannot read (a corrupt file inside an archive) is a
  // line that begins `{"dpk_reject":"MESSAGE"` (a JSON object with at least
  // that string): the runtime rejects it as bad input under --on-error (fail
  // names MESSAGE; skip counts it by MESSAGE's text before the first ':';
  // quarantine also writes the line), so counts still balance. Bad input
  // found later, by the step itself (dpk-ingest reads PDFs there), is
  // rejected the same way with Document::reject.
  std::function<StatusOr<std::unique_ptr<ByteSource>>(std::unique_ptr<ByteSource> raw, const std::string& path,
                                                      const OptionValues& options)>
      source = {};
};

// All transforms, in the order of transforms/CMakeLists.txt (generated).
const std::vector<const TransformSpec*>& all_transforms();
const TransformSpec* find_transform(std::string_view name);

}  // namespace dpk
