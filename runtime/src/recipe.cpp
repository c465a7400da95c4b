#include "dpk/runtime/recipe.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <string_view>
#include <utility>

#include "dpk/json_writer.h"
#include "dpk/name_suggestion.h"
#include "dpk/runtime/cli.h"

namespace dpk::runtime {
namespace {

std::string where(const std::string& path, const YAML::Node& n) {
  return path + ":" + std::to_string(n.Mark().line + 1) + ": ";
}

// The option a recipe key names, and the name it goes by now: a former
// name is taken (with a warning) as the option's current one.
const OptionSpec* option_for_key(const std::vector<OptionSpec>& specs, std::string& key, const std::string& at,
                                 std::string_view step) {
  bool old = false;
  const OptionSpec* spec = find_option(specs, key, &old);
  if (spec != nullptr && old) {
    const std::string of = step.empty() ? "" : " of step " + std::string(step);
    note_former_name(at, "'" + key + "'" + of, "'" + std::string(spec->name) + "'");
    key = std::string(spec->name);
  }
  return spec;
}

// A YAML value as option text: scalars as is, the items of a list option one
// by one. The node's shape must fit the declared type: a list or a mapping
// where one value is expected is an error, never quietly flattened (an
// unknown option is left to validate_options, which names it).
Status add_value(OptionValues& values, const std::string& name, const YAML::Node& v, const std::string& at,
                 const OptionSpec* spec) {
  const std::string expected = spec != nullptr ? " (expected " + expected_value(*spec) + ")" : "";
  const bool list = spec == nullptr || spec->type == OptionType::kList;
  if (v.IsScalar()) {
    values.add(name, v.Scalar());
  } else if (v.IsSequence()) {
    if (!list) return Status::Usage(at + "option '" + name + "': got a list" + expected);
    for (const auto& item : v) {
      if (!item.IsScalar()) return Status::Usage(at + "option '" + name + "': list items must be scalars");
      values.add(name, item.Scalar());
    }
  } else if (v.IsNull()) {
    // `- flag:` with no value turns the flag on; any other option needs one.
    if (spec != nullptr && spec->type != OptionType::kFlag) {
      return Status::Usage(at + "option '" + name + "': no value" + expected);
    }
    values.add(name, "true");
  } else {
    return Status::Usage(at + "option '" + name + "': got a mapping" + expected);
  }
  return Status::Ok();
}

// Top-level keys of other tools' recipe formats (Data-Juicer, datatrove) that
// have a dpk equivalent under another name.
constexpr std::pair<std::string_view, std::string_view> kForeignKeys[] = {
    {"process", "steps"},      {"pipeline", "steps"},   {"dataset_path", "input"},
    {"export_path", "output"}, {"np", "threads"},       {"project_name", "name"},
};

Status unknown_recipe_key(const std::string& at, const std::string& key) {
  std::string hint;
  for (const auto& [foreign, ours] : kForeignKeys) {
    if (key == foreign) hint = " (did you mean " + std::string(ours) + ":?)";
  }
  if (hint.empty()) {
    hint = suggest_option(key, {&common_options()}, {"input", "steps", "name", "description"}, "", ":");
  }
  if (hint.empty()) hint = " (expected input, output, steps, name, description or a common option)";
  return Status::Usage(at + "unknown recipe key '" + key + "'" + hint);
}

// add_value under the option's current `name`, where `given` is the key as the
// recipe spells it: a former name given beside its current name is an error,
// whichever of the two comes first (a mapping's keys are otherwise distinct).
Status add_named_value(OptionValues& values, const std::string& given, const std::string& name, const YAML::Node& v,
                       const std::string& at, const OptionSpec* spec) {
  if (spec != nullptr && values.has(name) && (name != given || !spec->formerly.empty())) {
    const std::string former = name != given ? given : std::string(spec->formerly);
    return Status::Usage(at + "option '" + former + "' is the former name of '" + name + "': give one of them");
  }
  return add_value(values, name, v, at, spec);
}

// A common option inside a step: the ones that can differ from step to step
// are taken; the run-wide ones are refused, naming the place.
Status check_per_step(const std::string& at, const std::string& step, const std::string& key) {
  const auto& allowed = per_step_common_options();
  if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) return Status::Ok();
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  return Status::Usage(at + "step '" + step + "': '" + key + "' is a run-wide option and cannot be set for one step " +
                       "(set it at the top of the recipe or on the command line; a step may set " + list + ")");
}

}  // namespace

StatusOr<RunPlan> load_recipe(const std::string& path, const OptionValues& overrides,
                              const std::vector<std::string>& inputs) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return Status::Usage(path + ": cannot read recipe");
  } catch (const YAML::Exception& e) {
    return Status::Usage(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) return Status::Usage(path + ": a recipe is a YAML mapping (input, output, steps)");
  OptionValues common;
  std::vector<std::string> recipe_inputs;
  RunPlan plan;
  YAML::Node steps;
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const std::string at = where(path, kv.first);
    if (key == "steps") {
      steps = kv.second;
    } else if (key == "input") {
      if (kv.second.IsScalar()) {
        recipe_inputs.push_back(kv.second.Scalar());
      } else if (kv.second.IsSequence()) {
        for (const auto& i : kv.second) recipe_inputs.push_back(i.Scalar());
      } else {
        return Status::Usage(at + "'input' must be a path or a list of paths");
      }
    } else if (key == "name" || key == "description") {
      continue;
    } else {
      std::string name = key;
      const OptionSpec* spec = option_for_key(common_options(), name, at, "");
      if (spec == nullptr) return unknown_recipe_key(at, key);
      DPK_RETURN_IF_ERROR(add_named_value(common, key, name, kv.second, at, spec));
    }
  }
  for (const auto& [name, vals] : overrides.all()) {
    for (size_t i = 0; i < vals.size(); ++i) {
      if (i == 0) common.set(name, vals[i]); else common.add(name, vals[i]);
    }
  }
  plan.common_given = common;
  DPK_RETURN_IF_ERROR(validate_options(common_options(), common, path + ": "));
  auto cfg = run_config_from(common, inputs.empty() ? recipe_inputs : inputs);
  if (!cfg.ok()) return Status::Usage(path + ": " + cfg.status().message());
  plan.config = std::move(*cfg);
  plan.config.tool = "dpk run " + path;
  plan.common_options = common;
  if (!steps || !steps.IsSequence()) return Status::Usage(path + ": 'steps' must be a list");
  JsonWriter pj;
  pj.begin_object();
  pj.key("recipe"); pj.value(path);
  pj.key("common"); pj.raw(options_json(common));
  pj.key("steps"); pj.begin_array();
  for (const auto& item : steps) {
    const std::string at = where(path, item);
    if (!item.IsMap() || item.size() != 1) {
      return Status::Usage(at + "each step is a mapping with one key, the step name (e.g. '- docid: {mode: hash}')");
    }
    auto kv = *item.begin();
    const std::string name = kv.first.Scalar();
    const TransformSpec* spec = find_transform(name);
    if (spec == nullptr) {
      std::vector<std::string> names;
      for (const auto* t : all_transforms()) names.emplace_back(t->name);
      const std::string hint = did_you_mean(name, names);
      return Status::Usage(at + "unknown step '" + name + "'" + (hint.empty() ? " (see 'dpk list')" : hint));
    }
    PlannedStep step;
    step.spec = spec;
    step.label = at + name;
    if (kv.second.IsMap()) {
      for (const auto& opt : kv.second) {
        std::string key = opt.first.Scalar();
        const std::string opt_at = where(path, opt.first);
        const OptionSpec* own = option_for_key(spec->options, key, opt_at, name);
        const OptionSpec* common_spec = own == nullptr ? option_for_key(common_options(), key, opt_at, name) : nullptr;
        OptionValues& into = common_spec != nullptr ? step.common : step.options;
        if (common_spec != nullptr) DPK_RETURN_IF_ERROR(check_per_step(opt_at, name, key));
        DPK_RETURN_IF_ERROR(add_named_value(into, opt.first.Scalar(), key, opt.second, opt_at,
                                            common_spec != nullptr ? common_spec : own));
      }
    } else if (!kv.second.IsNull()) {
      return Status::Usage(at + "options of step '" + name + "' must be a mapping");
    }
    pj.begin_object();
    pj.key("step"); pj.value(name);
    pj.key("options"); pj.raw(options_json(step.options));
    if (!step.common.all().empty()) {
      pj.key("common"); pj.raw(options_json(step.common));
    }
    pj.end_object();
    step.label = where(path, kv.first) + name;
    plan.steps.push_back(std::move(step));
  }
  pj.end_array();
  pj.end_object();
  plan.parameters_json = pj.take();
  return plan;
}

}  // namespace dpk::runtime
