#include "odf_text.h"

#include <algorithm>
#include <charconv>

#include "text_layout.h"

namespace dpk {
namespace {

constexpr const char* kTextNs = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* kTableNs = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kDrawNs = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr std::string_view kPresentationNs = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0";

constexpr int kMaxRepeats = 256;   // copies of a repeated cell or row
constexpr int kMaxSpaces = 1024;   // spaces of one text:s

int count_attr(XmlWalk& walk, const char* name, const char* ns, std::string& scratch, int max) {
  if (!walk.attr(name, ns, scratch)) return 1;
  int n = 1;
  const auto [end, ec] = std::from_chars(scratch.data(), scratch.data() + scratch.size(), n);
  if (ec != std::errc() || n < 1) return 1;
  return std::min(n, max);
}

class OdfReader {
 public:
  OdfReader(FileKind kind, XmlWalk& walk, std::string_view separator, std::string& out, int& pages)
      : kind_(kind), walk_(walk), separator_(separator), out_(out), pages_(pages) {}

  bool run(std::string& why) {
    for (;;) {
      const XmlWalk::Event e = walk_.next();
      if (e == XmlWalk::kDone) break;
      if (e == XmlWalk::kError) {
        why = "content.xml: " + walk_.error();
        return false;
      }
      if (e == XmlWalk::kText) {
        if (in_para_ > 0) out_.append(walk_.text());
      } else if (e == XmlWalk::kStart) {
        if (!start(why)) return false;
      } else {
        end();
      }
    }
    trim_text_end(out_, part_);
    return true;
  }

 private:
  bool start(std::string& why) {
    const std::string_view n = walk_.name();
    const std::string_view ns = walk_.ns();
    if (ns == kTextNs) {
      if (n == "p" || n == "h") {
        // A second paragraph in a spreadsheet cell goes on the same line.
        if (in_cell_ && out_.size() > cell_start_) out_.push_back(' ');
        ++in_para_;
      } else if (n == "tab" && in_para_ > 0) {
        out_.push_back('\t');
      } else if (n == "line-break" && in_para_ > 0) {
        out_.push_back(in_cell_ ? ' ' : '\n');
      } else if (n == "s" && in_para_ > 0) {
        out_.append(static_cast<size_t>(count_attr(walk_, "c", kTextNs, scratch_, kMaxSpaces)), ' ');
      }
    } else if (kind_ == FileKind::kOdp && ns == kDrawNs && n == "page") {
      part_ = begin_text_part(out_, part_, pages_ == 0, separator_);
      ++pages_;
    } else if (kind_ == FileKind::kOdp && ns == kPresentationNs && n == "notes") {
      if (!skip()) {
        why = "content.xml: " + walk_.error();
        return false;
      }
    } else if (kind_ == FileKind::kOds && ns == kTableNs) {
      if (n == "table") {
        part_ = begin_text_part(out_, part_, pages_ == 0, separator_);
        ++pages_;
      } else if (n == "table-row") {
        row_start_ = out_.size();
        row_repeats_ = count_attr(walk_, "number-rows-repeated", kTableNs, scratch_, kMaxRepeats);
        empty_cells_ = 0;
        row_has_text_ = false;
      } else if (n == "table-cell" || n == "covered-table-cell") {
        in_cell_ = true;
        cell_start_ = out_.size();
        cell_repeats_ = count_attr(walk_, "number-columns-repeated", kTableNs, scratch_, kMaxRepeats);
      }
    }
    return true;
  }

  void end() {
    const std::string_view n = walk_.name();
    const std::string_view ns = walk_.ns();
    if (ns == kTextNs && (n == "p" || n == "h")) {
      if (in_para_ > 0) --in_para_;
      if (!in_cell_) end_text_line(out_, part_);
    } else if (kind_ == FileKind::kOds && ns == kTableNs) {
      if (n == "table-cell" || n == "covered-table-cell") {
        end_cell();
      } else if (n == "table-row") {
        end_row();
      }
    }
  }

  // The cell's text is at the end of out_: it moves after its tabs and is
  // repeated; an empty cell only adds to the tabs the next cell with text
  // writes, so trailing empty cells cost nothing.
  void end_cell() {
    in_cell_ = false;
    cell_.assign(out_, cell_start_);
    out_.resize(cell_start_);
    for (char& c : cell_) {
      if (c == '\t' || c == '\n') c = ' ';
    }
    if (cell_.find_first_not_of(' ') == std::string::npos) {
      empty_cells_ = std::min(empty_cells_ + cell_repeats_, kMaxRepeats);
      return;
    }
    for (int i = 0; i < cell_repeats_; ++i) {
      out_.append(static_cast<size_t>(empty_cells_ + (row_has_text_ ? 1 : 0)), '\t');
      out_.append(cell_);
      row_has_text_ = true;
      empty_cells_ = 0;
    }
  }

  void end_row() {
    if (!row_has_text_) {
      out_.resize(row_start_);
      return;
    }
    out_.push_back('\n');
    row_.assign(out_, row_start_);
    for (int i = 1; i < row_repeats_; ++i) out_.append(row_);
  }

  bool skip() {
    for (int depth = 1; depth > 0;) {
      const XmlWalk::Event e = walk_.next();
      if (e == XmlWalk::kStart) ++depth;
      if (e == XmlWalk::kEnd) --depth;
      if (e == XmlWalk::kError || e == XmlWalk::kDone) return false;
    }
    return true;
  }

  FileKind kind_;
  XmlWalk& walk_;
  std::string_view separator_;
  std::string& out_;
  int& pages_;
  size_t part_ = 0;
  int in_para_ = 0;
  bool in_cell_ = false, row_has_text_ = false;
  size_t cell_start_ = 0, row_start_ = 0;
  int cell_repeats_ = 1, row_repeats_ = 1, empty_cells_ = 0;
  std::string scratch_, cell_, row_;
};

}  // namespace

bool odf_part_wanted(std::string_view name) { return name == "content.xml" || name == "META-INF/manifest.xml"; }

bool odf_text(FileKind kind, const ZipParts& zip, XmlWalk& walk, std::string_view page_separator, std::string& text,
              int& pages, std::string& why) {
  const std::string* manifest = zip.find("META-INF/manifest.xml");
  if (manifest != nullptr && manifest->find("encryption-data") != std::string::npos) {
    why = "encrypted (password-protected)";
    return false;
  }
  const std::string* content = zip.find("content.xml");
  if (content == nullptr) {
    why = "no content.xml (not an OpenDocument file)";
    return false;
  }
  if (!walk.open_xml(*content)) {
    why = "content.xml: " + walk.error();
    return false;
  }
  OdfReader reader(kind, walk, page_separator, text, pages);
  return reader.run(why);
}

}  // namespace dpk
