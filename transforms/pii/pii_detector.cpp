#include "pii_detector.h"

#include <algorithm>

#include "protocol_names.h"
#include "technical_context.h"
#include "validators.h"

namespace dpk::pii {
namespace {

// Which reading wins when two entities overlap: the more specific type.
int rank(PiiType t) {
  switch (t) {
    case PiiType::kSecret: return 0;
    case PiiType::kUrlCredentials: return 1;
    case PiiType::kEmail: return 2;
    case PiiType::kIban: return 3;
    case PiiType::kCreditCard: return 4;
    case PiiType::kUsSsn: return 5;
    case PiiType::kMacAddress: return 6;
    case PiiType::kIpAddress: return 7;
    case PiiType::kPhone: return 8;
  }
  return 9;
}

bool better(const Entity& a, const Entity& b) {
  if (rank(a.type) != rank(b.type)) return rank(a.type) < rank(b.type);
  return a.end - a.begin > b.end - b.begin;
}

bool base64_or_space(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/' || c == '=' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':' ||
         c == ',' || c == '-';
}

}  // namespace

PiiDetector::PiiDetector(std::shared_ptr<const PatternDatabase> db, DetectorConfig cfg)
    : cfg_(std::move(cfg)), scanner_(std::move(db)), phones_(cfg_.regions) {}

Span PiiDetector::private_key_block(std::string_view t, Span c) {
  // The block runs to its END line; without one, over the base64 body. The
  // forward scan stops at the next "-----" so many BEGIN lines stay linear.
  uint32_t i = c.end;
  while (i < t.size() && base64_or_space(t[i]) && !(t[i] == '-' && t.substr(i, 5) == "-----")) ++i;
  if (t.substr(i, 8) == "-----END") {
    const size_t close = t.find("-----", i + 8);
    if (close != std::string_view::npos && close - i < 80) return Span{c.begin, static_cast<uint32_t>(close + 5)};
  }
  while (i > c.end && (t[i - 1] == ' ' || t[i - 1] == '\n' || t[i - 1] == '\r' || t[i - 1] == '\t')) --i;
  return Span{c.begin, i};
}

// One run of digits and separators: card numbers, SSNs and IPv4 addresses
// start at a digit group; libphonenumber reads the phones in it.
void PiiDetector::digit_run(std::string_view t, Span run, std::vector<Entity>& raw) {
  const PiiTypeSet& types = cfg_.types;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  for (uint32_t i = run.begin; i < run.end; ++i) {
    if (!is_digit(t[i]) || (i > run.begin && is_digit(t[i - 1]))) continue;
    if (types.has(PiiType::kCreditCard)) {
      if (auto v = validate_credit_card(t, Span{i, run.end})) raw.push_back({PiiType::kCreditCard, v->begin, v->end});
    }
    if (types.has(PiiType::kUsSsn) && i + 11 <= run.end) {
      if (auto v = validate_ssn(t, Span{i, i + 11})) raw.push_back({PiiType::kUsSsn, v->begin, v->end});
    }
    if (types.has(PiiType::kIpAddress) && (i == run.begin || t[i - 1] != '.')) {
      uint32_t e = i;
      while (e < run.end && (is_digit(t[e]) || t[e] == '.') && e - i < 16) ++e;
      while (e > i && t[e - 1] == '.') --e;
      if (e - i >= 7) {
        auto v = validate_ipv4(t, Span{i, e});
        if (v && !version_of_something(t, *v) && !section_number(t, *v) && !object_identifier(t, *v))
          raw.push_back({PiiType::kIpAddress, v->begin, v->end});
      }
    }
  }
  if (types.has(PiiType::kPhone)) {
    // A '+' or '(' just before the run belongs to the number.
    Span s = run;
    if (s.begin > 0 && (t[s.begin - 1] == '+' || t[s.begin - 1] == '(')) --s.begin;
    if (s.begin > 0 && t[s.begin - 1] == '+') --s.begin;
    phone_spans_.clear();
    phones_.find(t, s, phone_spans_);
    for (const Span& p : phone_spans_) raw.push_back({PiiType::kPhone, p.begin, p.end});
  }
}

void PiiDetector::validate(std::string_view t, const Candidate& c, std::vector<Entity>& raw) {
  const Span s{c.begin, c.end};
  std::optional<Span> v;
  PiiType type = PiiType::kSecret;
  switch (c.pattern) {
    case PatternId::kEmail:
      v = validate_email(t, s);
      type = PiiType::kEmail;
      if (!v) {
        if (const auto item = protocol_item_name(t, s)) item_domains_.push_back(t.substr(s.begin + 1, item->end - s.begin - 1));
      }
      break;
    case PatternId::kUrlCredentials: v = validate_url_credentials(t, s); type = PiiType::kUrlCredentials; break;
    case PatternId::kDigitRun: digit_run(t, s, raw); return;
    case PatternId::kIpv6: v = validate_ipv6(t, s); type = PiiType::kIpAddress; break;
    case PatternId::kMacColon:
    case PatternId::kMacDot: v = validate_mac(t, s); type = PiiType::kMacAddress; break;
    case PatternId::kIban: v = validate_iban(t, s); type = PiiType::kIban; break;
    case PatternId::kPrivateKeyBlock: v = private_key_block(t, s); break;
    case PatternId::kAwsSecretKey: v = validate_aws_secret(t, s); break;
    case PatternId::kSecretAssignment:
      v = validate_secret_assignment(t, s, cfg_.secret_min_entropy, cfg_.secret_min_length);
      break;
    default: v = validate_token(t, s); break;
  }
  if (v) raw.push_back({type, v->begin, v->end});
}

// A domain that names protocol items in this text ("the limits@openssh.com
// extension") names them in its other values too when they are written
// like names ("the existing "expand-path@openssh.com""); an address of a
// person there ("djm@openssh.com", "<dev-team@openssh.com>") stays.
void PiiDetector::drop_protocol_items_at_their_domains(std::string_view t) {
  std::erase_if(raw_, [&](const Entity& e) {
    if (e.type != PiiType::kEmail) return false;
    const std::string_view value = t.substr(e.begin, e.end - e.begin);
    const size_t at = value.find('@');
    if (at == std::string_view::npos || !identifier_local_part(value.substr(0, at))) return false;
    if (e.begin > 0 && t[e.begin - 1] == '<') return false;
    const std::string_view domain = value.substr(at + 1);
    return std::find(item_domains_.begin(), item_domains_.end(), domain) != item_domains_.end();
  });
}

void PiiDetector::detect(std::string_view text, std::vector<Entity>& out) {
  out.clear();
  scanner_.scan(text, candidates_);
  if (candidates_.empty()) return;
  raw_.clear();
  item_domains_.clear();
  for (const Candidate& c : candidates_) validate(text, c, raw_);
  if (!item_domains_.empty()) drop_protocol_items_at_their_domains(text);
  std::sort(raw_.begin(), raw_.end(), [](const Entity& a, const Entity& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return better(a, b);
  });
  // Greedy in text order: an overlapping entity replaces the last kept one
  // only when it is the better reading (it cannot reach further back).
  for (const Entity& e : raw_) {
    if (!cfg_.types.has(e.type)) continue;
    if (out.empty() || e.begin >= out.back().end) {
      out.push_back(e);
    } else if (better(e, out.back())) {
      out.back() = e;
    }
  }
}

}  // namespace dpk::pii
