// phone_finder.h — phone numbers inside a candidate span, by libphonenumber.
//
// The candidate pass proposes runs of digits and separators; libphonenumber's
// matcher (leniency VALID: the number must be valid for its region, and
// dates, times and page ranges are excluded) finds the numbers in that run,
// for each region of --regions. Numbers in +international format are found
// whatever the regions. Cheap checks run first: most digit runs are not
// phones (years, prices, dates, versions, ids inside longer digit runs;
// time stamps, build stamps, ZIP+4 codes and identifiers of technical text,
// technical_context.h).
// An extension after the run ("x346", " ext. 12") joins the span of the
// number that ends the run; the number itself is read without it.
//
// The matcher costs about 150 microseconds a window (ICU regular
// expressions), so a fast path decides the plain cases without it: a window
// of digit groups (no '+', no '/') whose digits read as no valid number in
// any group-aligned part (kNone), or as one valid national number as a whole
// (kWhole). Validity is libphonenumber's own IsValidNumber on the number
// built from the digits (no parsing), a few microseconds. Everything else
// (international format, trunk or country-code prefixes it cannot rule on,
// numbers inside a longer window, regions not checked against the matcher)
// goes to the matcher as before. A verify mode runs the matcher on every
// window and counts where the fast path disagrees (tests). International
// numbers (+CC) take the fast path in any region.
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

  // What the fast path says of a window for region `r` (an index into the
  // regions): no number, the whole window is one number, or ask the matcher.
  enum class FastVerdict : uint8_t { kNone, kWhole, kUnsure };
  FastVerdict fast_verdict(std::string_view window, size_t r) const;

  struct Stats {
    uint64_t fast_none = 0, fast_whole = 0, matcher_runs = 0, disagreements = 0;
  };
  // Verify mode: the matcher also runs where the fast path decided, and the
  // cases where they differ are counted (the matcher's answer is kept).
  void set_verify(bool on) { verify_ = on; }
  const Stats& stats() const { return stats_; }

  // True when `s` has the shape of a date or a version ("2024-01-31",
  // "31.01.2024", "1.2.3.4"): such runs are never phones.
  static bool looks_like_date_or_version(std::string_view s);
  static bool looks_like_decimal_or_years(std::string_view s);
  static bool is_year(std::string_view s);
  static bool looks_like_amount_or_id(std::string_view s);
  static bool looks_like_other_identifier(std::string_view s);
  static bool follows_account_prefix(std::string_view text, uint32_t begin);
  // The end of an extension ("x346", " ext. 12", " #12") that starts at
  // text[pos], or pos when none does.
  static uint32_t extension_end(std::string_view text, uint32_t pos);

 private:
  static constexpr uint32_t kMaxWindow = 48;
  void find_in_run(std::string_view text, Span c, std::vector<Span>& out);
  void find_in_window(std::string_view text, Span c, std::vector<Span>& out);

  // Does `digits` read as a valid number of region r, or as something only
  // the matcher can rule on (kUnsure)? Not kWhole: the caller decides that.
  FastVerdict read_digits(std::string_view digits, size_t r) const;
  // The same for the digits after a '+': country code, then the number.
  FastVerdict read_international(std::string_view digits) const;
  void add_phone(std::string_view text, Span p, std::vector<Span>& out) const;

  struct RegionInfo {
    int country_code = 0;
    std::string country_code_digits;
    char national_prefix = 0;    // trunk prefix ('0', '1' for NANPA), or 0
    bool has_national_prefix = false;  // some trunk prefix, of any length
    uint32_t nsn_lengths = 0;    // bit L: some number of the country code has an NSN of L digits
    bool fast = false;           // region checked against the matcher (see fast_verdict)
  };

  static constexpr size_t kMemoEntries = 4096;
  std::vector<std::string> regions_;
  std::vector<RegionInfo> info_;
  std::vector<char> trunk_;  // per region: the trunk prefix a national number must start with, or 0
  bool verify_ = false;
  Stats stats_;
  std::vector<Span> found_;  // one matcher run
  std::string window_;
  // Window text -> phones found in it (offsets within the window).
  std::unordered_map<std::string, std::vector<Span>> memo_;
};

}  // namespace dpk::pii
