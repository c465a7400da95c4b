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
  kDigitRun,
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

// How the pass finds where a candidate starts. Hyperscan's start-of-match
// tracking is costly for patterns that open with a wide class, so those
// report ends only and the start is found by scanning back over `run_class`.
enum class StartRule : uint8_t {
  kTracked,    // start of match tracked by the engine
  kRunClass,   // maximal run of run_class bytes ending at the match end
  kBeginLine,  // the "-----BEGIN" that opens the marker
};

struct CandidatePattern {
  PatternId id;
  PiiTypeSet types;  // types this pattern proposes candidates for
  std::string_view regex;
  bool caseless;
  StartRule start = StartRule::kTracked;
  // kRunClass: the bytes of a run; its first byte must be `run_first`.
  bool (*run_class)(char) = nullptr;
  bool (*run_first)(char) = nullptr;
};
inline constexpr int kPatternCount = 19;

std::span<const CandidatePattern> candidate_patterns();

}  // namespace dpk::pii
