// validators.h — exact checks that turn a candidate span into an entity or
// reject it. Each takes the whole text and a candidate span, because
// boundaries matter: a card number inside a longer digit run is not a card.
// Each returns the exact span of the value, or nullopt.
#pragma once

#include <cstdint>
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
// How a card number's issuer range (its IIN, the leading digits) and length
// admit it. The table in validators.cpp follows the published IIN ranges.
enum class CardIssuerRule : uint8_t {
  kNone,   // no issuer range holds numbers of this prefix and length
  kShape,  // an issuer range and length: a card on its own (with Luhn)
  kNamed,  // a short Maestro length (12-15) or a wide Maestro range (50,
           // 56-69, 0604): a card only where a card word comes just before it
};
CardIssuerRule card_issuer_rule(std::string_view digits);
// A card word ("card", "credit", "cc", "Karte", "tarjeta" ...) in the 32
// bytes before `begin`, and no "Aadhaar" (12-digit ids written as cards).
bool card_named_before(std::string_view text, uint32_t begin);
double shannon_entropy(std::string_view s);          // bits per byte

std::optional<Span> validate_email(std::string_view text, Span c);
// The same shape when it names a protocol item (protocol_names.h), which
// validate_email turns down: "limits@openssh.com extension".
std::optional<Span> protocol_item_name(std::string_view text, Span c);
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
