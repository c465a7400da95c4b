// The ingest source over archives written here with libarchive's writer:
// one line per regular file (documents, skips, rejects), none for folders.
#include "ingest_document_source.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base64_text.h"

namespace dpk {
namespace {

namespace fs = std::filesystem;
using Entries = std::vector<std::pair<std::string, std::string>>;

// A PDF with one line of text per page (Helvetica), with a correct xref.
std::string make_pdf(const std::vector<std::string>& pages) {
  std::map<int, std::string> objs;
  objs[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objs[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    const int page = 4 + 2 * static_cast<int>(i), content = page + 1;
    kids += std::to_string(page) + " 0 R ";
    const std::string stream = "BT /F1 14 Tf 72 720 Td (" + pages[i] + ") Tj ET";
    objs[page] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                 "/Contents " + std::to_string(content) + " 0 R >>";
    objs[content] = "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream";
  }
  objs[2] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (const auto& [id, body] : objs) {
    offsets.push_back(out.size());
    out += std::to_string(id) + " 0 obj\n" + body + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

class IngestSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dpk-ingest-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_archive(const std::string& name, const char* format, bool gzip, const Entries& entries) {
    const std::string path = (dir_ / name).string();
    struct archive* a = archive_write_new();
    EXPECT_EQ(archive_write_set_format_by_name(a, format), ARCHIVE_OK) << archive_error_string(a);
    if (gzip) archive_write_add_filter_gzip(a);
    EXPECT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK);
    struct archive_entry* dir = archive_entry_new();
    archive_entry_set_pathname(dir, "folder/");
    archive_entry_set_filetype(dir, AE_IFDIR);
    archive_entry_set_perm(dir, 0755);
    archive_write_header(a, dir);
    archive_entry_free(dir);
    for (const auto& [entry_name, bytes] : entries) {
      struct archive_entry* e = archive_entry_new();
      archive_entry_set_pathname(e, entry_name.c_str());
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_perm(e, 0644);
      archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
      archive_write_header(a, e);
      archive_write_data(a, bytes.data(), bytes.size());
      archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
    return path;
  }

  // The source's lines for one input file, parsed.
  std::vector<simdjson::dom::element> ingest(const std::string& path, IngestSourceOptions options = {}) {
    auto raw = open_input(path);
    EXPECT_TRUE(raw.ok()) << raw.status().message();
    auto src = make_ingest_document_source(std::move(*raw), path, options);
    text_.clear();
    char buf[4096];
    for (;;) {
      auto n = src->read(buf, sizeof buf);
      EXPECT_TRUE(n.ok()) << n.status().message();
      if (!n.ok() || *n == 0) break;
      text_.append(buf, *n);
    }
    std::vector<simdjson::dom::element> out;
    parsers_.clear();
    size_t pos = 0;
    while (pos < text_.size()) {
      const size_t nl = text_.find('\n', pos);
      parsers_.push_back(std::make_unique<simdjson::dom::parser>());
      out.push_back(parsers_.back()->parse(text_.substr(pos, nl - pos)));
      pos = nl + 1;
    }
    return out;
  }

  static std::string str(simdjson::dom::element e, const char* key) {
    std::string_view v;
    if (e[key].get(v)) return "<none>";
    return std::string(v);
  }

  fs::path dir_;
  std::string text_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> parsers_;
};

Entries sample_entries() {
  return {{"guide/intro.md", "# Intro\n\nHello.\n"},
          {"src/main.py", "# Copyright 2024\nprint('hi')\n"},
          {"blob.dat", std::string("ab\0cd", 5)},
          {"big.txt", std::string(3000, 'x')},
          {"report.pdf", make_pdf({"page one", "page two"})},
          {"bad.pdf", "%PDF-1.4\nnot a pdf"}};
}

TEST_F(IngestSourceTest, EveryArchiveFormatGivesOneLinePerFile) {
  for (auto [name, format, gzip] : {std::tuple{"a.zip", "zip", false}, std::tuple{"a.7z", "7zip", false},
                                    std::tuple{"a.tar.gz", "pax", true}, std::tuple{"a.tar", "gnutar", false}}) {
    SCOPED_TRACE(name);
    const std::string path = write_archive(name, format, gzip, sample_entries());
    IngestSourceOptions o;
    o.max_size = 2000;
    const auto lines = ingest(path, o);
    ASSERT_EQ(lines.size(), 6u) << text_;  // the folder entry is not a line
    std::map<std::string, simdjson::dom::element> by;
    for (const auto& l : lines) by[str(l, "path")] = l;
    ASSERT_EQ(by.size(), 6u) << text_;
    const std::string p = path + "!";
    EXPECT_EQ(str(by[p + "guide/intro.md"], "text"), "# Intro\n\nHello.\n");
    EXPECT_EQ(str(by[p + "guide/intro.md"], "file_type"), "markdown");
    EXPECT_EQ(str(by[p + "guide/intro.md"], "id"), p + "guide/intro.md");
    EXPECT_EQ(str(by[p + "src/main.py"], "language"), "Python");
    EXPECT_EQ(str(by[p + "blob.dat"], "ingest_problem"), "binary");
    EXPECT_EQ(str(by[p + "big.txt"], "ingest_problem"), "oversized");
    // PDFs travel as their bytes, for the step to read in parallel.
    std::string pdf;
    ASSERT_TRUE(decode_base64(str(by[p + "report.pdf"], "pdf_base64"), pdf));
    EXPECT_EQ(pdf, make_pdf({"page one", "page two"}));
    EXPECT_EQ(str(by[p + "report.pdf"], "file_type"), "pdf");
    ASSERT_TRUE(decode_base64(str(by[p + "bad.pdf"], "pdf_base64"), pdf));
    EXPECT_EQ(pdf, "%PDF-1.4\nnot a pdf");
  }
}

TEST_F(IngestSourceTest, OfficeFilesTravelAsBytesLegacyOnesAreUnsupported) {
  const std::string zip_bytes("PK\x03\x04 whatever the zip holds", 28);
  const std::string docx = (dir_ / "memo.docx").string(), doc = (dir_ / "old.doc").string();
  std::ofstream(docx, std::ios::binary) << zip_bytes;
  std::ofstream(doc, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 ole", 12);
  auto lines = ingest(docx);
  ASSERT_EQ(lines.size(), 1u) << text_;
  EXPECT_EQ(str(lines[0], "file_type"), "docx");
  EXPECT_EQ(str(lines[0], "mime"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(str(lines[0], "pdf_base64"), "<none>");
  std::string bytes;
  ASSERT_TRUE(decode_base64(str(lines[0], "document_base64"), bytes));
  EXPECT_EQ(bytes, zip_bytes);
  lines = ingest(doc);
  ASSERT_EQ(lines.size(), 1u) << text_;
  EXPECT_EQ(str(lines[0], "ingest_problem"), "unsupported_type");
  EXPECT_EQ(str(lines[0], "document_base64"), "<none>");
}

TEST_F(IngestSourceTest, TruncatedArchiveEndsWithOneRejectedRecord) {
  Entries entries;
  for (int i = 0; i < 40; ++i) {
    std::string body;
    for (int k = 0; k < 200; ++k) body += "line " + std::to_string(i * 1000 + k) + " of a file\n";
    entries.push_back({"f" + std::to_string(i) + ".txt", body});
  }
  const std::string path = write_archive("t.tar.gz", "pax", true, entries);
  fs::resize_file(path, fs::file_size(path) / 2);
  const auto lines = ingest(path);
  ASSERT_FALSE(lines.empty());
  EXPECT_LT(lines.size(), 41u);
  // Cut inside an entry's data: that entry is named; cut between entries: the archive.
  const std::string why = str(lines.back(), "dpk_reject");
  EXPECT_TRUE(why.rfind("unreadable archive entry: " + path + "!f", 0) == 0 || why.rfind("corrupt archive: " + path, 0) == 0)
      << why;
  for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(str(lines[i], "file_type"), "text");
}

TEST_F(IngestSourceTest, PlainFileAndNotAnArchive) {
  const std::string md = (dir_ / "notes.md").string();
  std::ofstream(md) << "# Notes\n";
  auto lines = ingest(md);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(str(lines[0], "text"), "# Notes\n");
  EXPECT_EQ(int64_t(lines[0]["size"]), 8);
  IngestSourceOptions tiny;
  tiny.max_size = 4;
  lines = ingest(md, tiny);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(str(lines[0], "ingest_problem"), "oversized");
  const std::string fake = (dir_ / "fake.zip").string();
  std::ofstream(fake) << "not a zip at all";
  lines = ingest(fake);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(str(lines[0], "dpk_reject").rfind("corrupt archive: " + fake, 0), 0u);
}

// `bytes` compressed alone with libarchive's writer (raw format) and
// `filter`: "gzip", "zstd", "bzip2" or "xz".
std::string compressed(const char* filter, const std::string& bytes) {
  std::string out(bytes.size() + 4096, '\0');
  size_t used = 0;
  struct archive* a = archive_write_new();
  EXPECT_EQ(archive_write_add_filter_by_name(a, filter), ARCHIVE_OK) << archive_error_string(a);
  EXPECT_EQ(archive_write_set_format_raw(a), ARCHIVE_OK);
  EXPECT_EQ(archive_write_open_memory(a, out.data(), out.size(), &used), ARCHIVE_OK) << archive_error_string(a);
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_filetype(e, AE_IFREG);
  archive_write_header(a, e);
  archive_write_data(a, bytes.data(), bytes.size());
  archive_entry_free(e);
  archive_write_close(a);
  archive_write_free(a);
  out.resize(used);
  return out;
}

const char kPage[] = "<!doctype html><html><head><title>T</title></head><body><p>Hello page.</p></body></html>";

// page.html.gz in an archive is a page, not an unsupported gzip file.
TEST_F(IngestSourceTest, CompressedEntriesAreReadAsWhatTheyHold) {
  const Entries entries = {{"site/page.html.gz", compressed("gzip", kPage)},
                           {"notes.txt.zst", compressed("zstd", "zstd notes\n")},
                           {"table.csv.bz2", compressed("bzip2", "a,b\n1,2\n")},
                           {"book.md.xz", compressed("xz", "# Book\n")},
                           {"noname", compressed("gzip", "plain words\n")},
                           {"inner.tar.gz", compressed("gzip", std::string(1024, '\0'))},
                           {"bomb.txt.gz", compressed("gzip", std::string(size_t{8} << 20, 'a'))},
                           {"broken.html.gz", compressed("gzip", kPage).substr(0, 30)},
                           {"tiny.txt.gz", compressed("gzip", "x").substr(0, 5)}};
  for (auto [name, format] : {std::pair{"c.tar", "gnutar"}, std::pair{"c.zip", "zip"}}) {
    SCOPED_TRACE(name);
    const std::string path = write_archive(name, format, false, entries);
    IngestSourceOptions o;
    o.max_size = 1 << 20;
    const auto lines = ingest(path, o);
    ASSERT_EQ(lines.size(), entries.size()) << text_;
    std::map<std::string, simdjson::dom::element> by;
    for (const auto& l : lines) by[str(l, "path").substr(path.size() + 1)] = l;
    EXPECT_EQ(str(by["site/page.html.gz"], "file_type"), "html");
    EXPECT_EQ(str(by["site/page.html.gz"], "html"), kPage);
    EXPECT_EQ(int64_t(by["site/page.html.gz"]["size"]), int64_t(sizeof kPage - 1));
    EXPECT_EQ(str(by["notes.txt.zst"], "text"), "zstd notes\n");
    EXPECT_EQ(str(by["table.csv.bz2"], "mime"), "text/csv");
    EXPECT_EQ(str(by["table.csv.bz2"], "text"), "a,b\n1,2\n");
    EXPECT_EQ(str(by["book.md.xz"], "file_type"), "markdown");
    EXPECT_EQ(str(by["noname"], "text"), "plain words\n");
    EXPECT_EQ(str(by["inner.tar.gz"], "ingest_problem"), "unsupported_type");  // an archive in an archive
    EXPECT_EQ(str(by["bomb.txt.gz"], "ingest_problem"), "oversized");          // stopped at --max-input-bytes
    EXPECT_EQ(str(by["broken.html.gz"], "dpk_reject").rfind("corrupt compressed file: " + path + "!broken.html.gz", 0), 0u)
        << str(by["broken.html.gz"], "dpk_reject");
    // Too short for libarchive to bid on: never its compressed bytes as text.
    EXPECT_EQ(str(by["tiny.txt.gz"], "dpk_reject").rfind("corrupt compressed file: " + path + "!tiny.txt.gz", 0), 0u)
        << text_;
  }
}

TEST_F(IngestSourceTest, CompressedFilesInAFolderAreReadAsWhatTheyHold) {
  for (auto [filter, ext] : {std::pair{"bzip2", "bz2"}, std::pair{"xz", "xz"}, std::pair{"gzip", "gz"},
                             std::pair{"zstd", "zst"}}) {
    SCOPED_TRACE(filter);
    // A name that says HTML only once the extension is off.
    const std::string path = (dir_ / (std::string("page.html.") + ext)).string();
    std::ofstream(path, std::ios::binary) << compressed(filter, "<p>Hello, said without a doctype.</p>");
    const auto lines = ingest(path);
    ASSERT_EQ(lines.size(), 1u) << text_;
    EXPECT_EQ(str(lines[0], "file_type"), "html") << text_;
    EXPECT_EQ(str(lines[0], "html"), "<p>Hello, said without a doctype.</p>");
  }
}

// Every input yields a line: a 0-byte file of any name and an archive with
// no files are counted as empty.
TEST_F(IngestSourceTest, EmptyArchivesAndZeroByteFilesAreCountedEmpty) {
  for (const char* name : {"zero.zip", "zero.tar.gz", "zero.7z", "zero.txt"}) {
    SCOPED_TRACE(name);
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary).flush();
    const auto lines = ingest(path);
    ASSERT_EQ(lines.size(), 1u) << text_;
    EXPECT_EQ(str(lines[0], "ingest_problem"), "empty");
    EXPECT_EQ(str(lines[0], "path"), path);
  }
  for (auto [name, format, gzip] : {std::tuple{"none.zip", "zip", false}, std::tuple{"none.tar.gz", "pax", true}}) {
    SCOPED_TRACE(name);
    const std::string path = write_archive(name, format, gzip, {});  // one folder entry, no file
    const auto lines = ingest(path);
    ASSERT_EQ(lines.size(), 1u) << text_;
    EXPECT_EQ(str(lines[0], "ingest_problem"), "empty");
  }
}

}  // namespace
}  // namespace dpk
