// pii_types.h — the kinds of personal data and secrets dpk-pii finds, and
// one found occurrence (an entity) with its byte span.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace dpk::pii {

enum class PiiType : uint8_t {
  kEmail,
  kPhone,
  kIpAddress,
  kCreditCard,
  kIban,
  kUsSsn,
  kUrlCredentials,
  kSecret,
  kMacAddress,
};
inline constexpr int kPiiTypeCount = 9;

// "EMAIL", "PHONE", ... (the names of --types, tags and annotations).
std::string_view pii_type_name(PiiType t);
// "pii:EMAIL", ...: drop reasons that outlive the run.
std::string_view pii_drop_reason(PiiType t);
std::optional<PiiType> parse_pii_type(std::string_view name);

// A set of types, as bits.
class PiiTypeSet {
 public:
  static constexpr PiiTypeSet all() { PiiTypeSet s; s.bits_ = (1u << kPiiTypeCount) - 1; return s; }
  static constexpr PiiTypeSet of(PiiType t) { PiiTypeSet s; s.add(t); return s; }
  constexpr PiiTypeSet with(PiiType t) const { PiiTypeSet s = *this; s.add(t); return s; }
  constexpr void add(PiiType t) { bits_ |= 1u << static_cast<int>(t); }
  constexpr bool has(PiiType t) const { return (bits_ >> static_cast<int>(t)) & 1u; }
  constexpr bool intersects(PiiTypeSet o) const { return (bits_ & o.bits_) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

 private:
  uint32_t bits_ = 0;
};

// One detected value: [begin, end) in bytes of the document text.
struct Entity {
  PiiType type;
  uint32_t begin;
  uint32_t end;
};

}  // namespace dpk::pii
