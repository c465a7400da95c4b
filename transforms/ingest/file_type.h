// file_type.h — what a file is, from its name and its first bytes.
//
// The extension picks the kind (text, Markdown, HTML, PDF, office and
// e-book files, code with its language) and the MIME type from a fixed table; the content then has the
// last word where it is unambiguous: a PDF signature makes a PDF whatever the
// name, well-known binary signatures (images, archives, executables) make an
// unsupported file, NUL bytes make a binary one, and an unknown extension
// over text that opens like an HTML page is HTML.
//
//   dpk::FileType t = dpk::classify_file("src/main.rs", first_bytes);
//   // t.kind == FileKind::kCode, t.language == "Rust", t.mime == "text/x-rust"
#pragma once

#include <string_view>

namespace dpk {

enum class FileKind {
  kText,         // plain text, as is
  kMarkdown,     // Markdown, as is
  kHtml,         // through the main-content extractor
  kPdf,          // through the PDF text extractor
  kCode,         // as is, with language and code-quality fields
  // Zip archives of XML, read by the ingest step (office_text.h):
  kDocx,         // Word (Office Open XML)
  kPptx,         // PowerPoint (Office Open XML)
  kXlsx,         // Excel (Office Open XML)
  kOdt,          // OpenDocument text
  kOdp,          // OpenDocument presentation
  kOds,          // OpenDocument spreadsheet
  kEpub,         // EPUB e-book
  kBinary,       // not text (NUL bytes, or a binary signature with no known type)
  kUnsupported,  // a known type dpk does not read (images, legacy .doc/.xls/.ppt, nested archives)
};

std::string_view file_kind_name(FileKind k);

// True when `s` ends with `lower_suffix` (given in lower case), comparing
// ASCII letters without case: names such as "PAGE.HTML.GZ" and ".Epub".
bool ends_with_ci(std::string_view s, std::string_view lower_suffix);

// True for the office and e-book kinds (kDocx ... kEpub): zip archives whose
// text the ingest step reads from their XML parts.
bool is_zipped_document(FileKind k);

struct FileType {
  FileKind kind = FileKind::kText;
  std::string_view mime = "text/plain";
  std::string_view language;  // code only: a GitHub Linguist name ("Python", "C++")
};

// The type by the name alone (the last path component's extension, or a
// whole name such as Makefile or Dockerfile); kind kText, mime "" when the
// name says nothing.
FileType type_from_name(std::string_view path);

// The type from the name and the first bytes of the content (a few KB is
// enough; the whole file is fine).
FileType classify_file(std::string_view path, std::string_view head);

// True when the bytes hold a NUL in their first 8000 bytes and no UTF-16
// byte-order mark (the test git uses to call a file binary).
bool looks_binary(std::string_view head);

}  // namespace dpk
