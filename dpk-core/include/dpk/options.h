// dpk/options.h — options declared once, as data.
//
// A transform lists its options as OptionSpec values. The same list builds the
// command-line parser, validates recipe steps, and writes `--help` and the man
// page. Values arrive as text (from argv or YAML) and are checked once by
// validate_options(); the transform then reads typed values.
//
//   const dpk::OptionSpec kOptions[] = {
//     {"mode", dpk::OptionType::kChoice, "hash", "how ids are made", "hash|seq"},
//     {"top", dpk::OptionType::kInt, "20", "values to report", {}, 0, "N", 1},  // min 1
//   };
//   std::string mode = values.get_string("mode");
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk {

enum class OptionType {
  kFlag,    // --name (no value); true/false in a recipe
  kInt,     // integer
  kDouble,  // number
  kString,  // any text
  kChoice,  // one of `choices` ("a|b|c")
  kList,    // repeatable; also comma-separated; a YAML list in a recipe
  kSize,    // bytes with an optional K/M/G suffix
  kDuration,  // time: a number with an optional unit ms, s, m or h (seconds without one)
};

struct OptionSpec {
  std::string_view name;
  OptionType type;
  std::string_view default_value;  // "" = unset
  std::string_view help;
  std::string_view choices = {};   // kChoice: "a|b|c"
  char short_name = 0;
  std::string_view value_name = {};  // e.g. FILE, N (for help)
  // Inclusive bounds of a kInt, kDouble or kSize value (bytes for a size);
  // unset means unbounded on that side. validate_options() rejects a value
  // outside them, naming the option and the range; help shows the range.
  std::optional<double> min = {};
  std::optional<double> max = {};
};

std::string_view option_type_name(OptionType t);

// What a value of this option must be, for messages and help: "an integer
// from 1 to 22", "a number from 0 to 1", "true or false", "one of a|b".
std::string expected_value(const OptionSpec& spec);
// The option's range as text ("1 to 22", "0 or more", "at most 9"), or ""
// when it has none.
std::string option_range_text(const OptionSpec& spec);

// Values given for a set of options, by option name, as text.
class OptionValues {
 public:
  void set(const std::string& name, std::string value) { values_[name] = {std::move(value)}; }
  void add(const std::string& name, std::string value) { values_[name].push_back(std::move(value)); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, std::vector<std::string>>& all() const { return values_; }

  // Typed access; these fall back to the declared default via apply_defaults.
  std::string get_string(const std::string& name) const;
  int64_t get_int(const std::string& name) const;
  double get_double(const std::string& name) const;
  bool get_flag(const std::string& name) const;
  uint64_t get_size(const std::string& name) const;
  // A kDuration value, in seconds.
  double get_duration(const std::string& name) const;
  // Items of a list option (comma-separated values are split).
  std::vector<std::string> get_list(const std::string& name) const;

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Checks every given value against its spec (unknown option, bad number,
// value out of the declared range, value not among the choices) and fills
// in defaults. `where` prefixes the
// message ("recipe.yaml:12: " or "").
Status validate_options(const std::vector<OptionSpec>& specs, OptionValues& values,
                        const std::string& where);

// Parses "64M" / "1.5G" / "1000". False when malformed.
bool parse_size(std::string_view s, uint64_t& out);
// Parses "250ms" / "1s" / "1.5" (seconds) / "2m" / "1h" into seconds. False
// when malformed or negative.
bool parse_duration(std::string_view s, double& seconds);

}  // namespace dpk
