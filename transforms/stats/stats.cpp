// stats — a corpus profile: counts, length distributions, top field values,
// id uniqueness and field presence, as JSON and optionally as an HTML page.
//
// A global step that needs no second pass: every worker's instance observes
// its documents, the runtime merges the instances and calls finish() once,
// which writes the reports. Documents pass through unchanged.
#include "dpk/byte_stream.h"
#include "dpk/transform.h"
#include "html_report.h"
#include "profile.h"

namespace dpk {
namespace {

struct StatsConfig {
  stats::ProfileOptions profile;
  std::string report;  // "" = none, "-" = stdout
  std::string html;    // "" = none
};

Status write_file(const std::string& path, std::string_view bytes) {
  auto sink = open_output(path);  // atomic: temporary name, renamed on commit
  if (!sink.ok()) return sink.status();
  DPK_RETURN_IF_ERROR((*sink)->write(bytes));
  return (*sink)->commit();
}

class StatsTransform final : public GlobalTransform {
 public:
  explicit StatsTransform(std::shared_ptr<const StatsConfig> cfg)
      : cfg_(std::move(cfg)), profile_(cfg_->profile) {}

  void observe(const Document& doc) override { profile_.observe(doc); }
  void merge_from(GlobalTransform& other) override {
    profile_.merge(dynamic_cast<StatsTransform&>(other).profile_);
  }
  bool needs_second_pass() const override { return false; }
  void see_run_tally(const RunTally& run) override { run_ = run; }

  Status finish() override {
    if (!cfg_->report.empty()) DPK_RETURN_IF_ERROR(write_file(cfg_->report, profile_.to_json()));
    if (!cfg_->html.empty()) {
      DPK_RETURN_IF_ERROR(write_file(cfg_->html, stats::render_html(profile_, "dpk corpus profile", &run_)));
    }
    return Status::Ok();
  }
  const stats::CorpusProfile& profile() const { return profile_; }

 private:
  std::shared_ptr<const StatsConfig> cfg_;
  stats::CorpusProfile profile_;
  RunTally run_;  // the run up to this step, for the funnel
};

}  // namespace

const TransformSpec& dpk_transform_stats() {
  static const TransformSpec spec{
      "stats",
      TransformKind::kGlobal,
      "Profile a corpus: lengths, top field values, duplicate ids, field presence.",
      "Reads every document once and writes a JSON profile (--report, default stdout) and, with "
      "--html, a self-contained HTML page with charts. Documents pass through unchanged: by "
      "default they are discarded (the tool prints only the report); with -o they are written "
      "there too, so dpk-stats can sit in the middle of a pipeline or recipe.\n\n"
      "The profile has: documents, empty and blank (whitespace-only) texts; per-document length "
      "in characters (code points), words (runs of non-whitespace, ASCII whitespace), bytes and "
      "lines, each with count, sum, mean, min, max and quantiles p1 p5 p10 p25 p50 p75 p90 p95 "
      "p99. Quantiles come from a fixed log-scale histogram (8 buckets per power of two, a few KB "
      "whatever the corpus size): exact below 16, otherwise within 6.25% of the exact "
      "nearest-rank value; mean, min and max are exact.\n\n"
      "For each --fields field: how many documents have it and its --top most frequent values, "
      "counted by JSON text (strings by their value, numbers, true/false and null as written; "
      "objects and arrays are only counted). Counts are exact until a field has 100000 distinct "
      "values; after that new values are no longer added, and the report says truncated: true "
      "with the number of occurrences left uncounted.\n\n"
      "Ids: documents without an id, distinct ids and duplicate ids (documents whose id was "
      "seen before), exact, from a set of 64-bit xxh3 hashes of the ids: 10-20 bytes of memory "
      "per distinct id (100M documents: 1-2 GB); hash collisions are negligible (about n^2/2^65). "
      "Field presence: the share of documents having each top-level field. Numeric fields: every "
      "top-level field holding JSON numbers (up to 64 fields) gets count, mean, min, max and the "
      "quantiles above, from a histogram that groups values within 1/32 of their size.\n\n"
      "The HTML page (--html) is one file with no scripts and nothing fetched from elsewhere: "
      "tables, and inline SVG histograms of characters, words, bytes and lines per document and "
      "of each numeric field, each with its median marked. As a step of a run with steps before "
      "it (a recipe, or dpk run), the page begins with the run's funnel: for each step up to "
      "this one, the documents and text bytes it kept and what it dropped, by reason (this "
      "process's counts, as in its run record). A run that reads one folder written by an "
      "earlier dpk run (with DIR/.dpk/metadata.json, or its shards' records) puts that run's "
      "steps first: dpk-stats on a recipe's output, or the stats job of a dpk slurm chain, shows "
      "the recipe's whole funnel.",
      {
          {"report", OptionType::kString, "-", "Write the JSON profile here ('-' = stdout).", {}, 0, "FILE"},
          {"html", OptionType::kString, "", "Also write an HTML report with charts (and, in a recipe, the run's funnel) here.", {}, 0, "FILE"},
          {"fields", OptionType::kList, "", "Fields whose most frequent values are counted.", {}, 0, "A,B"},
          {"top", OptionType::kInt, "20", "How many top values to report per field.", {}, 0, "N", 0},
      },
      {},
      {"dpk-stats corpus.jsonl.zst", "dpk-stats --fields lang,source --html report.html --report profile.json data/",
       "zstd -dc in.zst | dpk-docid | dpk-stats --fields lang"},
      "/dev/null",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        auto cfg = std::make_shared<StatsConfig>();
        cfg->report = v.get_string("report");
        cfg->html = v.get_string("html");
        cfg->profile.fields = v.get_list("fields");
        cfg->profile.text_key = ctx.schema.text_key;
        cfg->profile.id_key = ctx.schema.id_key;
        const int64_t top = v.get_int("top");
        if (top < 0) return Status::Usage("--top: must be 0 or more");
        cfg->profile.top = static_cast<size_t>(top);
        if (ctx.output == "-" && (cfg->report == "-" || cfg->html == "-")) {
          return Status::Usage("--report/--html: documents already go to stdout (-o -); write the report "
                               "to a file (--report FILE)");
        }
        if (cfg->report == "-" && cfg->html == "-") {
          return Status::Usage("--html: the JSON report already goes to stdout; give --html FILE");
        }
        if (!cfg->report.empty() && cfg->report == cfg->html) {
          return Status::Usage("--html: same file as --report");
        }
        ConfiguredStep c;
        c.explain = "report to " + (cfg->report == "-" ? std::string("stdout") : cfg->report) +
                    (cfg->html.empty() ? "" : ", HTML to " + cfg->html);
        if (!cfg->report.empty() && cfg->report != "-") c.files.push_back({"--report", cfg->report});
        if (!cfg->html.empty() && cfg->html != "-") c.files.push_back({"--html", cfg->html});
        std::shared_ptr<const StatsConfig> shared = cfg;
        c.make = [shared]() { return std::make_unique<StatsTransform>(shared); };
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
