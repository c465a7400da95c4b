// phone_finder.h — phone numbers inside a candidate span, by libphonenumber.
//
// The candidate pass proposes runs of digits and separators; libphonenumber's
// matcher (leniency VALID: the number must be valid for its region, and
// dates, times and page ranges are excluded) finds the numbers in that run,
// for each region of --regions. Numbers in +international format are found
// whatever the regions. Cheap checks run first: most digit runs are not
// phones (years, prices, dates, versions, ids inside longer digit runs).
#pragma once

#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "validators.h"

namespace dpk::pii {

class PhoneFinder {
 public:
  explicit PhoneFinder(std::vector<std::string> regions);
  // Appends the phone numbers found in text[c.begin, c.end) to `out`.
  void find(std::string_view text, Span c, std::vector<Span>& out);

  // True when `s` has the shape of a date or a version ("2024-01-31",
  // "31.01.2024", "1.2.3.4"): such runs are never phones.
  static bool looks_like_date_or_version(std::string_view s);
  static bool looks_like_decimal_or_years(std::string_view s);
  static bool is_year(std::string_view s);
  static bool looks_like_amount_or_id(std::string_view s);
  static bool looks_like_other_identifier(std::string_view s);
  static bool follows_account_prefix(std::string_view text, uint32_t begin);

 private:
  static constexpr uint32_t kMaxWindow = 48;
  void find_in_window(std::string_view text, Span c, std::vector<Span>& out);

  static constexpr size_t kMemoEntries = 4096;
  std::vector<std::string> regions_;
  std::vector<char> trunk_;  // per region: the trunk prefix a national number must start with, or 0
  std::string window_;
  // Window text -> phones found in it (offsets within the window).
  std::unordered_map<std::string, std::vector<Span>> memo_;
};

}  // namespace dpk::pii
