#include "candidate_patterns.h"

#include <array>

namespace dpk::pii {
namespace {

using P = PatternId;
using T = PiiType;
using S = StartRule;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool digit_run_byte(char c) {
  return is_digit(c) || c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
}
constexpr bool domain_byte(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
}
constexpr bool at_sign(char c) { return c == '@'; }

constexpr PiiTypeSet one(T t) { return PiiTypeSet::of(t); }
// One digit run serves four types: their validators read the run.
constexpr PiiTypeSet kDigitTypes =
    PiiTypeSet::of(T::kPhone).with(T::kCreditCard).with(T::kUsSsn).with(T::kIpAddress);

// Repetition bounds stay modest: Hyperscan tracks the start of match of the
// kTracked patterns, and wide bounded repeats cost it state.
constexpr std::array<CandidatePattern, kPatternCount> kPatterns = {{
    // The domain after '@'; the local part is read back from the '@'.
    {P::kEmail, one(T::kEmail), R"(@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+)", false, S::kRunClass, domain_byte, at_sign},
    {P::kUrlCredentials, one(T::kUrlCredentials), R"([A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]+:[^\s/?#@]+@)", false},
    // Digits with the separators numbers are written with.
    {P::kDigitRun, kDigitTypes, R"(\d[\d \-./()]{5,}\d)", false, S::kRunClass, digit_run_byte, is_digit},
    {P::kIpv6, one(T::kIpAddress), R"([0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]{1,40})", false},
    {P::kMacColon, one(T::kMacAddress), R"([0-9A-Fa-f]{2}([:\-][0-9A-Fa-f]{2}){5})", false},
    {P::kMacDot, one(T::kMacAddress), R"([0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})", false},
    // Caseless: IBANs are also written in small letters; the validator
    // wants one case throughout.
    {P::kIban, one(T::kIban), R"([A-Z]{2}\d{2} ?[A-Z0-9]{4}( ?[A-Z0-9]{1,4}){2,8})", true},
    {P::kAwsKeyId, one(T::kSecret), R"((AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})", false},
    {P::kAwsSecretKey, one(T::kSecret), R"(aws_?(secret)?_?(access)?_?key["']?\s*[:=]+\s*["']?[A-Za-z0-9/+]{40})", true},
    {P::kGithubToken, one(T::kSecret), R"(gh[pousr]_[A-Za-z0-9]{36})", false},
    {P::kGithubPat, one(T::kSecret), R"(github_pat_[A-Za-z0-9_]{40})", false},
    {P::kGitlabToken, one(T::kSecret), R"(glpat-[A-Za-z0-9_\-]{20})", false},
    {P::kSlackToken, one(T::kSecret), R"(xox[abposr]-[A-Za-z0-9\-]{10,})", false},
    {P::kSlackWebhook, one(T::kSecret), R"(hooks\.slack\.com/services/[A-Za-z0-9_/]{20,})", false},
    {P::kStripeKey, one(T::kSecret), R"((sk|rk)_(live|test)_[A-Za-z0-9]{16,})", false},
    {P::kGoogleApiKey, one(T::kSecret), R"(AIza[0-9A-Za-z_\-]{35})", false},
    {P::kPrivateKeyBlock, one(T::kSecret), R"(-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----)", false, S::kBeginLine},
    {P::kJwt, one(T::kSecret), R"(eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,})", false},
    // A key name, an assignment, an optional quote: the value is read in code.
    {P::kSecretAssignment, one(T::kSecret),
     R"(((api|access|auth|secret|private|client)[_\-]?(key|token|secret)|secret|token|passw(or)?d|pwd)[A-Za-z0-9_\-]{0,24}["']?\s{0,3}(:=|=>|[:=])\s{0,3}["']?[A-Za-z0-9_\-+/=.~]{8})",
     true},
}};

}  // namespace

std::span<const CandidatePattern> candidate_patterns() { return kPatterns; }

}  // namespace dpk::pii
