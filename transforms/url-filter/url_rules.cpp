#include "url_rules.h"

#include <re2/re2.h>
#include <xxhash.h>

#include "dpk/public_suffix_list.h"
#include "url_host.h"

namespace dpk::url_filter {
namespace {

// For each byte: 0 when it is no ASCII letter or digit, else the byte
// lowercased (a table: the scans below run on every byte of every URL).
struct AlnumTable {
  char lower[256] = {};
  constexpr AlnumTable() {
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) lower[c] = static_cast<char>(c - 'A' + 'a');
  }
};
constexpr AlnumTable kAlnum;

bool is_alnum(char c) { return kAlnum.lower[static_cast<unsigned char>(c)] != 0; }

// UT1 lists write URLs without their scheme ("example.com/page").
std::string_view without_http_scheme(std::string_view url) {
  if (url.starts_with("http://")) return url.substr(7);
  if (url.starts_with("https://")) return url.substr(8);
  return {};
}

}  // namespace

std::string_view url_rule_name(UrlRule rule) {
  switch (rule) {
    case UrlRule::kNone: return "none";
    case UrlRule::kAllowDomain: return "allow_domain";
    case UrlRule::kAllowUrl: return "allow_url";
    case UrlRule::kDomain: return "domain";
    case UrlRule::kSubdomain: return "subdomain";
    case UrlRule::kUrl: return "url";
    case UrlRule::kBannedWord: return "banned_word";
    case UrlRule::kSoftBannedWords: return "soft_banned_words";
    case UrlRule::kBannedSubword: return "banned_subword";
  }
  return "none";
}

UrlRules::UrlRules() = default;
UrlRules::~UrlRules() = default;

size_t UrlRules::word_count(WordList list) const {
  switch (list) {
    case WordList::kBanned: return banned_words_.size();
    case WordList::kSoftBanned: return soft_words_.size();
    case WordList::kBannedSubword: return subwords_.size();
  }
  return 0;
}

bool UrlRules::check_domains(ListRole role, std::string_view registered, std::string_view host,
                             UrlDecision& d) const {
  const StringTable& map = domains_[static_cast<int>(role)];
  if (map.empty() || registered.empty()) return false;
  const bool block = role == ListRole::kBlock;
  if (const StringTable::Entry* e = map.find(registered)) {
    d.rule = block ? UrlRule::kDomain : UrlRule::kAllowDomain;
    d.source = sources_[e->value].get();
    d.match = e->key;
    return true;
  }
  if (const StringTable::Entry* e = map.find(host)) {
    d.rule = block ? UrlRule::kSubdomain : UrlRule::kAllowDomain;
    d.source = sources_[e->value].get();
    d.match = e->key;
    return true;
  }
  return false;
}

bool UrlRules::check_url(ListRole role, std::string_view url, UrlDecision& d) const {
  const StringTable& map = urls_[static_cast<int>(role)];
  if (map.empty()) return false;
  const StringTable::Entry* e = map.find(url);
  if (!e) {
    std::string_view bare = without_http_scheme(url);
    if (bare.empty()) return false;
    e = map.find(bare);
    if (!e) return false;
  }
  d.rule = role == ListRole::kBlock ? UrlRule::kUrl : UrlRule::kAllowUrl;
  d.source = sources_[e->value].get();
  d.match = e->key;
  return true;
}

bool UrlRules::check_words(std::string_view url, UrlScratch& scratch, UrlDecision& d) const {
  if (banned_words_.empty() && soft_words_.empty()) return false;
  scratch.soft_seen.clear();
  const ListSource* soft_source = nullptr;
  size_t i = 0;
  while (i < url.size()) {
    while (i < url.size() && !is_alnum(url[i])) ++i;
    const size_t start = i;
    while (i < url.size() && is_alnum(url[i])) ++i;
    const size_t len = i - start;
    if (len == 0 || len >= 64 || !(word_lengths_ >> len & 1) ||
        !word_first_byte_[static_cast<unsigned char>(url[start])])
      continue;
    const std::string_view word = url.substr(start, len);
    if (const StringTable::Entry* e = banned_words_.find(word)) {
      d.rule = UrlRule::kBannedWord;
      d.source = sources_[e->value].get();
      d.match = e->key;
      return true;
    }
    if (const StringTable::Entry* e = soft_words_.find(word)) {
      // The words of a URL are a set: a repeated word counts once.
      bool seen = false;
      for (const StringTable::Entry* s : scratch.soft_seen) seen |= s == e;
      if (!seen) {
        scratch.soft_seen.push_back(e);
        if (!soft_source) soft_source = sources_[e->value].get();
      }
    }
  }
  // Banned words win over soft ones anywhere in the URL, so the count is
  // judged only after the whole URL is read.
  if (!scratch.soft_seen.empty() && scratch.soft_seen.size() >= static_cast<size_t>(soft_word_threshold_)) {
    d.rule = UrlRule::kSoftBannedWords;
    d.source = soft_source;
    d.match = std::to_string(scratch.soft_seen.size());
    return true;
  }
  return false;
}

bool UrlRules::check_subwords(std::string_view url, UrlScratch& scratch, UrlDecision& d) const {
  if (!subword_matcher_) return false;
  scratch.letters.resize(url.size());
  char* out = scratch.letters.data();
  for (char c : url) {
    const char l = kAlnum.lower[static_cast<unsigned char>(c)];
    *out = l;
    out += l != 0;
  }
  scratch.letters.resize(static_cast<size_t>(out - scratch.letters.data()));
  if (!RE2::PartialMatch(scratch.letters, *subword_matcher_)) return false;
  std::string found;
  RE2::PartialMatch(scratch.letters, *subword_capture_, &found);
  d.rule = UrlRule::kBannedSubword;
  d.match = found;
  for (size_t k = 0; k < subwords_.size(); ++k) {
    if (subwords_[k] == found) d.source = sources_[subword_sources_[k]].get();
  }
  return true;
}

std::string_view UrlRules::registered_domain(UrlScratch& scratch) const {
  constexpr size_t kSlots = 4096;
  if (scratch.hosts.empty()) scratch.hosts.resize(kSlots);
  const std::string& host = scratch.host;
  UrlScratch::CachedHost& slot = scratch.hosts[XXH3_64bits(host.data(), host.size()) & (kSlots - 1)];
  if (slot.host != host) {
    slot.host = host;
    const std::string_view reg = PublicSuffixList::registered_domain(host, SuffixRules::kIcannOnly);
    slot.has_registered = !reg.empty();
    slot.registered_offset = static_cast<uint32_t>(host.size() - reg.size());
  }
  if (!slot.has_registered) return {};
  return std::string_view(host).substr(slot.registered_offset);
}

UrlDecision UrlRules::decide(std::string_view url, UrlScratch& scratch) const {
  UrlDecision d;
  const std::string_view host = url_host(url);
  host_key(host, scratch.host);
  const std::string_view registered = registered_domain(scratch);
  if (check_domains(ListRole::kAllow, registered, scratch.host, d) || check_url(ListRole::kAllow, url, d)) return d;
  if (check_domains(ListRole::kBlock, registered, scratch.host, d) || check_url(ListRole::kBlock, url, d) ||
      check_words(url, scratch, d) || check_subwords(url, scratch, d)) {
    if (d.source) {
      const int slot = d.rule == UrlRule::kDomain ? 0 : d.rule == UrlRule::kSubdomain ? 1 : 2;
      d.reason = d.rule <= UrlRule::kUrl ? std::string_view(d.source->reasons[slot]) : url_rule_name(d.rule);
    } else {
      d.reason = url_rule_name(d.rule);
    }
  }
  return d;
}

}  // namespace dpk::url_filter
