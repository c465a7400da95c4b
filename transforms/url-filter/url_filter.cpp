// url-filter — drops documents by their URL: domain and URL block lists,
// banned words in the URL, allow lists that win (datatrove's URLFilter).
#include <memory>

#include "dpk/public_suffix_list.h"
#include "dpk/transform.h"
#include "url_rules.h"

namespace dpk {
namespace {

using url_filter::ListRole;
using url_filter::UrlDecision;
using url_filter::UrlRule;
using url_filter::UrlRules;
using url_filter::WordList;

class UrlFilterTransform final : public DocumentTransform {
 public:
  UrlFilterTransform(std::shared_ptr<const UrlRules> rules, std::string url_key, bool annotate, bool drop_no_url)
      : rules_(std::move(rules)), url_key_(std::move(url_key)), annotate_(annotate), drop_no_url_(drop_no_url) {}

  void apply(Document& doc) override {
    if (!doc.get_string(url_key_, url_) || url_.empty()) {
      if (drop_no_url_) doc.drop("no_url");
      return;
    }
    const UrlDecision d = rules_->decide(url_, scratch_);
    if (d.rule == UrlRule::kNone) return;
    if (!annotate_) {
      if (d.blocks()) doc.drop(d.reason);
      return;
    }
    doc.set_string("url_filter", url_rule_name(d.rule));
    if (d.source) {
      doc.set_string("url_filter_category", d.source->category);
      doc.set_string("url_filter_list", d.source->file);
    }
    doc.set_string("url_filter_match", d.match);
  }

 private:
  std::shared_ptr<const UrlRules> rules_;
  std::string url_key_;
  bool annotate_;
  bool drop_no_url_;
  std::string url_;
  url_filter::UrlScratch scratch_;
};

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  if (Status st = PublicSuffixList::load("url-filter"); !st.ok()) return st;
  auto rules = std::make_shared<UrlRules>();
  const std::vector<std::string> categories = v.get_list("categories");
  const std::vector<std::string> dirs = v.get_list("blocklist-dir");
  if (!categories.empty() && dirs.empty()) return Status::Usage("--categories needs --blocklist-dir");
  for (const auto& dir : dirs) {
    if (Status st = rules->load_blocklist_dir(dir, categories); !st.ok()) return st;
  }
  auto stem = [](const std::string& path) {
    std::string name = path.substr(path.find_last_of('/') + 1);
    return name.substr(0, name.find('.'));
  };
  for (const auto& f : v.get_list("block-domains")) {
    if (Status st = rules->load_domains(f, stem(f), ListRole::kBlock); !st.ok()) return st;
  }
  for (const auto& f : v.get_list("block-urls")) {
    if (Status st = rules->load_urls(f, stem(f), ListRole::kBlock); !st.ok()) return st;
  }
  for (const auto& f : v.get_list("allow-domains")) {
    if (Status st = rules->load_domains(f, stem(f), ListRole::kAllow); !st.ok()) return st;
  }
  for (const auto& f : v.get_list("allow-urls")) {
    if (Status st = rules->load_urls(f, stem(f), ListRole::kAllow); !st.ok()) return st;
  }
  const std::pair<const char*, WordList> word_options[] = {{"banned-words", WordList::kBanned},
                                                           {"banned-subwords", WordList::kBannedSubword},
                                                           {"soft-banned-words", WordList::kSoftBanned}};
  for (const auto& [option, list] : word_options) {
    for (const auto& f : v.get_list(option)) {
      if (Status st = rules->load_words(f, list); !st.ok()) return st;
    }
  }
  rules->set_soft_word_threshold(static_cast<int>(v.get_int("soft-word-threshold")));
  if (Status st = rules->compile(); !st.ok()) return st;
  const size_t blocked = rules->domain_count(ListRole::kBlock) + rules->url_count(ListRole::kBlock) +
                         rules->word_count(WordList::kBanned) + rules->word_count(WordList::kSoftBanned) +
                         rules->word_count(WordList::kBannedSubword);
  if (blocked == 0) {
    return Status::Usage("url-filter: no block list given (--blocklist-dir, --block-domains, --block-urls, "
                         "--banned-words, --banned-subwords or --soft-banned-words)");
  }
  const std::string url_key = v.get_string("url-key");
  const bool annotate = v.get_string("mode") == "annotate";
  const bool drop_no_url = v.get_string("missing-url") == "drop";
  ConfiguredStep c;
  std::shared_ptr<const UrlRules> shared = rules;
  c.make = [=]() { return std::make_unique<UrlFilterTransform>(shared, url_key, annotate, drop_no_url); };
  c.explain = std::string(annotate ? "annotate" : "drop") + " by the URL in '" + url_key + "': " +
              std::to_string(rules->domain_count(ListRole::kBlock)) + " blocked domains, " +
              std::to_string(rules->url_count(ListRole::kBlock)) + " blocked URLs, " +
              std::to_string(rules->word_count(WordList::kBanned) + rules->word_count(WordList::kSoftBanned) +
                             rules->word_count(WordList::kBannedSubword)) +
              " words, " +
              std::to_string(rules->domain_count(ListRole::kAllow) + rules->url_count(ListRole::kAllow)) +
              " allowed";
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_url_filter() {
  static const TransformSpec spec{
      "url-filter",
      TransformKind::kFilter,
      "Drop documents by their URL: blocked domains and URLs, banned words, allow lists.",
      "Reads the URL from the field --url-key (default url, the field dpk-warc writes) and applies "
      "datatrove's URLFilter rules in its order: the registered domain on a domain list (reason "
      "domain:CATEGORY), the full host on a domain list (subdomain:CATEGORY), the URL on a URL list "
      "(url:CATEGORY), a banned word among the URL's words (banned_word), at least "
      "--soft-word-threshold distinct soft-banned words (soft_banned_words), a banned subword inside "
      "the URL's letters and digits (banned_subword). A domain or URL on an allow list is kept whatever "
      "the block lists say.\n\n"
      "Registered domains come from the system's Public Suffix List (ICANN section). Hosts and domain "
      "entries are compared lowercased, internationalized names as punycode, so a list written in "
      "either form matches a URL written in either. A URL list entry matches the URL as written or "
      "without its http:// or https:// (the UT1 lists' form).\n\n"
      "--blocklist-dir reads a UT1 blacklist folder (CATEGORY/domains, CATEGORY/urls; choose with "
      "--categories) and datatrove's layout (domains, urls, banned_words.txt, banned_subwords.txt, "
      "soft_banned_words.txt at the top). List files hold one entry a line; blank lines and lines "
      "starting with # are skipped; .gz and .zst files are read too. No list ships with dpk.\n\n"
      "With --mode annotate no rule drops anything: a document that matched a rule gets the rule, the "
      "list's category and file and the entry that matched.",
      {
          {"url-key", OptionType::kString, "url", "Field holding the document's URL.", {}, 0, "KEY"},
          {"blocklist-dir", OptionType::kList, "", "A UT1 or datatrove block list folder (repeatable).", {}, 0,
           "DIR"},
          {"categories", OptionType::kList, "", "Only these categories of --blocklist-dir (default: all).", {},
           0, "NAME"},
          {"block-domains", OptionType::kList, "",
           "File of domains to block, one a line; its name is the category.", {}, 0, "FILE"},
          {"block-urls", OptionType::kList, "", "File of URLs to block, one a line; its name is the category.",
           {}, 0, "FILE"},
          {"banned-words", OptionType::kList, "", "File of words that block a URL containing one.", {}, 0,
           "FILE"},
          {"soft-banned-words", OptionType::kList, "",
           "File of words that block a URL containing --soft-word-threshold of them.", {}, 0, "FILE"},
          {"banned-subwords", OptionType::kList, "",
           "File of strings that block a URL whose letters and digits contain one.", {}, 0, "FILE"},
          {"soft-word-threshold", OptionType::kInt, "2", "Distinct soft-banned words that block a URL.", {}, 0,
           "N", 1},
          {"allow-domains", OptionType::kList, "", "File of domains always kept (wins over block lists).", {},
           0, "FILE"},
          {"allow-urls", OptionType::kList, "", "File of URLs always kept (wins over block lists).", {}, 0,
           "FILE"},
          {"mode", OptionType::kChoice, "drop", "Drop matching documents, or annotate them and keep all.",
           "drop|annotate"},
          {"missing-url", OptionType::kChoice, "drop",
           "A document without a URL: drop it (reason no_url) or keep it.", "drop|keep"},
      },
      {{"url_filter", "with --mode annotate: the rule that matched (domain, subdomain, url, banned_word, "
                      "soft_banned_words, banned_subword, allow_domain, allow_url)"},
       {"url_filter_category", "with --mode annotate: the matched list's category"},
       {"url_filter_list", "with --mode annotate: the matched list's file"},
       {"url_filter_match", "with --mode annotate: the entry that matched (for soft_banned_words, how many)"}},
      {"dpk-url-filter --blocklist-dir ut1/ --categories adult,gambling -o out/ crawl/",
       "dpk-url-filter --block-domains spam.txt --allow-domains keep.txt --mode annotate < docs.jsonl"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
