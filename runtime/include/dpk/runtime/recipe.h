// dpk/runtime/recipe.h — YAML recipes: input, output, common options and a
// list of steps, each a transform name with the same options as its command
// line. Errors name the recipe file and line.
//
//   input: testdata/web/sample.jsonl
//   output: out/quickstart/
//   threads: 2
//   steps:
//     - docid: {mode: hash}
//     - select: {where: ['lang == "en"'], min-words: 20}
#pragma once

#include <string>
#include <vector>

#include "dpk/runtime/pipeline.h"

namespace dpk::runtime {

// Loads a recipe into a plan. `overrides` are common options from the command
// line (they win over the recipe's); `inputs`, when not empty, replace its input.
StatusOr<RunPlan> load_recipe(const std::string& path, const OptionValues& overrides,
                              const std::vector<std::string>& inputs);

}  // namespace dpk::runtime
