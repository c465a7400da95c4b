// ingest — documents from files, folders and archives: text, Markdown,
// HTML, PDF, office and e-book files, and source code.
#include <algorithm>

#include "../extract/content_extractor.h"
#include "base64_text.h"
#include "code_quality.h"
#include "dpk/transform.h"
#include "ingest_document_source.h"
#include "office_text.h"
#include "pdf_text.h"

namespace dpk {
namespace {

// The step half of dpk-ingest: the source made one line per file or entry;
// the work that can run in parallel happens here (PDF and office text, HTML
// extraction, code measures), skipped files are dropped with their reason,
// and a PDF or office file that cannot be read is rejected as bad input.
class IngestStep final : public DocumentTransform {
 public:
  IngestStep(ExtractOptions eo, bool keep_html, std::string page_separator, ZipLimits zip_limits)
      : extractor_(eo), keep_html_(keep_html), page_separator_(std::move(page_separator)), zip_limits_(zip_limits) {}

  void apply(Document& doc) override {
    if (doc.get_string("ingest_problem", scratch_)) {
      doc.drop(reason_for(scratch_));
      return;
    }
    if (!doc.get_string("file_type", kind_)) return;
    if (const FileKind binary = binary_kind(kind_); binary != FileKind::kText) {
      read_binary(doc, binary);
    } else if (kind_ == "html") {
      if (!doc.get_string("html", scratch_)) return;
      const ExtractedPage& page = extractor_.extract(scratch_);
      if (page.text.empty()) {
        doc.drop("ingest:no_main_content");
        return;
      }
      doc.set_text(page.text);
      if (!page.title.empty()) doc.set_string("title", page.title);
      if (!page.lang.empty()) doc.set_string("html_lang", page.lang);
      if (!keep_html_) doc.remove("html");
    } else if (kind_ == "code") {
      doc.get_string("path", scratch_);
      const CodeQuality q = measure_code(scratch_, doc.text());
      doc.set_int("line_count", static_cast<int64_t>(q.line_count));
      doc.set_int("max_line_length", static_cast<int64_t>(q.max_line_length));
      doc.set_number("avg_line_length", q.avg_line_length);
      doc.set_number("alphanum_fraction", q.alphanum_fraction);
      doc.set_bool("is_generated", q.is_generated);
      doc.set_bool("is_minified", q.is_minified);
      doc.set_bool("has_license_header", q.has_license_header);
    }
  }

 private:
  // The bytes of a PDF, office or e-book file came from the source as base64
  // (bytes_field_for(kind)).
  void read_binary(Document& doc, FileKind kind) {
    const std::string_view field = bytes_field_for(kind);
    const std::string_view format = kind == FileKind::kPdf ? std::string_view("PDF") : office_format_name(kind);
    if (!doc.get_string(field, scratch_) || !decode_base64(scratch_, bytes_)) {
      reject_corrupt(doc, format, "the record has no bytes in " + std::string(field));
    } else if (kind == FileKind::kPdf) {
      read_pdf(doc, field);
    } else {
      read_office(doc, kind, field, format);
    }
    // Memory follows the files in flight, not the largest one this thread read.
    for (std::string* s : {&scratch_, &bytes_, &text_}) {
      if (s->capacity() > kKeepBytes) std::string().swap(*s);
    }
    office_.shrink(kKeepBytes);
  }
  static constexpr size_t kKeepBytes = size_t{4} << 20;

  // "pdf" -> FileKind::kPdf, "docx" -> FileKind::kDocx ...: the kinds whose
  // bytes travel as base64; kText for any other file_type.
  static FileKind binary_kind(std::string_view name) {
    for (FileKind k : {FileKind::kPdf, FileKind::kDocx, FileKind::kPptx, FileKind::kXlsx, FileKind::kOdt,
                       FileKind::kOdp, FileKind::kOds, FileKind::kEpub}) {
      if (file_kind_name(k) == name) return k;
    }
    return FileKind::kText;
  }

  // Rejects the document as bad input: "corrupt FORMAT: PATH: detail".
  void reject_corrupt(Document& doc, std::string_view format, std::string_view detail) {
    doc.get_string("path", path_);
    doc.reject("corrupt " + std::string(format) + ": " + path_ + ": " + std::string(detail));
  }

  void read_pdf(Document& doc, std::string_view field) {
    int pages = 0;
    if (Status s = pdf_.extract(bytes_, page_separator_, text_, pages); !s.ok()) {
      reject_corrupt(doc, "PDF", s.message());
      return;
    }
    doc.remove(field);
    keep_text(doc, pages);
  }

  void read_office(Document& doc, FileKind kind, std::string_view field, std::string_view format) {
    int pages = 0;
    switch (office_.extract(kind, bytes_, page_separator_, zip_limits_, text_, pages, why_)) {
      case OfficeTextExtractor::kOk: break;
      case OfficeTextExtractor::kTooLarge:
        // Too large once inflated, as a file past --max-input-bytes is too large.
        doc.remove(field);
        doc.set_string("ingest_problem", why_);
        doc.drop("ingest:oversized");
        return;
      case OfficeTextExtractor::kCorrupt:
        reject_corrupt(doc, format, why_);
        return;
    }
    doc.remove(field);
    keep_text(doc, pages);  // 0 for docx and odt: no pages
  }

  // The extracted text_ becomes the document's text; blank text drops it.
  void keep_text(Document& doc, int pages) {
    if (text_.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
      doc.drop("ingest:no_text");
      return;
    }
    if (pages > 0) doc.set_int("pages", pages);
    doc.set_text(text_);
  }

  static std::string_view reason_for(const std::string& problem) {
    if (problem == "binary") return "ingest:binary";
    if (problem == "oversized") return "ingest:oversized";
    if (problem == "unsupported_type") return "ingest:unsupported_type";
    if (problem == "empty") return "ingest:empty";
    if (problem == "no_text") return "ingest:no_text";
    return "ingest:unreadable";
  }

  ContentExtractor extractor_;
  PdfTextExtractor pdf_;
  OfficeTextExtractor office_;
  bool keep_html_;
  std::string page_separator_;
  ZipLimits zip_limits_;
  std::string scratch_, kind_, bytes_, text_, path_, why_;
};

// "\f", "\n\n", "\t", "\\" in an option value become the characters.
std::string unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    out.push_back(c == 'n' ? '\n' : c == 'f' ? '\f' : c == 't' ? '\t' : c == 'r' ? '\r' : c);
  }
  return out;
}

// An office file's parts may inflate to many times its size (XML
// compresses well); past these caps it is a zip bomb, not a document.
ZipLimits zip_limits(uint64_t max_size) {
  ZipLimits z;
  z.max_part_bytes = uint64_t{64} << 20;
  z.max_total_bytes = max_size == 0 ? uint64_t{1} << 30 : std::max<uint64_t>(z.max_part_bytes, 8 * max_size);
  return z;
}

IngestSourceOptions source_options(const OptionValues& v) {
  IngestSourceOptions o;
  o.max_size = v.get_size("max-input-bytes");
  return o;
}

}  // namespace

const TransformSpec& dpk_transform_ingest() {
  static const TransformSpec spec{
      "ingest",
      TransformKind::kMapper,
      "Read files, folders and archives (text, Markdown, HTML, PDF, office, EPUB, code) into documents.",
      "Turns files into documents: each input file, each file below an input folder (recursively; "
      "--glob filters), and each file inside an archive (tar, tar.gz, tar.zst, tar.xz, tar.bz2, zip, "
      "7z, read entry by entry through libarchive) becomes one document. An archive entry's path is "
      "ARCHIVE!ENTRY (docs.tar.gz!guide/intro.md); the path is also the document's id. A file "
      "compressed on its own (page.html.gz, notes.md.zst, table.csv.bz2, book.md.xz), in a folder "
      "or an archive, is decompressed (up to --max-input-bytes) and read as what it holds.\n\n"
      "The type comes from the extension and the first bytes (a PDF signature, binary signatures, NUL "
      "bytes, an HTML doctype): text and Markdown are kept as they are; HTML goes through the same "
      "main-content extractor as dpk-extract (--format text or markdown); PDFs through poppler, one "
      "page after another joined by --page-separator, with the page count in `pages`; office and "
      "e-book files (file_type docx, pptx, xlsx, odt, odp, ods, epub: zips of XML) from their XML "
      "parts, one line per paragraph or table row (cells joined by tabs), slides, sheets and EPUB "
      "chapters joined by --page-separator and counted in `pages`; source code "
      "(some 50 languages by extension or #! line) keeps its text and gains `language` and the "
      "measures code datasets filter on (line_count, max_line_length, avg_line_length, "
      "alphanum_fraction, is_generated, is_minified, has_license_header). Text that is not valid "
      "UTF-8 is decoded from the charset ICU detects (`charset` names it).\n\n"
      "Every file or entry is counted: a document, a drop with its reason (ingest:binary, "
      "ingest:oversized past --max-input-bytes or for an office file whose parts inflate past 64 MiB (one "
      "part) or 8 x --max-input-bytes (all), ingest:unsupported_type for images, legacy .doc/.xls/.ppt, "
      "nested archives ..., ingest:empty for an empty file or an archive with no file in it, "
      "ingest:no_text for a PDF without a text layer or an "
      "office file without text, ingest:no_main_content for HTML), or, for a corrupt PDF, office "
      "file (encrypted ones included) or archive, a rejected record named by file and entry that "
      "follows --on-error (a compressed file that does not decompress too). Office XML is parsed with no network, no DTD and no entity expansion. "
      "dpk-ingest must be the first step of a run.",
      {
          renamed("max-size", {"max-input-bytes", OptionType::kSize, "10M",
           "Skip input files and archive entries larger than this (ingest:oversized); 0 = no limit.", {}, 0,
           "SIZE"}),
          {"format", OptionType::kChoice, "text", "Text layout of HTML pages: plain lines or Markdown.",
           "text|markdown"},
          {"keep-html", OptionType::kFlag, "", "Keep the html field of HTML pages."},
          {"page-separator", OptionType::kString, "\\f",
           "Between the pages of a PDF and the slides, sheets and chapters of office and EPUB files "
           "(\\f, \\n and \\t are understood).", {}, 0, "TEXT"},
      },
      {{"id", "the path (ARCHIVE!ENTRY inside an archive)"},
       {"path", "the file's path as read, or ARCHIVE!ENTRY"},
       {"size", "bytes of the file or entry (uncompressed)"},
       {"mime", "MIME type, from the extension and the content"},
       {"file_type", "text, markdown, html, pdf, docx, pptx, xlsx, odt, odp, ods, epub or code (binary, "
                     "unsupported on dropped documents)"},
       {"text", "the text; HTML: its main content; PDF: the pages' text; office, EPUB: paragraphs and rows"},
       {"charset", "the charset the text was decoded from, when it was not UTF-8"},
       {"pages", "PDF: pages; pptx, odp: slides; xlsx, ods: sheets; epub: spine documents"},
       {"title", "HTML: the page title"},
       {"html_lang", "HTML: the language the page declares"},
       {"language", "code: the language (GitHub Linguist name) from the extension"},
       {"line_count", "code: lines"},
       {"max_line_length", "code: the longest line, in code points"},
       {"avg_line_length", "code: mean line length, in code points"},
       {"alphanum_fraction", "code: the fraction of alphanumeric code points"},
       {"is_generated", "code: a generator's marker (DO NOT EDIT, generated by ...) in the first 10 lines"},
       {"is_minified", "code: mean line > 100 or longest line > 1000 code points, or a .min. name"},
       {"has_license_header", "code: SPDX, Copyright or a licence grant in the first 30 lines"},
       {"ingest_problem", "on dropped documents: why the file was skipped"}},
      {"dpk-ingest -o corpus.jsonl.zst docs/ manuals.zip",
       "dpk-ingest --format markdown --page-separator '\\n\\n' site.tar.gz | dpk-chunk > chunks.jsonl",
       "dpk-ingest src.tar.gz | dpk-select --where 'is_generated == false' --where 'is_minified == false'",
       "dpk-ingest shared-drive.zip | dpk-select --where 'file_type in [\"docx\", \"pptx\"]'"},
      "-",
      [](const OptionValues& v, const StepContext&) -> StatusOr<ConfiguredStep> {
        ExtractOptions eo;
        eo.format = v.get_string("format") == "markdown" ? TextFormat::kMarkdown : TextFormat::kText;
        const bool keep = v.get_flag("keep-html");
        const std::string separator = unescape(v.get_string("page-separator"));
        const ZipLimits limits = zip_limits(v.get_size("max-input-bytes"));
        ConfiguredStep c;
        c.make = [=]() { return std::make_unique<IngestStep>(eo, keep, separator, limits); };
        c.explain = "files and archive entries -> documents (text, Markdown, HTML, PDF, office, EPUB, code)";
        return c;
      },
      {},
      /*reads_text=*/false,
      [](std::unique_ptr<ByteSource> raw, const std::string& path,
         const OptionValues& v) -> StatusOr<std::unique_ptr<ByteSource>> {
        return make_ingest_document_source(std::move(raw), path, source_options(v));
      },
  };
  return spec;
}

}  // namespace dpk
