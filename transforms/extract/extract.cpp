// extract — HTML main-content extraction: the `html` field becomes `text`.
#include "content_extractor.h"
#include "dpk/transform.h"

namespace dpk {
namespace {

// True when `text` (UTF-8) holds fewer than `n` code points; stops counting at n.
bool fewer_code_points(std::string_view text, size_t n) {
  if (text.size() < n) return true;  // a code point takes at least one byte
  size_t count = 0;
  for (unsigned char c : text) {
    count += (c & 0xC0) != 0x80;
    if (count >= n) return false;
  }
  return true;
}

class ExtractTransform final : public DocumentTransform {
 public:
  ExtractTransform(ExtractOptions options, std::string html_key, bool keep_html, size_t min_chars)
      : extractor_(options), html_key_(std::move(html_key)), keep_html_(keep_html), min_chars_(min_chars) {}

  void apply(Document& doc) override {
    if (!doc.get_string(html_key_, html_)) {
      doc.drop(doc.has_field(html_key_) ? "extract:html_not_a_string" : "extract:no_html");
      return;
    }
    const ExtractedPage& page = extractor_.extract(html_);
    if (fewer_code_points(page.text, min_chars_)) {
      doc.drop("extract:no_main_content");
      return;
    }
    doc.set_text(page.text);
    if (!page.title.empty()) doc.set_string("title", page.title);
    if (!page.lang.empty()) doc.set_string("html_lang", page.lang);
    if (!keep_html_ && html_key_ != doc.schema().text_key) doc.remove(html_key_);
  }

 private:
  ContentExtractor extractor_;
  std::string html_key_;
  bool keep_html_;
  size_t min_chars_;
  std::string html_;
};

}  // namespace

const TransformSpec& dpk_transform_extract() {
  static const TransformSpec spec{
      "extract",
      TransformKind::kMapper,
      "Extract the main text of HTML pages (drop menus, footers, banners, comments).",
      "Reads the HTML page in the field named by --html-key, finds its main content and writes it "
      "to the text field, one paragraph, heading or list item per line (--format text) or as "
      "Markdown (--format markdown). The page title goes to `title` and the page's declared "
      "language (<html lang>) to `html_lang`.\n\n"
      "The page is parsed with libxml2's error-tolerant HTML parser. Navigation, headers, footers, "
      "asides, hidden elements, and elements whose class or id name them page furniture (menu, "
      "sidebar, cookie, share, related, comments ...) are skipped; the remaining text blocks vote "
      "for their ancestors by length, commas and link density, and the best element with its "
      "close-scoring siblings is the main content. Blocks that are mostly links are dropped.\n\n"
      "The html field must be a UTF-8 string (dpk-warc and dpk-ingest decode pages to UTF-8); a "
      "charset declared in the page is ignored. Documents without the field are dropped "
      "(extract:no_html), as are pages with less main text than --min-chars "
      "(extract:no_main_content). The input needs no text field.",
      {
          {"html-key", OptionType::kString, "html", "Field that holds the HTML page.", {}, 0, "KEY"},
          {"format", OptionType::kChoice, "text", "Text layout: plain lines, or Markdown headings and lists.",
           "text|markdown"},
          {"comments", OptionType::kFlag, "", "Keep user comment sections."},
          {"no-tables", OptionType::kFlag, "", "Leave out table cells."},
          {"keep-html", OptionType::kFlag, "", "Keep the html field (by default it is removed)."},
          {"min-chars", OptionType::kInt, "1",
           "Drop pages whose main text has fewer Unicode code points than this (as select --min-chars).", {},
           0, "N", 0},
      },
      {{"text", "the main content (or the field named by --text-key)"},
       {"title", "the page title (<title>, else the first <h1>)"},
       {"html_lang", "the language the page declares (<html lang>, Content-Language)"}},
      {"dpk-extract pages.jsonl.zst > text.jsonl",
       "dpk-extract --format markdown --html-key body --keep-html -o out/ crawl/"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        ExtractOptions o;
        o.format = v.get_string("format") == "markdown" ? TextFormat::kMarkdown : TextFormat::kText;
        o.comments = v.get_flag("comments");
        o.tables = !v.get_flag("no-tables");
        std::string key = v.get_string("html-key");
        if (key.empty()) return Status::Usage("--html-key: must not be empty");
        const int64_t min_chars = v.get_int("min-chars");
        if (min_chars < 0) return Status::Usage("--min-chars: must not be negative");
        const bool keep = v.get_flag("keep-html");
        ConfiguredStep c;
        c.make = [=]() { return std::make_unique<ExtractTransform>(o, key, keep, static_cast<size_t>(min_chars)); };
        c.explain = "html field '" + key + "' -> main-content " + v.get_string("format") +
                    (o.comments ? ", with comments" : "");
        return c;
      },
      {},
      /*reads_text=*/false,
  };
  return spec;
}

}  // namespace dpk
