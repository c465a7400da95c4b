// badwords: drops a document that contains a word or phrase from its
// language's list, with the rule of C4 (as in datatrove's C4BadWordsFilter):
// the text is lower-cased (Unicode full case mapping) and an entry matches
// where it is flanked on both sides by a non-word character (not a letter,
// digit or '_') or the start/end of the text; for ja, th and zh, which do
// not separate words with spaces, an entry matches anywhere.
#include <re2/re2.h>
#include <unicode/ucasemap.h>

#include <filesystem>
#include <fstream>

#include "presets.h"
#include "text_scan.h"

namespace dpk::quality {
namespace {

class BadWordsFilter final : public DocumentTransform {
 public:
  explicit BadWordsFilter(std::shared_ptr<const BadWordsConfig> c) : c_(std::move(c)) {
    UErrorCode st = U_ZERO_ERROR;
    casemap_ = ucasemap_open("", 0, &st);
  }
  ~BadWordsFilter() override { ucasemap_close(casemap_); }

  void apply(Document& doc) override {
    if (!doc.get_string(c_->lang_key, lang_)) lang_ = c_->default_lang;
    auto key = c_->patterns.count("*") != 0 ? std::string("*") : lang_;
    auto it = regex_.find(key);
    if (it == regex_.end()) {
      auto p = c_->patterns.find(key);
      std::unique_ptr<RE2> re;
      if (p != c_->patterns.end()) {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_max_mem(int64_t{256} << 20);
        re = std::make_unique<RE2>(p->second, o);
      }
      it = regex_.emplace(key, std::move(re)).first;
    }
    if (!it->second) return;  // no list for this language: kept
    lower(doc.text());
    if (RE2::PartialMatch(lowered_, *it->second)) doc.drop(c_->reasons.at(key == "*" ? "*" : lang_));
  }

 private:
  void lower(std::string_view text) {
    if (lowered_.size() < text.size() + 16) lowered_.resize(text.size() + 16);
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = ucasemap_utf8ToLower(casemap_, lowered_.data(), static_cast<int32_t>(lowered_.size()), text.data(),
                                     static_cast<int32_t>(text.size()), &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
      lowered_.resize(static_cast<size_t>(n));
      st = U_ZERO_ERROR;
      n = ucasemap_utf8ToLower(casemap_, lowered_.data(), n, text.data(), static_cast<int32_t>(text.size()), &st);
    }
    lowered_view_len_ = U_SUCCESS(st) ? static_cast<size_t>(n) : 0;
    lowered_.resize(lowered_view_len_);
  }

  std::shared_ptr<const BadWordsConfig> c_;
  UCaseMap* casemap_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<RE2>> regex_;
  std::string lang_, lowered_;
  size_t lowered_view_len_ = 0;
};

// One entry a line, stripped; blank lines ignored.
Status read_list(const std::filesystem::path& path, std::vector<std::string>& out) {
  std::ifstream in(path);
  if (!in) return Status::Usage("cannot read word list " + path.string());
  std::string line;
  while (std::getline(in, line)) {
    auto w = strip(line);
    if (!w.empty()) out.emplace_back(w);
  }
  return Status::Ok();
}

std::string make_pattern(const std::vector<std::string>& words, bool unspaced_script) {
  std::string alt;
  for (const auto& w : words) {
    if (!alt.empty()) alt += '|';
    alt += RE2::QuoteMeta(w);
  }
  if (unspaced_script) return "(?:" + alt + ")";
  return "(?:^|[^\\p{L}\\p{N}_])(?:" + alt + ")(?:$|[^\\p{L}\\p{N}_])";
}

}  // namespace

Status load_badwords(const std::string& dir, const std::string& file, BadWordsConfig& c) {
  namespace fs = std::filesystem;
  auto add = [&](const std::string& lang, const fs::path& path) -> Status {
    std::vector<std::string> words;
    if (Status s = read_list(path, words); !s.ok()) return s;
    if (words.empty()) return Status::Ok();
    const bool unspaced = lang == "ja" || lang == "th" || lang == "zh";
    c.patterns[lang] = make_pattern(words, unspaced);
    c.reasons[lang] = "badwords:" + (lang == "*" ? std::string("list") : lang);
    RE2 check(c.patterns[lang]);
    if (!check.ok()) return Status::Usage("word list " + path.string() + ": " + check.error());
    return Status::Ok();
  };
  if (!file.empty()) return add("*", file);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Usage("--words-dir: not a directory: " + dir);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".txt") continue;
    if (Status s = add(e.path().stem().string(), e.path()); !s.ok()) return s;
  }
  if (c.patterns.empty()) return Status::Usage("--words-dir: no LANG.txt word lists in " + dir);
  return Status::Ok();
}

std::unique_ptr<DocumentTransform> make_badwords(std::shared_ptr<const BadWordsConfig> c) {
  return std::make_unique<BadWordsFilter>(std::move(c));
}

}  // namespace dpk::quality
