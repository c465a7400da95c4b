#include "file_type.h"

#include <cstring>

namespace dpk {
namespace {

struct NameEntry {
  std::string_view ext;  // lower case, without the dot; or a whole file name
  FileKind kind;
  std::string_view mime;
  std::string_view language;
};

constexpr FileKind T = FileKind::kText, C = FileKind::kCode, U = FileKind::kUnsupported;

// Extensions and whole names. Code languages use GitHub Linguist's names, as
// code datasets (The Stack, IBM Data Prep Kit's code2parquet) do.
constexpr NameEntry kByName[] = {
    {"txt", T, "text/plain", ""}, {"text", T, "text/plain", ""}, {"log", T, "text/plain", ""},
    {"csv", T, "text/csv", ""}, {"tsv", T, "text/tab-separated-values", ""}, {"rst", T, "text/x-rst", ""},
    {"adoc", T, "text/asciidoc", ""}, {"org", T, "text/x-org", ""},
    {"md", FileKind::kMarkdown, "text/markdown", ""}, {"markdown", FileKind::kMarkdown, "text/markdown", ""},
    {"mdx", FileKind::kMarkdown, "text/markdown", ""}, {"mkd", FileKind::kMarkdown, "text/markdown", ""},
    {"html", FileKind::kHtml, "text/html", ""}, {"htm", FileKind::kHtml, "text/html", ""},
    {"xhtml", FileKind::kHtml, "application/xhtml+xml", ""},
    {"pdf", FileKind::kPdf, "application/pdf", ""},
    // code
    {"py", C, "text/x-python", "Python"}, {"pyi", C, "text/x-python", "Python"},
    {"c", C, "text/x-c", "C"}, {"h", C, "text/x-c", "C"},
    {"cc", C, "text/x-c++", "C++"}, {"cpp", C, "text/x-c++", "C++"}, {"cxx", C, "text/x-c++", "C++"},
    {"c++", C, "text/x-c++", "C++"}, {"hpp", C, "text/x-c++", "C++"}, {"hh", C, "text/x-c++", "C++"},
    {"hxx", C, "text/x-c++", "C++"}, {"ipp", C, "text/x-c++", "C++"}, {"cu", C, "text/x-cuda", "Cuda"},
    {"cs", C, "text/x-csharp", "C#"}, {"java", C, "text/x-java", "Java"},
    {"kt", C, "text/x-kotlin", "Kotlin"}, {"kts", C, "text/x-kotlin", "Kotlin"},
    {"scala", C, "text/x-scala", "Scala"}, {"go", C, "text/x-go", "Go"}, {"rs", C, "text/x-rust", "Rust"},
    {"js", C, "text/javascript", "JavaScript"}, {"mjs", C, "text/javascript", "JavaScript"},
    {"cjs", C, "text/javascript", "JavaScript"}, {"jsx", C, "text/javascript", "JavaScript"},
    {"ts", C, "text/x-typescript", "TypeScript"}, {"mts", C, "text/x-typescript", "TypeScript"},
    {"tsx", C, "text/x-typescript", "TSX"}, {"rb", C, "text/x-ruby", "Ruby"}, {"php", C, "text/x-php", "PHP"},
    {"swift", C, "text/x-swift", "Swift"}, {"m", C, "text/x-objective-c", "Objective-C"},
    {"mm", C, "text/x-objective-c++", "Objective-C++"}, {"sh", C, "text/x-shellscript", "Shell"},
    {"bash", C, "text/x-shellscript", "Shell"}, {"zsh", C, "text/x-shellscript", "Shell"},
    {"ps1", C, "text/x-powershell", "PowerShell"}, {"bat", C, "text/x-msdos-batch", "Batchfile"},
    {"pl", C, "text/x-perl", "Perl"}, {"pm", C, "text/x-perl", "Perl"}, {"lua", C, "text/x-lua", "Lua"},
    {"r", C, "text/x-r", "R"}, {"jl", C, "text/x-julia", "Julia"}, {"hs", C, "text/x-haskell", "Haskell"},
    {"ml", C, "text/x-ocaml", "OCaml"}, {"mli", C, "text/x-ocaml", "OCaml"},
    {"ex", C, "text/x-elixir", "Elixir"}, {"exs", C, "text/x-elixir", "Elixir"},
    {"erl", C, "text/x-erlang", "Erlang"}, {"clj", C, "text/x-clojure", "Clojure"},
    {"dart", C, "text/x-dart", "Dart"}, {"f90", C, "text/x-fortran", "Fortran"},
    {"f", C, "text/x-fortran", "Fortran"}, {"groovy", C, "text/x-groovy", "Groovy"},
    {"zig", C, "text/x-zig", "Zig"}, {"nim", C, "text/x-nim", "Nim"}, {"vb", C, "text/x-vb", "Visual Basic .NET"},
    {"asm", C, "text/x-asm", "Assembly"}, {"s", C, "text/x-asm", "Assembly"}, {"sql", C, "application/sql", "SQL"},
    {"css", C, "text/css", "CSS"}, {"scss", C, "text/x-scss", "SCSS"}, {"sass", C, "text/x-sass", "Sass"},
    {"less", C, "text/x-less", "Less"}, {"vue", C, "text/x-vue", "Vue"},
    {"json", C, "application/json", "JSON"}, {"yaml", C, "application/yaml", "YAML"},
    {"yml", C, "application/yaml", "YAML"}, {"toml", C, "application/toml", "TOML"},
    {"xml", C, "application/xml", "XML"}, {"ini", C, "text/x-ini", "INI"},
    {"proto", C, "text/x-protobuf", "Protocol Buffer"}, {"cmake", C, "text/x-cmake", "CMake"},
    {"mk", C, "text/x-makefile", "Makefile"}, {"tex", C, "text/x-tex", "TeX"},
    {"dockerfile", C, "text/x-dockerfile", "Dockerfile"},
    // whole names
    {"makefile", C, "text/x-makefile", "Makefile"}, {"gnumakefile", C, "text/x-makefile", "Makefile"},
    {"cmakelists.txt", C, "text/x-cmake", "CMake"}, {"rakefile", C, "text/x-ruby", "Ruby"},
    {"gemfile", C, "text/x-ruby", "Ruby"},
    // known types dpk does not read
    {"png", U, "image/png", ""}, {"jpg", U, "image/jpeg", ""}, {"jpeg", U, "image/jpeg", ""},
    {"gif", U, "image/gif", ""}, {"webp", U, "image/webp", ""}, {"bmp", U, "image/bmp", ""},
    {"ico", U, "image/vnd.microsoft.icon", ""}, {"tif", U, "image/tiff", ""}, {"tiff", U, "image/tiff", ""},
    {"svg", U, "image/svg+xml", ""}, {"mp3", U, "audio/mpeg", ""}, {"wav", U, "audio/wav", ""},
    {"ogg", U, "audio/ogg", ""}, {"flac", U, "audio/flac", ""}, {"mp4", U, "video/mp4", ""},
    {"mov", U, "video/quicktime", ""}, {"avi", U, "video/x-msvideo", ""}, {"webm", U, "video/webm", ""},
    // office and e-book files (zip archives of XML)
    {"docx", FileKind::kDocx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
    {"pptx", FileKind::kPptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation", ""},
    {"xlsx", FileKind::kXlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""},
    {"odt", FileKind::kOdt, "application/vnd.oasis.opendocument.text", ""},
    {"odp", FileKind::kOdp, "application/vnd.oasis.opendocument.presentation", ""},
    {"ods", FileKind::kOds, "application/vnd.oasis.opendocument.spreadsheet", ""},
    {"epub", FileKind::kEpub, "application/epub+zip", ""},
    // known types dpk does not read: the legacy (OLE) office formats among them
    {"doc", U, "application/msword", ""}, {"xls", U, "application/vnd.ms-excel", ""},
    {"ppt", U, "application/vnd.ms-powerpoint", ""},
    {"rtf", U, "application/rtf", ""}, {"zip", U, "application/zip", ""}, {"gz", U, "application/gzip", ""},
    {"tgz", U, "application/gzip", ""}, {"zst", U, "application/zstd", ""}, {"xz", U, "application/x-xz", ""},
    {"bz2", U, "application/x-bzip2", ""}, {"tar", U, "application/x-tar", ""},
    {"7z", U, "application/x-7z-compressed", ""}, {"rar", U, "application/vnd.rar", ""},
    {"jar", U, "application/java-archive", ""}, {"exe", U, "application/vnd.microsoft.portable-executable", ""},
    {"dll", U, "application/vnd.microsoft.portable-executable", ""}, {"so", U, "application/x-sharedlib", ""},
    {"o", U, "application/x-object", ""}, {"a", U, "application/x-archive", ""},
    {"class", U, "application/java-vm", ""}, {"pyc", U, "application/x-python-code", ""},
    {"woff", U, "font/woff", ""}, {"woff2", U, "font/woff2", ""}, {"ttf", U, "font/ttf", ""},
    {"otf", U, "font/otf", ""}, {"sqlite", U, "application/vnd.sqlite3", ""},
    {"parquet", U, "application/vnd.apache.parquet", ""}, {"npy", U, "application/octet-stream", ""},
    {"pkl", U, "application/octet-stream", ""}, {"bin", U, "application/octet-stream", ""},
};

struct Signature {
  std::string_view magic;
  std::string_view mime;
};

// Signatures of binary formats that may come with any name.
constexpr Signature kBinarySignatures[] = {
    {"\x89PNG", "image/png"},
    {"\xFF\xD8\xFF", "image/jpeg"},
    {"GIF8", "image/gif"},
    {"PK\x03\x04", "application/zip"},
    {"\x1F\x8B", "application/gzip"},
    {std::string_view("7z\xBC\xAF\x27\x1C", 6), "application/x-7z-compressed"},
    {"\x28\xB5\x2F\xFD", "application/zstd"},
    {"\xFD" "7zXZ", "application/x-xz"},
    {"BZh", "application/x-bzip2"},
    {"Rar!", "application/vnd.rar"},
    {"\x7F" "ELF", "application/x-executable"},
    {"\xD0\xCF\x11\xE0", "application/x-ole-storage"},
    {"OggS", "audio/ogg"},
    {"ID3", "audio/mpeg"},
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool equals_ci(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower_b[i]) return false;
  }
  return true;
}

bool starts_with_ci(std::string_view s, std::string_view lower_prefix) {
  return s.size() >= lower_prefix.size() && equals_ci(s.substr(0, lower_prefix.size()), lower_prefix);
}

const NameEntry* find_name(std::string_view key) {
  for (const auto& e : kByName) {
    if (equals_ci(key, e.ext)) return &e;
  }
  return nullptr;
}

// An HTML page opens (after a BOM and white space) with a doctype, <html>,
// or a comment before one of them.
bool looks_like_html(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return false;
  head.remove_prefix(i);
  return starts_with_ci(head, "<!doctype html") || starts_with_ci(head, "<html") || starts_with_ci(head, "<head");
}

// "#!/usr/bin/env python3" -> Python, and so on for common interpreters.
const NameEntry* from_shebang(std::string_view head) {
  if (head.substr(0, 2) != "#!") return nullptr;
  std::string_view line = head.substr(0, head.find('\n'));
  struct Interp {
    std::string_view word, ext;
  };
  static constexpr Interp kInterpreters[] = {{"python", "py"}, {"bash", "sh"}, {"/sh", "sh"}, {" sh", "sh"},
                                             {"zsh", "sh"},    {"node", "js"},  {"perl", "pl"}, {"ruby", "rb"},
                                             {"php", "php"},   {"lua", "lua"},  {"Rscript", "r"}};
  for (const auto& in : kInterpreters) {
    if (line.find(in.word) != std::string_view::npos) return find_name(in.ext);
  }
  return nullptr;
}

}  // namespace

std::string_view file_kind_name(FileKind k) {
  switch (k) {
    case FileKind::kText: return "text";
    case FileKind::kMarkdown: return "markdown";
    case FileKind::kHtml: return "html";
    case FileKind::kPdf: return "pdf";
    case FileKind::kCode: return "code";
    case FileKind::kDocx: return "docx";
    case FileKind::kPptx: return "pptx";
    case FileKind::kXlsx: return "xlsx";
    case FileKind::kOdt: return "odt";
    case FileKind::kOdp: return "odp";
    case FileKind::kOds: return "ods";
    case FileKind::kEpub: return "epub";
    case FileKind::kBinary: return "binary";
    case FileKind::kUnsupported: return "unsupported";
  }
  return "text";
}

bool is_zipped_document(FileKind k) {
  switch (k) {
    case FileKind::kDocx:
    case FileKind::kPptx:
    case FileKind::kXlsx:
    case FileKind::kOdt:
    case FileKind::kOdp:
    case FileKind::kOds:
    case FileKind::kEpub: return true;
    default: return false;
  }
}

FileType type_from_name(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of("/!") == std::string_view::npos ? 0 : path.find_last_of("/!") + 1);
  const NameEntry* e = find_name(name);
  if (e == nullptr) {
    const size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot > 0) e = find_name(name.substr(dot + 1));
  }
  if (e == nullptr) return {FileKind::kText, "", ""};
  return {e->kind, e->mime, e->language};
}

bool looks_binary(std::string_view head) {
  if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") return false;
  return std::memchr(head.data(), '\0', std::min<size_t>(head.size(), 8000)) != nullptr;
}

FileType classify_file(std::string_view path, std::string_view head) {
  const FileType by_name = type_from_name(path);
  if (head.substr(0, 5) == "%PDF-") return {FileKind::kPdf, "application/pdf", ""};
  if (by_name.kind == FileKind::kUnsupported) return by_name;
  // Office and e-book files are zips; one named so that is not a zip (an
  // encrypted .docx is an OLE file, a truncated one anything) is still read
  // as its kind, so that the step reports what is wrong with it.
  if (is_zipped_document(by_name.kind)) return by_name;
  for (const auto& sig : kBinarySignatures) {
    if (head.substr(0, sig.magic.size()) == sig.magic) return {FileKind::kUnsupported, sig.mime, ""};
  }
  // A file named .pdf that does not open like one is still read as a PDF,
  // so that a corrupt PDF is reported as such.
  if (by_name.kind == FileKind::kPdf) return by_name;
  if (looks_binary(head)) return {FileKind::kBinary, "application/octet-stream", ""};
  if (!by_name.mime.empty()) return by_name;
  if (looks_like_html(head)) return {FileKind::kHtml, "text/html", ""};
  if (const NameEntry* e = from_shebang(head)) return {e->kind, e->mime, e->language};
  return {FileKind::kText, "text/plain", ""};
}

bool ends_with_ci(std::string_view s, std::string_view lower_suffix) {
  if (s.size() < lower_suffix.size()) return false;
  s = s.substr(s.size() - lower_suffix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] + 32) : s[i];
    if (c != lower_suffix[i]) return false;
  }
  return true;
}

}  // namespace dpk
