// validators.h — exact checks that turn a candidate span into an entity or
// reject it. Each takes the whole text and a candidate span, because
// boundaries matter: a card number inside a longer digit run is not a card.
// Each returns the exact span of the value, or nullopt.
#pragma once

#include <optional>
#include <string_view>

#include "pii_types.h"

namespace dpk::pii {

struct Span {
  uint32_t begin;
  uint32_t end;
};

// Plain checksums and ranges, exposed for tests.
bool luhn_valid(std::string_view digits);
bool iban_checksum_valid(std::string_view compact);  // "DE89370400440532013000"
int iban_length_for_country(std::string_view cc);    // 0 when unknown
bool ipv4_valid(std::string_view s);
bool ipv6_valid(std::string_view s);
bool card_prefix_valid(std::string_view digits);
double shannon_entropy(std::string_view s);          // bits per byte

std::optional<Span> validate_email(std::string_view text, Span c);
std::optional<Span> validate_url_credentials(std::string_view text, Span c);
std::optional<Span> validate_credit_card(std::string_view text, Span c);
std::optional<Span> validate_ssn(std::string_view text, Span c);
std::optional<Span> validate_ipv4(std::string_view text, Span c);
std::optional<Span> validate_ipv6(std::string_view text, Span c);
std::optional<Span> validate_mac(std::string_view text, Span c);
std::optional<Span> validate_iban(std::string_view text, Span c);
// Fixed-format tokens: the candidate is the token; only boundaries are checked.
std::optional<Span> validate_token(std::string_view text, Span c);
// `api_key = "..."`: the value after the assignment, if long and random enough.
std::optional<Span> validate_secret_assignment(std::string_view text, Span c, double min_entropy,
                                               size_t min_length);
// AWS secret keys: the 40-character value at the end of the candidate.
std::optional<Span> validate_aws_secret(std::string_view text, Span c);

}  // namespace dpk::pii
