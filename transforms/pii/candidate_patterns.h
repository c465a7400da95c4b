// candidate_patterns.h — the loose patterns that propose candidate spans in
// one multi-pattern pass. They are deliberately wider than the values they
// stand for: exact validators (validators.h, phone_finder.h) decide after.
// Every pattern uses the syntax common to Hyperscan and RE2 (no lookaround,
// no backreferences); boundaries are checked in code.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "pii_types.h"

namespace dpk::pii {

enum class PatternId : uint16_t {
  kEmail,
  kUrlCredentials,
  kCardDigits,
  kSsn,
  kPhoneDigits,
  kIpv4,
  kIpv6,
  kMacColon,
  kMacDot,
  kIban,
  kAwsKeyId,
  kAwsSecretKey,
  kGithubToken,
  kGithubPat,
  kGitlabToken,
  kSlackToken,
  kSlackWebhook,
  kStripeKey,
  kGoogleApiKey,
  kPrivateKeyBlock,
  kJwt,
  kSecretAssignment,
};

struct CandidatePattern {
  PatternId id;
  PiiType type;
  std::string_view regex;
  bool caseless;
};

std::span<const CandidatePattern> candidate_patterns();

}  // namespace dpk::pii
