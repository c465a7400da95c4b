#include "dpk/runtime/shipped_recipes.h"

#include <algorithm>
#include <filesystem>

#include "dpk/name_suggestion.h"

namespace dpk::runtime {
namespace fs = std::filesystem;

namespace {

fs::path share_dir() {
  std::error_code ec;
  const fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path().parent_path() / "share" / "dpk";
}

bool is_name(const std::string& arg) {
  if (arg.empty() || arg.find('/') != std::string::npos || arg == "-") return false;
  const std::string ext = fs::path(arg).extension().string();
  if (ext == ".yaml" || ext == ".yml") return false;
  std::error_code ec;
  return !fs::exists(arg, ec);
}

}  // namespace

std::string shipped_recipes_dir() { return (share_dir() / "recipes").string(); }

std::vector<std::string> shipped_recipe_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(shipped_recipes_dir(), ec)) {
    if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

StatusOr<ShippedRecipe> find_shipped_recipe(const std::string& arg) {
  if (!is_name(arg)) return ShippedRecipe{};
  const fs::path path = fs::path(shipped_recipes_dir()) / (arg + ".yaml");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    const auto names = shipped_recipe_names();
    std::string hint = did_you_mean(arg, names);
    if (hint.empty() && !names.empty()) {
      for (const auto& n : names) hint += (hint.empty() ? " (there: " : ", ") + n;
      hint += ")";
    }
    return Status::Usage("no recipe file '" + arg + "' here and no recipe of that name in " + shipped_recipes_dir() +
                         hint);
  }
  return ShippedRecipe{path.string(), share_dir().string()};
}

void use_shipped_inputs(const ShippedRecipe& recipe, RunPlan& plan) {
  if (recipe.path.empty()) return;
  for (auto& input : plan.config.inputs) {
    if (input != "-" && fs::path(input).is_relative()) input = (fs::path(recipe.data_root) / input).string();
  }
}

}  // namespace dpk::runtime
