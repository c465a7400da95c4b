// docid — gives every document a stable id.
#include <xxhash.h>

#include <cstdio>

#include "dpk/transform.h"

namespace dpk {
namespace {

class DocIdTransform final : public DocumentTransform {
 public:
  DocIdTransform(bool hash, bool overwrite, std::string prefix)
      : hash_(hash), overwrite_(overwrite), prefix_(std::move(prefix)) {}

  void apply(Document& doc) override {
    if (doc.has_id() && !overwrite_) return;
    id_.assign(prefix_);
    if (hash_) {
      // xxh128 of the text bytes, as 32 hex digits (high half first).
      XXH128_hash_t h = XXH3_128bits(doc.text().data(), doc.text().size());
      char hex[33];
      std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                    static_cast<unsigned long long>(h.low64));
      id_.append(hex, 32);
    } else {
      // Shard, then the document's position in the shard's input stream:
      // stable for any thread count.
      id_.append(shard_part_);
      id_.append(std::to_string(doc.ordinal));
    }
    doc.set_id(id_);
  }
  std::string shard_part_;

 private:
  bool hash_;
  bool overwrite_;
  std::string prefix_;
  std::string id_;
};

}  // namespace

const TransformSpec& dpk_transform_docid() {
  static const TransformSpec spec{
      "docid",
      TransformKind::kAnnotator,
      "Give every document a stable id.",
      "With --mode hash the id is the xxh128 hash of the text, as 32 hex digits: the same text "
      "always gets the same id, on any machine. With --mode seq the id is the shard index and the "
      "document's 0-based position in that shard's input (e.g. 's0-41'): stable for any number "
      "of threads, unique across shards.\n\nA document that already has an id keeps it unless "
      "--overwrite-id is given. A numeric id counts as an id.",
      {
          {"mode", OptionType::kChoice, "hash", "How ids are made: hash of the text, or seq(uence).", "hash|seq"},
          {"overwrite-id", OptionType::kFlag, "", "Replace ids that documents already have."},
          {"prefix", OptionType::kString, "", "Text put before every new id.", {}, 0, "TEXT"},
      },
      {{"id", "the document id (or the field named by --id-key)"}},
      {"zstd -dc corpus.jsonl.zst | dpk-docid > with-ids.jsonl",
       "dpk-docid --mode seq --prefix web- -o out/ data/"},
      "-",
      [](const OptionValues& v, const StepContext& ctx) -> StatusOr<ConfiguredStep> {
        const bool hash = v.get_string("mode") == "hash";
        const bool overwrite = v.get_flag("overwrite-id");
        std::string prefix = v.get_string("prefix");
        std::string shard = "s" + std::to_string(ctx.shard_index) + "-";
        ConfiguredStep c;
        c.make = [=]() {
          auto t = std::make_unique<DocIdTransform>(hash, overwrite, prefix);
          t->shard_part_ = shard;
          return t;
        };
        c.explain = std::string(hash ? "xxh128 of text" : "shard-prefixed sequence") +
                    (overwrite ? ", replacing existing ids" : ", keeping existing ids");
        return c;
      },
  };
  return spec;
}

}  // namespace dpk
