#include "dpk/options.h"

#include <charconv>
#include <cmath>

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

}  // namespace

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
  for (const auto& [name, given] : values.all()) {
    const OptionSpec* spec = nullptr;
    for (const auto& s : specs) {
      if (s.name == name) spec = &s;
    }
    if (spec == nullptr) return Status::Usage(where + "unknown option '" + name + "'");
    for (const auto& v : given) {
      const std::string bad = where + "option '" + name + "': invalid value '" + v + "'";
      int64_t i;
      double d;
      bool b;
      uint64_t z;
      switch (spec->type) {
        case OptionType::kFlag:
          if (!parse_flag(v, b)) return Status::Usage(bad + " (expected true or false)");
          break;
        case OptionType::kInt:
          if (!parse_int(v, i)) return Status::Usage(bad + " (expected an integer)");
          break;
        case OptionType::kDouble:
          if (!parse_double(v, d)) return Status::Usage(bad + " (expected a number)");
          break;
        case OptionType::kSize:
          if (!parse_size(v, z)) return Status::Usage(bad + " (expected a size such as 64M)");
          break;
        case OptionType::kChoice:
          if (!in_choices(spec->choices, v)) {
            return Status::Usage(bad + " (expected " + std::string(spec->choices) + ")");
          }
          break;
        case OptionType::kString:
        case OptionType::kList:
          break;
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
