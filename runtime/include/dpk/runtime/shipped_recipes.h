// dpk/runtime/shipped_recipes.h — the recipes that come with dpk, run by name.
//
// `dpk run quickstart` (and `dpk slurm quickstart ...`) runs PREFIX/share/dpk/recipes/quickstart.yaml, where
// PREFIX is the folder above the running dpk's bin/ (an installed /usr or
// /opt/dpk; a build tree's build/, whose share/dpk/ links to the sources). A
// shipped recipe's relative input paths name the sample data shipped beside
// it, under PREFIX/share/dpk/; everything it writes stays relative to the
// current folder, as for any recipe. A name is a word without '/' and
// without .yaml/.yml that is no file in the current folder.
//
//   auto shipped = dpk::runtime::find_shipped_recipe("quickstart");
//   // shipped->path: /usr/share/dpk/recipes/quickstart.yaml
//   // shipped->data_root: /usr/share/dpk
#pragma once

#include <string>
#include <vector>

#include "dpk/runtime/pipeline.h"
#include "dpk/status.h"

namespace dpk::runtime {

struct ShippedRecipe {
  std::string path;       // "" when the argument is a path, not a name
  std::string data_root;  // relative inputs of the recipe are below this
};

// The folder of the shipped recipes (PREFIX/share/dpk/recipes).
std::string shipped_recipes_dir();
// Their names, sorted (NAME of NAME.yaml).
std::vector<std::string> shipped_recipe_names();

// For a recipe argument: a path (path "" in the result) or the name of a
// shipped recipe. A name that is none is a usage error listing those there are.
StatusOr<ShippedRecipe> find_shipped_recipe(const std::string& arg);

// Makes the plan's relative inputs (from a shipped recipe, not the command
// line) relative to the recipe's data root.
void use_shipped_inputs(const ShippedRecipe& recipe, RunPlan& plan);

}  // namespace dpk::runtime
