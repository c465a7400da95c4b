// pii — finds personal data and secrets, and redacts, masks, pseudonymizes,
// annotates them or drops the documents that hold them.
#include <fstream>
#include <iterator>
#include <memory>

#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "pii_detector.h"
#include "pii_rewriter.h"
#include "top_level_domains.h"

namespace dpk {
namespace {

using pii::Entity;
using pii::PiiMode;

struct PiiConfig {
  pii::DetectorConfig detector;
  std::shared_ptr<const pii::PatternDatabase> db;
  PiiMode mode = PiiMode::kRedact;
  std::string tmpl;
  std::string key;
  std::string field;
};

class PiiTransform final : public DocumentTransform {
 public:
  // The shared configuration (and its compiled patterns) outlives every instance.
  explicit PiiTransform(std::shared_ptr<const PiiConfig> cfg)
      : cfg_(*cfg), owner_(std::move(cfg)), detector_(cfg_.db, cfg_.detector),
        rewriter_(cfg_.mode, cfg_.tmpl, cfg_.key) {}

  void apply(Document& doc) override {
    const std::string_view text = doc.text();
    detector_.detect(text, entities_);
    switch (cfg_.mode) {
      case PiiMode::kDrop:
        if (!entities_.empty()) doc.drop(pii::pii_drop_reason(entities_.front().type));
        return;
      case PiiMode::kAnnotate:
        annotate(doc, text);
        return;
      default:
        if (entities_.empty()) return;
        rewriter_.add_repeated_values(text, entities_);
        rewriter_.rewrite(text, entities_, out_);
        doc.set_text(out_);
    }
  }

 private:
  // `pii`: [{"type":..,"start":..,"end":..,"start_byte":..,"end_byte":..}],
  // start/end in code points (Python slicing), *_byte in UTF-8 bytes.
  void annotate(Document& doc, std::string_view text) {
    json_.assign("[");
    size_t pos = 0;
    int64_t cps = 0;
    auto advance = [&](size_t to) {
      for (; pos < to; ++pos) cps += (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
      return cps;
    };
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i];
      if (i) json_ += ',';
      json_ += "{\"type\":\"";
      json_ += pii::pii_type_name(e.type);
      json_ += "\",\"start\":";
      append_json_int(json_, advance(e.begin));
      json_ += ",\"end\":";
      append_json_int(json_, advance(e.end));
      json_ += ",\"start_byte\":";
      append_json_int(json_, e.begin);
      json_ += ",\"end_byte\":";
      append_json_int(json_, e.end);
      json_ += '}';
    }
    json_ += ']';
    doc.set_raw(cfg_.field, json_);
  }

  const PiiConfig& cfg_;
  std::shared_ptr<const PiiConfig> owner_;
  pii::PiiDetector detector_;
  pii::PiiRewriter rewriter_;
  std::vector<Entity> entities_;
  std::string out_;
  std::string json_;
};

constexpr std::string_view kAllTypes =
    "EMAIL,PHONE,IP_ADDRESS,CREDIT_CARD,IBAN,US_SSN,URL_CREDENTIALS,SECRET,MAC_ADDRESS";

StatusOr<ConfiguredStep> configure(const OptionValues& v, const StepContext&) {
  auto cfg = std::make_shared<PiiConfig>();
  pii::PiiTypeSet types;
  for (const auto& name : v.get_list("types")) {
    auto t = pii::parse_pii_type(name);
    if (!t) return Status::Usage("option 'types': unknown type '" + name + "' (known: " + std::string(kAllTypes) + ")");
    types.add(*t);
  }
  if (types.empty()) return Status::Usage("option 'types': no type given");
  cfg->detector.types = types;
  // E-mail domains are checked against the system's Public Suffix List:
  // read it now, so a missing list stops the run before any input is read.
  if (types.has(pii::PiiType::kEmail)) {
    if (Status st = pii::TopLevelDomains::load(); !st.ok()) return st;
  }
  cfg->detector.regions = v.get_list("regions");
  for (const auto& r : cfg->detector.regions) {
    if (r.size() != 2 || r[0] < 'A' || r[0] > 'Z' || r[1] < 'A' || r[1] > 'Z')
      return Status::Usage("option 'regions': '" + r + "' is not a two-letter region code (e.g. US, GB)");
  }
  cfg->detector.secret_min_entropy = v.get_double("secret-min-entropy");
  const int64_t min_len = v.get_int("secret-min-chars");
  if (min_len < 8) return Status::Usage("option 'secret-min-chars': must be at least 8");
  cfg->detector.secret_min_length = static_cast<size_t>(min_len);

  const std::string mode = v.get_string("mode");
  cfg->mode = mode == "mask" ? PiiMode::kMask : mode == "hash" ? PiiMode::kHash
            : mode == "annotate" ? PiiMode::kAnnotate : mode == "drop" ? PiiMode::kDrop : PiiMode::kRedact;
  cfg->tmpl = v.get_string("template");
  if (cfg->tmpl.empty()) cfg->tmpl = cfg->mode == PiiMode::kHash ? "<{type}:{hash}>" : "<{type}>";
  cfg->field = v.get_string("field");
  const std::string key_file = v.get_string("key-file");
  if (cfg->mode == PiiMode::kHash) {
    if (key_file.empty()) return Status::Usage("option 'key-file': --mode hash needs a key file");
    std::ifstream f(key_file, std::ios::binary);
    if (!f) return Status::Usage("option 'key-file': cannot read '" + key_file + "'");
    cfg->key.assign(std::istreambuf_iterator<char>(f), {});
    while (!cfg->key.empty() && (cfg->key.back() == '\n' || cfg->key.back() == '\r')) cfg->key.pop_back();
    if (cfg->key.size() < 16) return Status::Usage("option 'key-file': the key must be at least 16 bytes");
  }
  const std::string engine = v.get_string("engine");
  auto db = pii::PatternDatabase::compile(types, engine == "re2"         ? pii::ScanEngine::kRe2
                                                 : engine == "hyperscan" ? pii::ScanEngine::kHyperscan
                                                                         : pii::ScanEngine::kAuto);
  if (!db.ok()) return db.status();
  cfg->db = std::move(db.value());

  ConfiguredStep c;
  c.make = [cfg]() { return std::make_unique<PiiTransform>(cfg); };
  std::string types_list;
  for (const auto& t : v.get_list("types")) types_list += (types_list.empty() ? "" : ",") + t;
  c.explain = mode + " " + types_list + " (" + std::string(cfg->db->engine_name()) + ")";
  return c;
}

}  // namespace

const TransformSpec& dpk_transform_pii() {
  static const TransformSpec spec{
      "pii",
      TransformKind::kMapper,
      "Find personal data and secrets; redact, mask, pseudonymize, annotate or drop.",
      "Finds e-mail addresses, phone numbers (libphonenumber, for the --regions and any number in "
      "+international format), IPv4/IPv6 addresses, credit card numbers (issuer prefix and Luhn), "
      "IBANs (country length and mod-97), US social security numbers (valid ranges, with "
      "separators), credentials in URLs (user:password@), secrets (AWS, GitHub, GitLab, Slack, "
      "Stripe and Google API keys, private key blocks, JWTs, and high-entropy values assigned to "
      "names like api_key or password) and MAC addresses.\n\n"
      "One multi-pattern pass proposes candidates; exact validators decide. Context rules cut "
      "false positives: a number inside a longer digit run, dates, times, version numbers, build "
      "stamps, US ZIP+4 codes and identifiers (CVE-2026-118318, #1694926) are not phones; four-part "
      "versions (Standards-Version: 4.6.1.0, gettext-0.19.8.1) are not IP addresses; an e-mail "
      "domain must end in a top-level domain of the system's Public Suffix List (not "
      "po/en@quot.header), and Message-IDs and SSH protocol names are not addresses; a card number "
      "followed by a decimal part is not a card; Maestro numbers of 12-15 "
      "digits or in the wide Maestro ranges (50, 56-69, 0604) need a card word (card, credit, debit, cc "
      "...) just before them.\n\n"
      "Modes: redact replaces each value with a tag (--template, default <TYPE>); mask replaces "
      "each character with '*'; hash replaces it with a keyed HMAC-SHA256 pseudonym (the same "
      "value gets the same pseudonym across the corpus for the same --key-file); annotate adds "
      "the field `pii` and changes nothing; drop drops documents holding any of --types, with "
      "reason pii:TYPE. In the rewriting modes every other occurrence of a detected value in the "
      "same document is replaced too. Names and street addresses are not detected.",
      {
          {"types", OptionType::kList, kAllTypes, "Types to find.", {}, 0, "TYPE,..."},
          {"mode", OptionType::kChoice, "redact", "What to do with what is found.", "redact|mask|hash|annotate|drop"},
          {"regions", OptionType::kList, "US,GB,DE,FR,IN", "Regions whose national phone formats are recognized.", {}, 0, "CC,..."},
          {"template", OptionType::kString, "", "Replacement text with {type} and {hash} (default <{type}>, hash mode <{type}:{hash}>).", {}, 0, "TEXT"},
          {"key-file", OptionType::kString, "", "File holding the HMAC key for --mode hash (at least 16 bytes).", {}, 0, "FILE"},
          {"field", OptionType::kString, "pii", "Field that --mode annotate writes.", {}, 0, "NAME"},
          {"secret-min-entropy", OptionType::kDouble, "3.5", "Shannon entropy (bits per character) a value assigned to a secret-like name needs.", {}, 0, "BITS", 0},
          renamed("secret-min-length", {"secret-min-chars", OptionType::kInt, "16",
                                         "Characters a value assigned to a secret-like name needs.", {}, 0, "N", 1}),
          {"engine", OptionType::kChoice, "auto", "Candidate pass: Hyperscan where the build has it (auto), or RE2 (the portable pass; same results, slower).", "auto|hyperscan|re2"},
      },
      {{"text", "rewritten in redact, mask and hash modes"},
       {"pii", "annotate mode: [{type, start, end, start_byte, end_byte}], start/end in code points"}},
      {"dpk-pii < in.jsonl > redacted.jsonl",
       "dpk-pii --mode hash --key-file secret.key --types EMAIL,PHONE -o out/ data/",
       "dpk-pii --mode drop --types SECRET,CREDIT_CARD --keep-dropped dropped.jsonl data/"},
      "-",
      configure,
  };
  return spec;
}

}  // namespace dpk
