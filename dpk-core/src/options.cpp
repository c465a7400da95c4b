#include "dpk/options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <set>

#include "dpk/name_suggestion.h"

namespace dpk {

std::string_view option_type_name(OptionType t) {
  switch (t) {
    case OptionType::kFlag: return "flag";
    case OptionType::kInt: return "integer";
    case OptionType::kDouble: return "number";
    case OptionType::kString: return "string";
    case OptionType::kChoice: return "choice";
    case OptionType::kList: return "list";
    case OptionType::kSize: return "size";
    case OptionType::kDuration: return "duration";
  }
  return "?";
}

namespace {

bool parse_int(std::string_view s, int64_t& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
}

bool parse_double(std::string_view s, double& v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty() && std::isfinite(v);
}

bool parse_flag(std::string_view s, bool& v) {
  if (s == "true" || s == "1" || s == "yes" || s == "on") return v = true, true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return v = false, true;
  return false;
}

bool in_choices(std::string_view choices, std::string_view v) {
  size_t start = 0;
  while (start <= choices.size()) {
    size_t bar = choices.find('|', start);
    if (bar == std::string_view::npos) bar = choices.size();
    if (choices.substr(start, bar - start) == v) return true;
    start = bar + 1;
  }
  return false;
}

const std::string& last(const std::map<std::string, std::vector<std::string>>& m,
                        const std::string& name) {
  static const std::string kEmpty;
  auto it = m.find(name);
  if (it == m.end() || it->second.empty()) return kEmpty;
  return it->second.back();
}

// A bound as text: an integer for integer options, a size with its
// largest exact suffix for sizes, the shortest form for numbers.
std::string bound_text(OptionType type, double v) {
  char buf[64];
  if (type == OptionType::kSize) {
    const char* suffix[] = {"", "K", "M", "G", "T"};
    int k = 0;
    while (k < 4 && v >= 1024 && std::fmod(v, 1024) == 0) {
      v /= 1024;
      ++k;
    }
    std::snprintf(buf, sizeof buf, "%.0f%s", v, suffix[k]);
  } else if (type == OptionType::kDuration) {
    std::snprintf(buf, sizeof buf, "%gs", v);
  } else if (type == OptionType::kInt) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

}  // namespace

const OptionSpec* find_option(const std::vector<OptionSpec>& specs, std::string_view name, bool* old_name_used) {
  for (const auto& s : specs) {
    if (s.name == name) return &s;
  }
  if (old_name_used == nullptr) return nullptr;
  for (const auto& s : specs) {
    if (!s.formerly.empty() && s.formerly == name) {
      *old_name_used = true;
      return &s;
    }
  }
  return nullptr;
}

std::string suggest_option(std::string_view word, const std::vector<const std::vector<OptionSpec>*>& specs,
                           std::vector<std::string> extra, std::string_view prefix, std::string_view suffix) {
  std::vector<std::string> names = std::move(extra);
  for (const auto* set : specs) {
    for (const auto& s : *set) names.emplace_back(s.name);
  }
  for (const auto* set : specs) {
    for (const auto& s : *set) {
      if (!s.formerly.empty()) names.emplace_back(s.formerly);
    }
  }
  // A former name that comes close is suggested by the name it has now.
  std::vector<std::string> found;
  for (std::string n : similar_names(word, names)) {
    for (const auto* set : specs) {
      for (const auto& s : *set) {
        if (!s.formerly.empty() && s.formerly == n && find_option(*set, n) == nullptr) n = std::string(s.name);
      }
    }
    if (std::find(found.begin(), found.end(), n) == found.end()) found.push_back(n);
  }
  return suggestion_text(found, prefix, suffix);
}

namespace {
std::mutex warnings_mutex;
std::set<std::string> warnings_given;
std::vector<std::string> warnings_queued;
}  // namespace

void note_former_name(const std::string& where, std::string_view old_spelled, std::string_view new_spelled) {
  // Once per run for each renamed option, at the first place it was used.
  std::string what = "option " + std::string(old_spelled) + " is deprecated; use " + std::string(new_spelled);
  std::lock_guard lock(warnings_mutex);
  if (warnings_given.insert(what).second) warnings_queued.push_back(where + what);
}

std::vector<std::string> take_option_warnings() {
  std::lock_guard lock(warnings_mutex);
  std::vector<std::string> out;
  out.swap(warnings_queued);
  return out;
}

std::string option_range_text(const OptionSpec& spec) {
  if (spec.min && spec.max) return bound_text(spec.type, *spec.min) + " to " + bound_text(spec.type, *spec.max);
  if (spec.min) return bound_text(spec.type, *spec.min) + " or more";
  if (spec.max) return "at most " + bound_text(spec.type, *spec.max);
  return "";
}

std::string expected_value(const OptionSpec& spec) {
  std::string range = option_range_text(spec);
  if (!range.empty()) range = (spec.min && spec.max ? " from " : ", ") + range;
  switch (spec.type) {
    case OptionType::kFlag: return "true or false";
    case OptionType::kInt: return "an integer" + range;
    case OptionType::kDouble: return "a number" + range;
    case OptionType::kSize: return "a size such as 64M" + range;
    case OptionType::kDuration: return "a duration such as 1s or 250ms" + range;
    case OptionType::kChoice: return "one of " + std::string(spec.choices);
    case OptionType::kString: return "a text value";
    case OptionType::kList: return "a list of values";
  }
  return "?";
}

bool parse_size(std::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  double mult = 1;
  char suffix = s.back();
  if (suffix == 'B' || suffix == 'b') {
    s.remove_suffix(1);
    if (s.empty()) return false;
    suffix = s.back();
  }
  switch (suffix) {
    case 'k': case 'K': mult = 1024.0; break;
    case 'm': case 'M': mult = 1024.0 * 1024; break;
    case 'g': case 'G': mult = 1024.0 * 1024 * 1024; break;
    case 't': case 'T': mult = 1024.0 * 1024 * 1024 * 1024; break;
    default: mult = 0;
  }
  if (mult != 0) s.remove_suffix(1); else mult = 1;
  double v;
  if (!parse_double(s, v) || v < 0) return false;
  out = static_cast<uint64_t>(v * mult);
  return true;
}

bool parse_duration(std::string_view s, double& seconds) {
  double unit = 1;
  if (s.size() > 2 && s.substr(s.size() - 2) == "ms") {
    unit = 0.001;
    s.remove_suffix(2);
  } else if (!s.empty() && (s.back() == 's' || s.back() == 'm' || s.back() == 'h')) {
    unit = s.back() == 's' ? 1 : s.back() == 'm' ? 60 : 3600;
    s.remove_suffix(1);
  }
  double v;
  if (!parse_double(s, v) || v < 0) return false;
  seconds = v * unit;
  return true;
}

Status rename_former_options(const std::vector<OptionSpec>& specs, OptionValues& values, const std::string& where) {
  std::vector<std::pair<std::string, std::string>> renames;
  for (const auto& [name, given] : values.all()) {
    bool old = false;
    const OptionSpec* spec = find_option(specs, name, &old);
    if (spec != nullptr && old) renames.emplace_back(name, spec->name);
  }
  for (const auto& [old_name, new_name] : renames) {
    if (values.has(new_name)) {
      return Status::Usage(where + "option '" + old_name + "' is the former name of '" + new_name +
                           "': give one of them");
    }
    values.rename(old_name, new_name);
    note_former_name(where, "'" + old_name + "'", "'" + new_name + "'");
  }
  return Status::Ok();
}

std::string OptionValues::get_string(const std::string& name) const { return last(values_, name); }

int64_t OptionValues::get_int(const std::string& name) const {
  int64_t v = 0;
  parse_int(last(values_, name), v);
  return v;
}

double OptionValues::get_double(const std::string& name) const {
  double v = 0;
  parse_double(last(values_, name), v);
  return v;
}

bool OptionValues::get_flag(const std::string& name) const {
  bool v = false;
  parse_flag(last(values_, name), v);
  return v;
}

uint64_t OptionValues::get_size(const std::string& name) const {
  uint64_t v = 0;
  parse_size(last(values_, name), v);
  return v;
}

double OptionValues::get_duration(const std::string& name) const {
  double v = 0;
  parse_duration(last(values_, name), v);
  return v;
}

std::vector<std::string> OptionValues::get_list(const std::string& name) const {
  std::vector<std::string> items;
  auto it = values_.find(name);
  if (it == values_.end()) return items;
  for (const auto& v : it->second) {
    size_t start = 0;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      if (comma == std::string::npos) comma = v.size();
      if (comma > start) items.push_back(v.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return items;
}

Status validate_options(const std::vector<OptionSpec>& specs, OptionValues& values,
                        const std::string& where) {
  DPK_RETURN_IF_ERROR(rename_former_options(specs, values, where));
  for (const auto& [name, given] : values.all()) {
    const OptionSpec* spec = find_option(specs, name);
    if (spec == nullptr) {
      return Status::Usage(where + "unknown option '" + name + "'" + suggest_option(name, {&specs}, {}, ""));
    }
    for (const auto& v : given) {
      const std::string bad = where + "option '" + name + "': invalid value '" + v + "' (expected " +
                              expected_value(*spec) + ")";
      int64_t i;
      double number = 0;  // the value, for the range check
      bool b;
      uint64_t z;
      switch (spec->type) {
        case OptionType::kFlag:
          if (!parse_flag(v, b)) return Status::Usage(bad);
          break;
        case OptionType::kInt:
          if (!parse_int(v, i)) return Status::Usage(bad);
          number = static_cast<double>(i);
          break;
        case OptionType::kDouble:
          if (!parse_double(v, number)) return Status::Usage(bad);
          break;
        case OptionType::kSize:
          if (!parse_size(v, z)) return Status::Usage(bad);
          number = static_cast<double>(z);
          break;
        case OptionType::kDuration:
          if (!parse_duration(v, number)) return Status::Usage(bad);
          break;
        case OptionType::kChoice:
          if (!in_choices(spec->choices, v)) return Status::Usage(bad);
          break;
        case OptionType::kString:
        case OptionType::kList:
          break;
      }
      if ((spec->min && number < *spec->min) || (spec->max && number > *spec->max)) {
        return Status::Usage(where + "option '" + name + "': " + v + " is out of range (expected " +
                             expected_value(*spec) + ")");
      }
    }
  }
  for (const auto& s : specs) {
    if (!values.has(std::string(s.name)) && !s.default_value.empty()) {
      values.set(std::string(s.name), std::string(s.default_value));
    }
  }
  return Status::Ok();
}

}  // namespace dpk
