// convert — recompress, reshard and reshape fields of a corpus.
//
// Recompression is the runtime's (--compression); resharding is an
// OutputLayout the runtime's part-file target carries out; this file only
// validates options and edits fields.
#include "dpk/transform.h"
#include "field_plan.h"

namespace dpk {
namespace {

class ConvertTransform final : public DocumentTransform {
 public:
  explicit ConvertTransform(convert::FieldPlan plan) : editor_(std::move(plan)) {}
  void apply(Document& doc) override { editor_.apply(doc); }

 private:
  convert::FieldEditor editor_;
};

StatusOr<std::optional<OutputLayout>> make_layout(const OptionValues& v, const StepContext& ctx) {
  const int64_t shards = v.get_int("shards");
  const int64_t max_docs = v.get_int("part-docs");
  const uint64_t max_bytes = v.has("part-bytes") ? v.get_size("part-bytes") : 0;
  if (shards < 0) return Status::Usage("--shards: must be 0 or more");
  if (max_docs < 0) return Status::Usage("--part-docs: must be 0 or more");
  if (shards == 0 && max_docs == 0 && max_bytes == 0) return std::optional<OutputLayout>();
  // Exactly N files and roll-over at a size are two different contracts.
  if (shards > 0 && (max_docs > 0 || max_bytes > 0)) {
    return Status::Usage("--shards: cannot be combined with --part-docs or --part-bytes");
  }
  if (!ctx.output_is_dir) {
    return Status::Usage("--shards/--part-docs/--part-bytes write numbered part files: give "
                         "-o a directory (a name ending in '/'), not '" + ctx.output + "'");
  }
  OutputLayout l;
  l.shards = static_cast<uint64_t>(shards);
  l.max_file_docs = static_cast<uint64_t>(max_docs);
  l.max_file_bytes = max_bytes;
  return std::optional<OutputLayout>(l);
}

std::string explain_layout(const OutputLayout& l) {
  if (l.shards) return std::to_string(l.shards) + " part files, round-robin";
  std::string s = "part files of at most";
  if (l.max_file_docs) s += " " + std::to_string(l.max_file_docs) + " documents";
  if (l.max_file_docs && l.max_file_bytes) s += " and";
  if (l.max_file_bytes) s += " " + std::to_string(l.max_file_bytes) + " bytes";
  return s;
}

}  // namespace

const TransformSpec& dpk_transform_convert() {
  static const TransformSpec spec{
      "convert",
      TransformKind::kMapper,
      "Recompress, reshard, and keep, drop or rename fields.",
      "Recompression: use the common option --compression (none, gzip, zstd; with "
      "--compression-level), which every dpk tool has; dpk-convert with no other option just "
      "copies the input into the chosen codec.\n\n"
      "Resharding: --shards N writes exactly N files part-00000.jsonl ... part-(N-1).jsonl (plus "
      ".gz/.zst) into the -o directory, dealing documents round-robin in input order; "
      "--part-docs and --part-bytes instead start a new part file when the current one "
      "would pass that many documents or uncompressed JSONL bytes (a single larger document gets "
      "a file of its own). -o must name a directory (end it with '/'). Part files from an earlier "
      "run with more parts are not removed.\n\n"
      "Fields (top-level only): --keep-fields keeps only the listed fields plus the text and id "
      "fields (and fields named in --rename); --drop-fields removes the listed fields (the id may "
      "be dropped, the text may not); the two cannot be combined. --rename OLD=NEW moves a field "
      "after keep/drop have run; an existing NEW is overwritten, otherwise NEW goes last. The text "
      "and id fields cannot be renamed (use --text-key/--id-key to read them from other names), "
      "and each name may appear in one rename only. Every other byte of a document is kept as it "
      "came in.",
      {
          {"shards", OptionType::kInt, "0", "Write exactly N part files, documents dealt round-robin (0 = off).", {}, 0, "N", 0},
          renamed("max-file-docs", {"part-docs", OptionType::kInt, "0",
                                     "Start a new part file after N documents (0 = off).", {}, 0, "N", 0}),
          renamed("max-file-bytes", {"part-bytes", OptionType::kSize, "",
                                      "Start a new part file before one would pass SIZE uncompressed bytes (K/M/G "
                                      "suffixes).", {}, 0, "SIZE", 1}),
          {"keep-fields", OptionType::kList, "", "Keep only these fields (plus the text and id fields).", {}, 0, "A,B"},
          {"drop-fields", OptionType::kList, "", "Remove these fields.", {}, 0, "A,B"},
          {"rename", OptionType::kList, "", "Rename field OLD to NEW (repeatable, or comma-separated).", {}, 0, "OLD=NEW"},
      },
      {},
      {"dpk-convert --compression zstd -o out/ corpus/",
       "dpk-convert --shards 64 --compression zstd -o shards/ big.jsonl.gz",
       "dpk-convert --part-bytes 1G --drop-fields html,headers -o parts/ crawl/",
       "dpk-convert --keep-fields url --rename url=source_url < in.jsonl > out.jsonl"},
      "-",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        auto plan = convert::make_field_plan(v, ctx.schema);
        if (!plan.ok()) return plan.status();
        auto layout = make_layout(v, ctx);
        if (!layout.ok()) return layout.status();
        ConfiguredStep c;
        c.layout = *layout;
        c.explain = plan->empty() ? "fields unchanged" : plan->describe();
        if (c.layout) c.explain += "; " + explain_layout(*c.layout);
        convert::FieldPlan p = std::move(*plan);
        c.make = [p]() { return std::make_unique<ConvertTransform>(p); };
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
