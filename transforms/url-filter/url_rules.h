// url_rules.h — the URL and domain rules of dpk-url-filter, and the one
// decision it makes per URL.
//
// The rules are datatrove URLFilter's, tried in its order: the registered
// domain (Public Suffix List, ICANN section) on a domain list ("domain"),
// the full host on a domain list ("subdomain"), the URL on a URL list
// ("url"), a banned word among the URL's words ("banned_word"), at least
// `soft_word_threshold` distinct soft-banned words ("soft_banned_words"), a
// banned subword inside the URL's letters and digits ("banned_subword").
// Allow lists are tried first and win over every block rule.
//
// Words: the URL is split at every run of characters other than ASCII
// letters and digits, and compared as written; list words keep only their
// ASCII letters and digits, lowercased (so an upper-case word in a URL never
// matches, as in datatrove). Subwords are searched in the URL with every
// character other than an ASCII letter or digit removed, lowercased.
//
// Built once (loading is in url_list_loading.cpp), then read-only: decide()
// may run on many threads, each with its own UrlScratch.
//
//   UrlRules rules;
//   rules.load_domains("adult.txt", "adult", ListRole::kBlock);
//   rules.compile();
//   UrlScratch s;
//   UrlDecision d = rules.decide("https://www.example.com/x", s);
//   if (d.blocks()) ... d.reason ("domain:adult"), d.source->file, d.match
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"
#include "string_table.h"

namespace re2 {
class RE2;
}

namespace dpk::url_filter {

enum class UrlRule : uint8_t {
  kNone,             // no rule matched: keep
  kAllowDomain,      // on an allow list: keep
  kAllowUrl,
  kDomain,           // block rules, in the order they are tried
  kSubdomain,
  kUrl,
  kBannedWord,
  kSoftBannedWords,
  kBannedSubword,
};
std::string_view url_rule_name(UrlRule rule);

enum class ListRole : uint8_t { kBlock, kAllow };
enum class WordList : uint8_t { kBanned, kSoftBanned, kBannedSubword };

// Where a list entry came from: its category (the UT1 folder name, or the
// file name) and the file.
struct ListSource {
  std::string category;
  std::string file;
  // One drop reason per block rule ("domain:adult"), made once so decisions
  // hand out views into them.
  std::string reasons[3];
};

struct UrlDecision {
  UrlRule rule = UrlRule::kNone;
  const ListSource* source = nullptr;  // the list that matched, if any
  std::string_view reason;             // the drop reason, for block rules
  std::string match;                   // the entry that matched
  bool blocks() const { return rule >= UrlRule::kDomain; }
};

// Per-thread buffers, so deciding allocates nothing once warm.
struct UrlScratch {
  std::string host;
  std::string letters;  // the URL's letters and digits, lowercased
  std::vector<const StringTable::Entry*> soft_seen;  // distinct soft words met
  // The last hosts' registered domains (direct-mapped by hash): pages of one
  // site come together in crawls, and the suffix lookup is the dearest step.
  struct CachedHost {
    std::string host;
    uint32_t registered_offset = 0;  // where the registered domain starts
    bool has_registered = false;
  };
  std::vector<CachedHost> hosts;
};

class UrlRules {
 public:
  UrlRules();
  ~UrlRules();
  UrlRules(const UrlRules&) = delete;
  UrlRules& operator=(const UrlRules&) = delete;
  // Loading (url_list_loading.cpp). Files hold one entry a line; blank lines
  // and lines starting with '#' are skipped. A later entry equal to an
  // earlier one keeps the earlier one's source.
  Status load_domains(const std::string& file, const std::string& category, ListRole role);
  Status load_urls(const std::string& file, const std::string& category, ListRole role);
  Status load_words(const std::string& file, WordList list);
  // A UT1 folder (CATEGORY/domains, CATEGORY/urls) and/or datatrove's
  // layout (domains, urls, banned_words.txt, banned_subwords.txt,
  // soft_banned_words.txt at the top). `categories` empty: all of them.
  Status load_blocklist_dir(const std::string& dir, const std::vector<std::string>& categories);
  void set_soft_word_threshold(int n) { soft_word_threshold_ = n; }
  // Compiles the subword matcher; call once after loading.
  Status compile();

  UrlDecision decide(std::string_view url, UrlScratch& scratch) const;

  size_t domain_count(ListRole role) const { return domains_[static_cast<int>(role)].size(); }
  size_t url_count(ListRole role) const { return urls_[static_cast<int>(role)].size(); }
  size_t word_count(WordList list) const;

 private:
  uint32_t add_source(const std::string& category, const std::string& file);
  bool check_domains(ListRole role, std::string_view registered, std::string_view host, UrlDecision& d) const;
  bool check_url(ListRole role, std::string_view url, UrlDecision& d) const;
  bool check_words(std::string_view url, UrlScratch& scratch, UrlDecision& d) const;
  bool check_subwords(std::string_view url, UrlScratch& scratch, UrlDecision& d) const;
  std::string_view registered_domain(UrlScratch& scratch) const;
  void add_word(WordList list, std::string word, uint32_t source);

  std::vector<std::unique_ptr<ListSource>> sources_;
  StringTable domains_[2];  // by ListRole; keys are host_key()s
  StringTable urls_[2];
  StringTable banned_words_, soft_words_;  // normalized word -> source
  std::vector<std::string> subwords_;
  std::vector<uint32_t> subword_sources_;
  std::unique_ptr<re2::RE2> subword_matcher_;   // any subword, no capture
  std::unique_ptr<re2::RE2> subword_capture_;   // which one (after a match)
  // Cheap prefilters for the word lookups: the lengths present, and the
  // first byte of each word.
  uint64_t word_lengths_ = 0;
  bool word_first_byte_[256] = {};
  int soft_word_threshold_ = 2;
};

}  // namespace dpk::url_filter
