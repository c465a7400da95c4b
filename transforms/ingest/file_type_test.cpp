#include "file_type.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest_document_source.h"

namespace dpk {
namespace {

TEST(FileType, LanguagesFromExtensions) {
  struct Case {
    const char* path;
    const char* language;
  } cases[] = {{"a.py", "Python"},      {"src/main.rs", "Rust"},       {"x/Y.java", "Java"},
               {"a.cc", "C++"},         {"A.HPP", "C++"},              {"a.c", "C"},
               {"a.go", "Go"},          {"a.ts", "TypeScript"},        {"a.tsx", "TSX"},
               {"a.js", "JavaScript"},  {"a.rb", "Ruby"},              {"a.php", "PHP"},
               {"a.cs", "C#"},          {"a.kt", "Kotlin"},            {"a.swift", "Swift"},
               {"a.scala", "Scala"},    {"a.sh", "Shell"},             {"a.lua", "Lua"},
               {"a.r", "R"},            {"a.jl", "Julia"},             {"a.hs", "Haskell"},
               {"a.sql", "SQL"},        {"a.css", "CSS"},              {"a.json", "JSON"},
               {"a.yml", "YAML"},       {"a.toml", "TOML"},            {"a.xml", "XML"},
               {"Makefile", "Makefile"}, {"pkg/Dockerfile", "Dockerfile"}, {"CMakeLists.txt", "CMake"},
               {"a.pl", "Perl"},        {"a.dart", "Dart"},            {"a.ex", "Elixir"},
               {"a.erl", "Erlang"},     {"a.clj", "Clojure"},          {"a.f90", "Fortran"},
               {"a.m", "Objective-C"},  {"a.vue", "Vue"},              {"a.scss", "SCSS"},
               {"a.zig", "Zig"},        {"a.proto", "Protocol Buffer"}, {"docs.zip!src/a.ml", "OCaml"}};
  for (const auto& c : cases) {
    const FileType t = type_from_name(c.path);
    EXPECT_EQ(t.kind, FileKind::kCode) << c.path;
    EXPECT_EQ(t.language, c.language) << c.path;
    EXPECT_FALSE(t.mime.empty()) << c.path;
  }
}

TEST(FileType, DocumentKindsFromExtensions) {
  EXPECT_EQ(type_from_name("README.md").kind, FileKind::kMarkdown);
  EXPECT_EQ(type_from_name("a/b.HTML").kind, FileKind::kHtml);
  EXPECT_EQ(type_from_name("paper.pdf").kind, FileKind::kPdf);
  EXPECT_EQ(type_from_name("notes.txt").kind, FileKind::kText);
  EXPECT_EQ(type_from_name("photo.jpg").kind, FileKind::kUnsupported);
  EXPECT_EQ(type_from_name("report.doc").kind, FileKind::kUnsupported);  // legacy OLE Word
  EXPECT_EQ(type_from_name("report.docx").kind, FileKind::kDocx);
  EXPECT_EQ(type_from_name("deck.PPTX").kind, FileKind::kPptx);
  EXPECT_EQ(type_from_name("book.epub").kind, FileKind::kEpub);
  EXPECT_EQ(type_from_name("sheet.ods").mime, "application/vnd.oasis.opendocument.spreadsheet");
  EXPECT_EQ(file_kind_name(FileKind::kOdp), "odp");
  EXPECT_TRUE(type_from_name("noextension").mime.empty());
  EXPECT_TRUE(type_from_name(".bashrc").mime.empty());  // a leading dot is not an extension
}

TEST(FileType, OfficeFilesKeepTheirKindWhateverTheirBytes) {
  // A zip named .docx is a Word file, not an unsupported zip ...
  EXPECT_EQ(classify_file("a.docx", std::string("PK\x03\x04....", 8)).kind, FileKind::kDocx);
  // ... and so is an encrypted one (an OLE file) or a broken one: the step says what is wrong.
  EXPECT_EQ(classify_file("a.xlsx", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").kind, FileKind::kXlsx);
  EXPECT_EQ(classify_file("a.epub", "garbage").kind, FileKind::kEpub);
  // A zip with no office name stays a zip.
  EXPECT_EQ(classify_file("a.bin", std::string("PK\x03\x04....", 8)).kind, FileKind::kUnsupported);
}

TEST(FileType, ContentHasTheLastWord) {
  // A PDF whatever its name.
  EXPECT_EQ(classify_file("download.bin", "%PDF-1.7\n...").kind, FileKind::kPdf);
  // NUL bytes: binary, whatever the name says.
  EXPECT_EQ(classify_file("a.txt", std::string("ab\0cd", 5)).kind, FileKind::kBinary);
  EXPECT_EQ(classify_file("a.py", std::string("ab\0cd", 5)).kind, FileKind::kBinary);
  // UTF-16 with a byte-order mark has NULs but is text.
  EXPECT_EQ(classify_file("a.txt", std::string("\xFF\xFEh\0i\0", 6)).kind, FileKind::kText);
  // Known binary signatures are unsupported types, with their MIME type.
  const FileType png = classify_file("image", "\x89PNG\r\n\x1a\n....");
  EXPECT_EQ(png.kind, FileKind::kUnsupported);
  EXPECT_EQ(png.mime, "image/png");
  // An unknown name over an HTML page is HTML; over text, plain text.
  EXPECT_EQ(classify_file("index", "\xEF\xBB\xBF  <!DOCTYPE html><html>").kind, FileKind::kHtml);
  EXPECT_EQ(classify_file("LICENSE", "MIT License\n").mime, "text/plain");
  // A #! line names the language of a script without an extension.
  const FileType script = classify_file("bin/tool", "#!/usr/bin/env python3\nprint(1)\n");
  EXPECT_EQ(script.kind, FileKind::kCode);
  EXPECT_EQ(script.language, "Python");
  // A file named .pdf that is not one stays a PDF (so it is reported as corrupt).
  EXPECT_EQ(classify_file("bad.pdf", "hello").kind, FileKind::kPdf);
}

TEST(FileType, ArchivesByNameAndContent) {
  EXPECT_TRUE(is_archive_name("docs.tar.gz"));
  EXPECT_TRUE(is_archive_name("DOCS.ZIP"));
  EXPECT_TRUE(is_archive_name("a.7z"));
  EXPECT_TRUE(is_archive_name("a.tar.zst"));
  EXPECT_FALSE(is_archive_name("notes.md.gz"));
  EXPECT_FALSE(is_archive_name("a.zip.txt"));
  std::string tar(512, '\0');
  tar.replace(257, 5, "ustar");
  EXPECT_TRUE(is_archive_content(tar));
  EXPECT_TRUE(is_archive_content(std::string("PK\x03\x04rest", 8)));
  EXPECT_FALSE(is_archive_content("plain text"));
}

}  // namespace
}  // namespace dpk
