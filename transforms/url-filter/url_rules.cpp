#include "url_rules.h"

#include <re2/re2.h>

#include "dpk/public_suffix_list.h"
#include "url_host.h"

namespace dpk::url_filter {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

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
  const EntryMap& map = domains_[static_cast<int>(role)];
  if (map.empty() || registered.empty()) return false;
  const bool block = role == ListRole::kBlock;
  if (auto it = map.find(registered); it != map.end()) {
    d.rule = block ? UrlRule::kDomain : UrlRule::kAllowDomain;
    d.source = sources_[it->second].get();
    d.match = it->first;
    return true;
  }
  if (auto it = map.find(host); it != map.end()) {
    d.rule = block ? UrlRule::kSubdomain : UrlRule::kAllowDomain;
    d.source = sources_[it->second].get();
    d.match = it->first;
    return true;
  }
  return false;
}

bool UrlRules::check_url(ListRole role, std::string_view url, UrlDecision& d) const {
  const EntryMap& map = urls_[static_cast<int>(role)];
  if (map.empty()) return false;
  auto it = map.find(url);
  if (it == map.end()) {
    std::string_view bare = without_http_scheme(url);
    if (bare.empty()) return false;
    it = map.find(bare);
    if (it == map.end()) return false;
  }
  d.rule = role == ListRole::kBlock ? UrlRule::kUrl : UrlRule::kAllowUrl;
  d.source = sources_[it->second].get();
  d.match = it->first;
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
    if (auto it = banned_words_.find(word); it != banned_words_.end()) {
      d.rule = UrlRule::kBannedWord;
      d.source = sources_[it->second].get();
      d.match = it->first;
      return true;
    }
    if (auto it = soft_words_.find(word); it != soft_words_.end()) {
      // The words of a URL are a set: a repeated word counts once.
      const std::string* id = &it->first;
      bool seen = false;
      for (const std::string* s : scratch.soft_seen) seen |= s == id;
      if (!seen) {
        scratch.soft_seen.push_back(id);
        if (!soft_source) soft_source = sources_[it->second].get();
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
  scratch.letters.clear();
  for (char c : url) {
    if (is_alnum(c)) scratch.letters.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
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

UrlDecision UrlRules::decide(std::string_view url, UrlScratch& scratch) const {
  UrlDecision d;
  const std::string_view host = url_host(url);
  host_key(host, scratch.host);
  const std::string_view registered =
      PublicSuffixList::registered_domain(scratch.host, SuffixRules::kIcannOnly);
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
