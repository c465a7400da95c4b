// ingest_document_source.h — one input file (a document, or an archive of
// them) read as JSONL documents.
//
// A plain file becomes one line; an archive (tar, tar.gz, tar.zst, tar.xz,
// zip, 7z ... anything libarchive reads) becomes one line per regular-file
// entry, read one entry at a time so memory follows the largest entry, not
// the archive. Every file or entry yields exactly one line:
//   - a document: id, path, size, mime, file_type (language for code), and
//     text; HTML comes as the page in `html`, a PDF as its bytes in
//     `pdf_base64`, and an office or e-book file (docx, pptx, xlsx, odt,
//     odp, ods, epub) as its bytes in `document_base64`, for the ingest
//     step to extract in parallel;
//   - a skipped file, with `ingest_problem` (binary, oversized,
//     unsupported_type, empty, no_text), which the ingest step drops with a
//     counted reason;
//   - a rejected record (`dpk_reject`, see TransformSpec::source) for a
//     corrupt archive, which the runtime handles under --on-error (a
//     corrupt PDF or office file is rejected by the step, Document::reject).
// So counts balance per file and per entry. Directories, links and other
// non-file entries of an archive are not documents and are not counted.
//
// Archive entries are named ARCHIVE!ENTRY (e.g. docs.tar.gz!guide/intro.md).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dpk/byte_stream.h"
#include "file_type.h"

namespace dpk {

struct IngestSourceOptions {
  uint64_t max_size = 10u << 20;  // 0 = no limit
};

// The field that carries a PDF's bytes (base64) from the source to the step.
inline constexpr std::string_view kPdfBytesField = "pdf_base64";
// The field that carries an office or e-book file's bytes (base64).
inline constexpr std::string_view kDocumentBytesField = "document_base64";

// The field a binary document's bytes travel in: kPdfBytesField for a PDF,
// kDocumentBytesField for an office or e-book file, "" for every other kind
// (whose text travels as text).
constexpr std::string_view bytes_field_for(FileKind k) {
  if (k == FileKind::kPdf) return kPdfBytesField;
  return is_zipped_document(k) ? kDocumentBytesField : std::string_view();
}

// The separator between an archive's path and its entry's path.
inline constexpr char kArchiveEntrySeparator = '!';

// True for names libarchive should open: .tar, .tar.gz, .tgz, .tar.zst,
// .tar.xz, .tar.bz2, .zip, .7z (case-insensitive).
bool is_archive_name(std::string_view path);
// True for bytes that open like a tar, zip or 7z archive.
bool is_archive_content(std::string_view head);
// True for bytes that open like a 7z archive (which must be read from a
// file: its index is at its end).
bool is_7z_content(std::string_view head);

std::unique_ptr<ByteSource> make_ingest_document_source(std::unique_ptr<ByteSource> raw, const std::string& path,
                                                        IngestSourceOptions options);

}  // namespace dpk
