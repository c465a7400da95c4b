#include "stale_temporaries.h"

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>

namespace dpk::runtime {
namespace fs = std::filesystem;

namespace {

std::optional<pid_t> parse_pid(std::string_view digits) {
  if (digits.empty() || digits.size() > 10) return std::nullopt;
  long v = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || v <= 0) return std::nullopt;
  return static_cast<pid_t>(v);
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::optional<pid_t> temporary_owner(std::string_view name, std::string_view final_name) {
  constexpr std::string_view kTmp = ".tmp-";
  if (final_name.empty() || name.size() <= final_name.size() + kTmp.size()) return std::nullopt;
  if (name.substr(0, final_name.size()) != final_name) return std::nullopt;
  if (name.substr(final_name.size(), kTmp.size()) != kTmp) return std::nullopt;
  return parse_pid(name.substr(final_name.size() + kTmp.size()));
}

bool process_alive(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

size_t remove_stale_temporaries(const std::vector<std::string>& final_paths) {
  // One listing per folder, however many files it holds.
  std::map<std::string, std::set<std::string>> by_folder;
  for (const auto& p : final_paths) {
    if (p.empty() || p == "-") continue;
    fs::path path(p);
    by_folder[path.parent_path().string()].insert(path.filename().string());
  }
  size_t removed = 0;
  for (const auto& [folder, names] : by_folder) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder.empty() ? "." : folder, ec)) {
      const std::string name = e.path().filename().string();
      const size_t at = name.rfind(".tmp-");
      if (at == std::string::npos || names.count(name.substr(0, at)) == 0) continue;
      auto pid = temporary_owner(name, name.substr(0, at));
      if (!pid || process_alive(*pid)) continue;
      std::error_code rm;
      if (e.is_regular_file(rm) && fs::remove(e.path(), rm)) ++removed;
    }
  }
  return removed;
}

size_t remove_stale_spools(const std::string& records_dir) {
  size_t removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(records_dir, ec)) {
    const std::string name = e.path().filename().string();
    // spool-PID-PASS, as the pipeline names them.
    if (name.rfind("spool-", 0) != 0) continue;
    const size_t dash = name.find('-', 6);
    if (dash == std::string::npos || !all_digits(std::string_view(name).substr(dash + 1))) continue;
    auto pid = parse_pid(std::string_view(name).substr(6, dash - 6));
    if (!pid || process_alive(*pid)) continue;
    std::error_code rm;
    if (e.is_directory(rm) && !e.is_symlink(rm) && fs::remove_all(e.path(), rm) > 0) ++removed;
  }
  return removed;
}

}  // namespace dpk::runtime
