#include "pii_types.h"

namespace dpk::pii {
namespace {
constexpr std::array<std::string_view, kPiiTypeCount> kNames = {
    "EMAIL", "PHONE", "IP_ADDRESS", "CREDIT_CARD", "IBAN", "US_SSN", "URL_CREDENTIALS", "SECRET",
    "MAC_ADDRESS"};
constexpr std::array<std::string_view, kPiiTypeCount> kReasons = {
    "pii:EMAIL", "pii:PHONE", "pii:IP_ADDRESS", "pii:CREDIT_CARD", "pii:IBAN", "pii:US_SSN",
    "pii:URL_CREDENTIALS", "pii:SECRET", "pii:MAC_ADDRESS"};
}  // namespace

std::string_view pii_type_name(PiiType t) { return kNames[static_cast<int>(t)]; }
std::string_view pii_drop_reason(PiiType t) { return kReasons[static_cast<int>(t)]; }

std::optional<PiiType> parse_pii_type(std::string_view name) {
  for (int i = 0; i < kPiiTypeCount; ++i) {
    if (kNames[i] == name) return static_cast<PiiType>(i);
  }
  return std::nullopt;
}

}  // namespace dpk::pii
