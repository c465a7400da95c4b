#include "candidate_patterns.h"

#include <array>

namespace dpk::pii {
namespace {

using P = PatternId;
using T = PiiType;

// Repetition bounds stay modest: Hyperscan must track start-of-match for every
// pattern, and wide bounded repeats cost it state.
constexpr std::array<CandidatePattern, 22> kPatterns = {{
    {P::kEmail, T::kEmail, R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)", false},
    {P::kUrlCredentials, T::kUrlCredentials, R"([A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]+:[^\s/?#@]+@)", false},
    {P::kCardDigits, T::kCreditCard, R"(\d([ \-]?\d){12,18})", false},
    {P::kSsn, T::kUsSsn, R"(\d{3}[ \-]\d{2}[ \-]\d{4})", false},
    // Digits with the separators phone numbers use; libphonenumber decides.
    {P::kPhoneDigits, T::kPhone, R"([+(]?\d[\d \-./()]{5,}\d)", false},
    {P::kIpv4, T::kIpAddress, R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})", false},
    {P::kIpv6, T::kIpAddress, R"([0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,40})", false},
    {P::kMacColon, T::kMacAddress, R"([0-9A-Fa-f]{2}([:\-][0-9A-Fa-f]{2}){5})", false},
    {P::kMacDot, T::kMacAddress, R"([0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})", false},
    {P::kIban, T::kIban, R"([A-Z]{2}\d{2} ?[A-Z0-9]{4}( ?[A-Z0-9]{1,4}){2,8})", false},
    {P::kAwsKeyId, T::kSecret, R"((AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})", false},
    {P::kAwsSecretKey, T::kSecret, R"(aws_?(secret)?_?(access)?_?key["']?\s*[:=]+\s*["']?[A-Za-z0-9/+]{40})", true},
    {P::kGithubToken, T::kSecret, R"(gh[pousr]_[A-Za-z0-9]{36})", false},
    {P::kGithubPat, T::kSecret, R"(github_pat_[A-Za-z0-9_]{40})", false},
    {P::kGitlabToken, T::kSecret, R"(glpat-[A-Za-z0-9_\-]{20})", false},
    {P::kSlackToken, T::kSecret, R"(xox[abposr]-[A-Za-z0-9\-]{10,})", false},
    {P::kSlackWebhook, T::kSecret, R"(hooks\.slack\.com/services/[A-Za-z0-9_/]{20,})", false},
    {P::kStripeKey, T::kSecret, R"((sk|rk)_(live|test)_[A-Za-z0-9]{16,})", false},
    {P::kGoogleApiKey, T::kSecret, R"(AIza[0-9A-Za-z_\-]{35})", false},
    {P::kPrivateKeyBlock, T::kSecret, R"(-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----)", false},
    {P::kJwt, T::kSecret, R"(eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,})", false},
    // A key name, an assignment, an optional quote: the value is read in code.
    {P::kSecretAssignment, T::kSecret,
     R"(((api|access|auth|secret|private|client)[_\-]?(key|token|secret)|secret|token|passw(or)?d|pwd)[A-Za-z0-9_\-]{0,24}["']?\s{0,3}(:=|=>|[:=])\s{0,3}["']?[A-Za-z0-9_\-+/=.~]{8})",
     true},
}};

}  // namespace

std::span<const CandidatePattern> candidate_patterns() { return kPatterns; }

}  // namespace dpk::pii
