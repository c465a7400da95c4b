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
  // The option's former name, when it was renamed (docs/cli-conventions.md):
  // still accepted on the command line and in recipes, mapped to `name`,
  // with one warning per run. Help and man pages show "formerly --OLD".
  std::string_view formerly = {};
};

// `spec` under its new name, still answering to `old_name`:
//   dpk::renamed("keep", {"langs", dpk::OptionType::kList, "", "Languages to keep."})
inline OptionSpec renamed(std::string_view old_name, OptionSpec spec) {
  spec.formerly = old_name;
  return spec;
}

// The spec answering to `name`: its own name or, when `old_name_used` is
// given, its former one (then *old_name_used is set). Null when none does.
const OptionSpec* find_option(const std::vector<OptionSpec>& specs, std::string_view name,
                              bool* old_name_used = nullptr);

// " (did you mean --NAME?)" for a misspelt option, comparing `word` with the
// names and former names of `specs` plus `extra` names; a former name found
// is suggested by its new name.
std::string suggest_option(std::string_view word, const std::vector<const std::vector<OptionSpec>*>& specs,
                           std::vector<std::string> extra = {}, std::string_view prefix = "--",
                           std::string_view suffix = "");

// A former option name was used: queues the warning "WHERE: option OLD is
// deprecated; use NEW" (once per process for each message), to be printed by
// the command with take_option_warnings().
void note_former_name(const std::string& where, std::string_view old_spelled, std::string_view new_spelled);
// The queued warnings, oldest first; the queue is left empty.
std::vector<std::string> take_option_warnings();

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
  // Moves the values given under `from` to `to`.
  void rename(const std::string& from, const std::string& to) {
    auto node = values_.extract(from);
    if (node.empty()) return;
    node.key() = to;
    values_.insert(std::move(node));
  }
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

// Values given under a former option name move to the current one, each
// noted with note_former_name (WHERE prefixes it). Giving both names is a
// usage error. validate_options() does this first; a caller that reads
// values before validating them calls it itself.
Status rename_former_options(const std::vector<OptionSpec>& specs, OptionValues& values, const std::string& where);

// Parses "64M" / "1.5G" / "1000". False when malformed.
bool parse_size(std::string_view s, uint64_t& out);
// Parses "250ms" / "1s" / "1.5" (seconds) / "2m" / "1h" into seconds. False
// when malformed or negative.
bool parse_duration(std::string_view s, double& seconds);

}  // namespace dpk
