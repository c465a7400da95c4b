// warc — documents from WARC files (responses, resources, conversions).
#include "../extract/content_extractor.h"
#include "dpk/transform.h"
#include "warc_document_source.h"

namespace dpk {
namespace {

// The step half of dpk-warc: the source made one line per record; records
// that are not documents are dropped here with their reason, and with
// --extract the page's main text replaces the HTML.
class WarcStep final : public DocumentTransform {
 public:
  WarcStep(bool extract, bool keep_html, ExtractOptions eo) : extract_(extract), keep_html_(keep_html), extractor_(eo) {}

  void apply(Document& doc) override {
    if (doc.get_string("warc_problem", scratch_)) {
      doc.drop(reason_for(scratch_));
      return;
    }
    if (!extract_ || !doc.get_string("html", scratch_)) return;
    const ExtractedPage& page = extractor_.extract(scratch_);
    if (page.text.empty()) {
      doc.drop("warc:no_main_content");
      return;
    }
    doc.set_text(page.text);
    if (!page.title.empty()) doc.set_string("title", page.title);
    if (!page.lang.empty()) doc.set_string("html_lang", page.lang);
    if (!keep_html_) doc.remove("html");
  }

 private:
  static std::string_view reason_for(const std::string& problem) {
    if (problem == "truncated") return "warc:truncated_record";
    if (problem == "malformed") return "warc:malformed_record";
    if (problem == "not_text") return "warc:not_text";
    if (problem == "not_http") return "warc:not_http";
    if (problem == "too_large") return "warc:too_large";
    if (problem == "bad_chunking") return "warc:bad_chunking";
    if (problem == "bad_content_encoding") return "warc:bad_content_encoding";
    return "warc:unreadable_record";
  }

  bool extract_;
  bool keep_html_;
  ContentExtractor extractor_;
  std::string scratch_;
};

WarcSourceOptions source_options(const OptionValues& v) {
  WarcSourceOptions o;
  o.types.clear();
  for (const auto& t : v.get_list("record-types")) o.types.insert(t);
  o.max_body = v.get_size("max-body-bytes");
  return o;
}

}  // namespace

const TransformSpec& dpk_transform_warc() {
  static const TransformSpec spec{
      "warc",
      TransformKind::kMapper,
      "Read WARC files (.warc, .warc.gz, .warc.zst) into documents.",
      "Reads WARC 1.0/1.1 files (and older 0.x headers) record by record and writes one document per "
      "kept record: `response` records by default (--record-types adds `resource` and `conversion`, the "
      "WET text records). For a response the HTTP headers are removed, chunked transfer encoding "
      "and gzip/deflate content encoding are undone (never past --max-body-bytes: a gzip bomb stops "
      "inflating at the cap), and the body is decoded to UTF-8 by the charset "
      "the HTTP header declares, else a <meta charset>, else ICU's charset detector. HTML goes to "
      "`html` (with --extract: its main content to `text`, as dpk-extract does), other text/* "
      "bodies to `text`.\n\n"
      "A malformed or truncated record never stops the file: it is dropped with the reason "
      "warc:malformed_record or warc:truncated_record, and its offset in the decoded stream is in "
      "the dropped document (--keep-dropped). Records that are not text (images, PDF) are dropped "
      "as warc:not_text. Chunking that breaks once begun (a chunk longer than what is left, a size "
      "line that is not one) drops the record as warc:bad_chunking, never leaving size lines in the "
      "body; a body stored de-chunked under a chunked header is kept as stored. Other record types (request, metadata, warcinfo, revisit) are not "
      "documents and are not counted. dpk-warc must be the first step of a run.",
      {
          renamed("types", {"record-types", OptionType::kList, "response", "Record types that become documents.", {},
                            0, "response,resource,conversion"}),
          {"extract", OptionType::kFlag, "", "Extract the main text of HTML pages in the same pass."},
          {"keep-html", OptionType::kFlag, "", "With --extract, keep the html field."},
          {"format", OptionType::kChoice, "text", "With --extract: text layout.", "text|markdown"},
          renamed("max-body", {"max-body-bytes", OptionType::kSize, "0",
           "Drop bodies larger than this (warc:too_large), decoding no further than it and passing over "
           "longer records unread; 0 = no limit.",
           {}, 0, "SIZE"}),
      },
      {{"url", "WARC-Target-URI"},
       {"date", "WARC-Date"},
       {"warc_record_id", "WARC-Record-ID"},
       {"warc_type", "the record type"},
       {"content_type", "the HTTP Content-Type (the record's for resource/conversion)"},
       {"http_status", "the HTTP status code (responses)"},
       {"charset", "the charset the body was decoded from"},
       {"warc_offset", "offset of the record in the decoded WARC stream"},
       {"html", "the page, as UTF-8 (HTML records)"},
       {"text", "the body of text records; with --extract, the main content of HTML pages"}},
      {"dpk-warc --extract -o out/ crawl/*.warc.gz", "dpk-warc --record-types conversion CC-MAIN-*.warc.wet.gz > wet.jsonl"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        for (const auto& t : v.get_list("record-types")) {
          if (t != "response" && t != "resource" && t != "conversion") {
            return Status::Usage("--record-types: unknown record type '" + t + "' (response, resource, conversion)");
          }
        }
        ExtractOptions eo;
        eo.format = v.get_string("format") == "markdown" ? TextFormat::kMarkdown : TextFormat::kText;
        const bool extract = v.get_flag("extract");
        const bool keep = v.get_flag("keep-html");
        ConfiguredStep c;
        c.make = [=]() { return std::make_unique<WarcStep>(extract, keep, eo); };
        c.explain = std::string("WARC records -> documents") + (extract ? ", main text extracted" : "");
        return c;
      },
      {},
      /*reads_text=*/false,
      [](std::unique_ptr<ByteSource> raw, const std::string& path,
         const OptionValues& v) -> StatusOr<std::unique_ptr<ByteSource>> {
        return make_warc_document_source(std::move(raw), path, source_options(v));
      },
  };
  return spec;
}

}  // namespace dpk
