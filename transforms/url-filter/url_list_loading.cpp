// Loading the block and allow lists of UrlRules.
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "dpk/byte_stream.h"
#include "url_host.h"
#include "url_rules.h"

namespace dpk::url_filter {
namespace {

namespace fs = std::filesystem;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(entry) for every entry of a list file (plain, .gz or .zst).
template <class Fn>
Status for_each_entry(const std::string& file, Fn&& fn, StringTable* reserve_in = nullptr) {
  StatusOr<std::string> bytes = read_whole_input(file);
  if (!bytes.ok()) return bytes.status();
  std::string_view all = *bytes;
  // One rehash instead of twenty for a list of millions.
  if (reserve_in) reserve_in->reserve(reserve_in->size() + static_cast<size_t>(std::count(all.begin(), all.end(), '\n')) + 1);
  while (!all.empty()) {
    const size_t nl = all.find('\n');
    const std::string_view line = trim(all.substr(0, nl));
    all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
    if (!line.empty() && line.front() != '#') fn(line);
  }
  return Status::Ok();
}

std::string normalized_word(std::string_view w) {
  std::string out;
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

}  // namespace

uint32_t UrlRules::add_source(const std::string& category, const std::string& file) {
  auto s = std::make_unique<ListSource>();
  s->category = category;
  s->file = file;
  s->reasons[0] = "domain:" + category;
  s->reasons[1] = "subdomain:" + category;
  s->reasons[2] = "url:" + category;
  sources_.push_back(std::move(s));
  return static_cast<uint32_t>(sources_.size() - 1);
}

Status UrlRules::load_domains(const std::string& file, const std::string& category, ListRole role) {
  const uint32_t source = add_source(category, file);
  StringTable& map = domains_[static_cast<int>(role)];
  std::string key;
  return for_each_entry(file, [&](std::string_view entry) {
    host_key(entry, key);
    map.insert(key, source);
  }, &map);
}

Status UrlRules::load_urls(const std::string& file, const std::string& category, ListRole role) {
  const uint32_t source = add_source(category, file);
  StringTable& map = urls_[static_cast<int>(role)];
  return for_each_entry(file, [&](std::string_view entry) { map.insert(std::string(entry), source); }, &map);
}

void UrlRules::add_word(WordList list, std::string word, uint32_t source) {
  if (word.empty()) return;  // a line of punctuation only would match nothing useful
  if (list == WordList::kBannedSubword) {
    for (const auto& w : subwords_) {
      if (w == word) return;
    }
    subwords_.push_back(std::move(word));
    subword_sources_.push_back(source);
    return;
  }
  if (word.size() < 64) word_lengths_ |= uint64_t{1} << word.size();
  word_first_byte_[static_cast<unsigned char>(word[0])] = true;
  (list == WordList::kBanned ? banned_words_ : soft_words_).insert(std::move(word), source);
}

Status UrlRules::load_words(const std::string& file, WordList list) {
  const std::string category = list == WordList::kBanned       ? "banned_words"
                               : list == WordList::kSoftBanned ? "soft_banned_words"
                                                               : "banned_subwords";
  const uint32_t source = add_source(category, file);
  return for_each_entry(file, [&](std::string_view entry) { add_word(list, normalized_word(entry), source); });
}

Status UrlRules::load_blocklist_dir(const std::string& dir, const std::vector<std::string>& categories) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::Usage("--blocklist-dir: no such directory: " + dir);
  bool found = false;
  const fs::path root(dir);
  std::string own_category = fs::absolute(root, ec).lexically_normal().filename().string();
  if (own_category.empty()) own_category = fs::absolute(root, ec).lexically_normal().parent_path().filename().string();
  // Categories in name order, so which list an entry is credited to does
  // not depend on the order the file system lists them.
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(root, ec)) {
    if (e.is_directory(ec)) folders.push_back(e.path());
  }
  std::sort(folders.begin(), folders.end());
  auto wanted = [&](const std::string& cat) {
    if (categories.empty()) return true;
    for (const auto& c : categories) {
      if (c == cat) return true;
    }
    return false;
  };
  std::vector<std::string> seen;
  auto load_category = [&](const fs::path& folder, const std::string& cat) -> Status {
    seen.push_back(cat);
    if (!wanted(cat)) return Status::Ok();
    for (const char* kind : {"domains", "urls"}) {
      const fs::path f = folder / kind;
      if (!is_file(f)) continue;
      found = true;
      Status st = kind[0] == 'd' ? load_domains(f.string(), cat, ListRole::kBlock)
                                 : load_urls(f.string(), cat, ListRole::kBlock);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  };
  if (is_file(root / "domains") || is_file(root / "urls")) {
    if (Status st = load_category(root, own_category); !st.ok()) return st;
  }
  for (const auto& folder : folders) {
    if (Status st = load_category(folder, folder.filename().string()); !st.ok()) return st;
  }
  const std::pair<const char*, WordList> word_files[] = {{"banned_words.txt", WordList::kBanned},
                                                         {"banned_subwords.txt", WordList::kBannedSubword},
                                                         {"soft_banned_words.txt", WordList::kSoftBanned}};
  for (const auto& [name, list] : word_files) {
    if (!is_file(root / name)) continue;
    found = true;
    if (Status st = load_words((root / name).string(), list); !st.ok()) return st;
  }
  for (const auto& c : categories) {
    bool known = false;
    for (const auto& s : seen) known |= s == c;
    if (!known) return Status::Usage("--categories: no category '" + c + "' in " + dir);
  }
  if (!found) {
    return Status::Usage("--blocklist-dir: " + dir +
                         " holds no list (CATEGORY/domains, CATEGORY/urls, domains, urls, banned_words.txt, "
                         "banned_subwords.txt or soft_banned_words.txt)");
  }
  return Status::Ok();
}

Status UrlRules::compile() {
  if (subwords_.empty()) return Status::Ok();
  std::string alternation;
  for (const auto& w : subwords_) {
    if (!alternation.empty()) alternation.push_back('|');
    alternation += RE2::QuoteMeta(w);
  }
  RE2::Options opts;
  opts.set_max_mem(int64_t{256} << 20);
  subword_matcher_ = std::make_unique<RE2>("(?:" + alternation + ")", opts);
  subword_capture_ = std::make_unique<RE2>("(" + alternation + ")", opts);
  if (!subword_matcher_->ok()) return Status::Usage("url-filter: cannot compile the banned subwords: " +
                                                    subword_matcher_->error());
  return Status::Ok();
}

}  // namespace dpk::url_filter
