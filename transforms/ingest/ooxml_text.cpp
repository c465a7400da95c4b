#include "ooxml_text.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "text_layout.h"

namespace dpk {
namespace {

// "ppt/slides/slide12.xml" with prefix "ppt/slides/slide" -> 12; -1 when the
// name is not PREFIX<digits>.xml.
long numbered_part(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix || name.size() < prefix.size() + 5) return -1;
  std::string_view digits = name.substr(prefix.size());
  if (digits.substr(digits.size() - 4) != ".xml") return -1;
  digits.remove_suffix(4);
  long n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return -1;
  return n;
}

// The parts named PREFIX<N>.xml, in the order of N.
std::vector<const std::string*> numbered_parts(const ZipParts& zip, std::string_view prefix) {
  std::vector<std::pair<long, const std::string*>> found;
  for (size_t i = 0; i < zip.size(); ++i) {
    const long n = numbered_part(zip.name(i), prefix);
    if (n >= 0) found.emplace_back(n, &zip.data(i));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const std::string*> parts;
  for (const auto& f : found) parts.push_back(f.second);
  return parts;
}

bool failed(XmlWalk& walk, std::string_view part, std::string& why) {
  why = std::string(part) + ": " + walk.error();
  return false;
}

// Skips the subtree of an element whose start was just read; false on an error.
bool skip_subtree(XmlWalk& walk) {
  for (int depth = 1; depth > 0;) {
    const XmlWalk::Event e = walk.next();
    if (e == XmlWalk::kStart) ++depth;
    if (e == XmlWalk::kEnd) --depth;
    if (e == XmlWalk::kError || e == XmlWalk::kDone) return false;
  }
  return true;
}

// w:pPr, w:rPr, a:bodyPr, a:endParaRPr ...: formatting, never text (a
// paragraph's tab stops are w:tab elements inside w:pPr).
bool is_properties(std::string_view n) { return n.size() > 2 && n.substr(n.size() - 2) == "Pr"; }

// The text of a DrawingML or WordprocessingML part: `run_text` elements hold
// text, `paragraph` elements end lines, `tab` and the `breaks` break.
bool paragraphs_text(XmlWalk& walk, std::string_view part, std::string_view run_text, std::string_view paragraph,
                     std::string_view tab, std::string_view br, std::string_view cr, std::string& out,
                     std::string& why) {
  const size_t start = out.size();
  int in_text = 0;
  for (;;) {
    const XmlWalk::Event e = walk.next();
    if (e == XmlWalk::kDone) break;
    if (e == XmlWalk::kError) return failed(walk, part, why);
    if (e == XmlWalk::kText) {
      if (in_text > 0) out.append(walk.text());
    } else if (e == XmlWalk::kStart) {
      const std::string_view n = walk.name();
      if (n == run_text) {
        ++in_text;
      } else if (n == tab) {
        out.push_back('\t');
      } else if (n == br || n == cr) {
        out.push_back('\n');
      } else if ((n == "Fallback" || is_properties(n)) && !skip_subtree(walk)) {
        return failed(walk, part, why);
      }
    } else if (e == XmlWalk::kEnd) {
      const std::string_view n = walk.name();
      if (n == run_text && in_text > 0) --in_text;
      if (n == paragraph) end_text_line(out, start);
    }
  }
  trim_text_end(out, start);
  return true;
}

// "BC12" -> 54 (A = 0); -1 without letters.
int column_of(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && col < (1 << 20); ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

// A cell's text on one line: tabs and line breaks inside it become spaces.
void append_cell(std::string& out, std::string_view value) {
  for (char c : value) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

constexpr int kMaxEmptyColumns = 256;  // tabs kept for a gap between cells

class XlsxReader {
  struct RowState {
    int cursor = 0;         // the column of a next cell without an r attribute
    int last_written = -1;  // the column of the last cell with text (-1: none yet)
  };

 public:
  XlsxReader(XmlWalk& walk, std::string& why) : walk_(walk), why_(why) {}

  bool shared_strings(const std::string* part) {
    strings_.clear();
    if (part == nullptr) return true;  // a workbook with no strings has none
    if (!walk_.open_xml(*part)) return failed(walk_, "xl/sharedStrings.xml", why_);
    int in_t = 0;
    for (;;) {
      const XmlWalk::Event e = walk_.next();
      if (e == XmlWalk::kDone) break;
      if (e == XmlWalk::kError) return failed(walk_, "xl/sharedStrings.xml", why_);
      if (e == XmlWalk::kStart) {
        if (walk_.name() == "si") strings_.emplace_back();
        if (walk_.name() == "t") ++in_t;
        // Phonetic readings (rPh) of East Asian text are not the cell's text.
        if (walk_.name() == "rPh" && !skip_subtree(walk_)) return failed(walk_, "xl/sharedStrings.xml", why_);
      } else if (e == XmlWalk::kEnd) {
        if (walk_.name() == "t" && in_t > 0) --in_t;
      } else if (in_t > 0 && !strings_.empty()) {
        strings_.back().append(walk_.text());
      }
    }
    return true;
  }

  bool sheet(std::string_view part_name, const std::string& part, std::string& out) {
    if (!walk_.open_xml(part)) return failed(walk_, part_name, why_);
    const size_t start = out.size();
    size_t row_start = out.size();
    RowState row;
    bool in_cell = false;
    int in_value = 0, in_inline = 0;
    for (;;) {
      const XmlWalk::Event e = walk_.next();
      if (e == XmlWalk::kDone) break;
      if (e == XmlWalk::kError) return failed(walk_, part_name, why_);
      const std::string_view n = walk_.name();
      if (e == XmlWalk::kStart) {
        if (n == "row") {
          row_start = out.size();
          row = RowState();
        } else if (n == "c") {
          in_cell = true;
          value_.clear();
          if (!walk_.attr("t", nullptr, type_)) type_.clear();
          col_ = walk_.attr("r", nullptr, ref_) ? column_of(ref_) : -1;
        } else if (in_cell && n == "v") {
          ++in_value;
        } else if (in_cell && n == "t") {
          ++in_inline;  // <is><t>, or <is><r><t> for rich text
        } else if (n == "rPh" && !skip_subtree(walk_)) {
          return failed(walk_, part_name, why_);
        }
      } else if (e == XmlWalk::kEnd) {
        if (n == "v" && in_value > 0) --in_value;
        if (n == "t" && in_inline > 0) --in_inline;
        if (n == "c" && in_cell) {
          in_cell = false;
          write_cell(out, row);
        }
        if (n == "row") {
          if (out.size() > row_start) {
            out.push_back('\n');
          } else {
            out.resize(row_start);
          }
        }
      } else if (in_value > 0 || in_inline > 0) {
        value_.append(walk_.text());
      }
    }
    trim_text_end(out, start);
    return true;
  }

 private:
  // Writes the cell just read at its column: the row's text holds one tab
  // before each column after A, so a gap of empty cells keeps its tabs (up
  // to kMaxEmptyColumns).
  void write_cell(std::string& out, RowState& row) {
    std::string_view text = value_;
    if (type_ == "s") {
      size_t index = 0;
      const auto [end, ec] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      text = ec == std::errc() && index < strings_.size() ? std::string_view(strings_[index]) : std::string_view();
    } else if (type_ == "b") {
      text = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : std::string_view(value_);
    }
    const int col = col_ >= row.cursor ? col_ : row.cursor;  // a cell without r follows the last one
    row.cursor = col + 1;
    if (text.empty()) return;
    const int before = row.last_written < 0 ? col : col - row.last_written;  // A1 has none, B1 one
    out.append(static_cast<size_t>(std::clamp(before, row.last_written < 0 ? 0 : 1, kMaxEmptyColumns)), '\t');
    append_cell(out, text);
    row.last_written = col;
  }

  XmlWalk& walk_;
  std::string& why_;
  std::vector<std::string> strings_;
  std::string value_, type_, ref_;
  int col_ = -1;
};

}  // namespace

bool docx_part_wanted(std::string_view name) { return name == "word/document.xml"; }

bool pptx_part_wanted(std::string_view name) {
  return name == "ppt/presentation.xml" || numbered_part(name, "ppt/slides/slide") >= 0;
}

bool xlsx_part_wanted(std::string_view name) {
  return name == "xl/sharedStrings.xml" || numbered_part(name, "xl/worksheets/sheet") >= 0;
}

bool docx_text(const ZipParts& zip, XmlWalk& walk, std::string& text, std::string& why) {
  const std::string* main = zip.find("word/document.xml");
  if (main == nullptr) {
    why = "no word/document.xml (not a Word document)";
    return false;
  }
  if (!walk.open_xml(*main)) return failed(walk, "word/document.xml", why);
  return paragraphs_text(walk, "word/document.xml", "t", "p", "tab", "br", "cr", text, why);
}

bool pptx_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why) {
  const std::vector<const std::string*> slides = numbered_parts(zip, "ppt/slides/slide");
  if (slides.empty()) {
    // A deck without slides is a presentation without text, not a broken file.
    if (zip.find("ppt/presentation.xml") != nullptr) return true;
    why = "no ppt/slides/slideN.xml (not a PowerPoint presentation)";
    return false;
  }
  size_t part = 0;
  for (const std::string* slide : slides) {
    part = begin_text_part(text, part, pages == 0, page_separator);
    ++pages;
    const std::string name = "slide " + std::to_string(pages);
    if (!walk.open_xml(*slide)) return failed(walk, name, why);
    // DrawingML has no tab element: a tab is a character in a:t.
    if (!paragraphs_text(walk, name, "t", "p", "", "br", "", text, why)) return false;
  }
  return true;
}

bool xlsx_text(const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text, int& pages,
               std::string& why) {
  const std::vector<const std::string*> sheets = numbered_parts(zip, "xl/worksheets/sheet");
  if (sheets.empty()) {
    why = "no xl/worksheets/sheetN.xml (not an Excel workbook)";
    return false;
  }
  XlsxReader reader(walk, why);
  if (!reader.shared_strings(zip.find("xl/sharedStrings.xml"))) return false;
  size_t part = 0;
  for (const std::string* sheet : sheets) {
    part = begin_text_part(text, part, pages == 0, page_separator);
    ++pages;
    if (!reader.sheet("sheet " + std::to_string(pages), *sheet, text)) return false;
  }
  return true;
}

}  // namespace dpk
