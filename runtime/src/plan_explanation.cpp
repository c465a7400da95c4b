#include "dpk/runtime/pipeline.h"

#include <memory>
#include <string>
#include <vector>

#include "dpk/runtime/output_target.h"
#include "pass_plan.h"

namespace dpk::runtime {

std::string explain_plan(const RunPlan& plan) {
  std::string s;
  std::vector<std::unique_ptr<Transform>> masters;
  for (const auto& st : plan.steps) masters.push_back(st.configured.make());
  std::vector<PassSpec> passes = plan_passes(plan, masters);
  s += "input:  " + (plan.config.inputs.empty() ? std::string("-") : std::string());
  for (size_t i = 0; i < plan.config.inputs.size(); ++i) s += (i ? " " : "") + plan.config.inputs[i];
  s += "\noutput: " + plan.config.output + "\n";
  for (size_t p = 0; p < passes.size(); ++p) {
    const PassSpec& ps = passes[p];
    s += "pass " + std::to_string(p + 1) + ": read " + (ps.spool_in ? "intermediate data" : "input");
    if (ps.decide_first) s += " -> apply " + std::string(plan.steps[static_cast<size_t>(ps.decide_step)].spec->name);
    for (size_t i = ps.begin; i < ps.end; ++i) {
      const auto& st = plan.steps[i];
      s += " -> " + std::string(st.spec->name);
      if (ps.ends_at_global && i + 1 == ps.end) s += " (observe)";
    }
    s += ps.ends_at_global ? " -> spool\n" : " -> write output\n";
  }
  s += "steps:\n";
  for (const auto& st : plan.steps) {
    s += "  " + std::string(st.spec->name) + " [" + std::string(transform_kind_name(st.spec->kind)) + "]";
    if (!st.configured.explain.empty()) s += ": " + st.configured.explain;
    s += "\n";
  }
  s += "equivalent shell pipeline:\n  ";
  std::string pipeline;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& st = plan.steps[i];
    if (i) pipeline += " \\\n    | ";
    pipeline += "dpk-" + std::string(st.spec->name);
    for (const auto& [name, vals] : st.options.all()) {
      for (const auto& v : vals) {
        const OptionSpec* spec = nullptr;
        for (const auto& o : st.spec->options) if (o.name == name) spec = &o;
        if (spec && spec->type == OptionType::kFlag) {
          if (v == "true") pipeline += " --" + name;
          continue;
        }
        if (spec && v == spec->default_value) continue;
        pipeline += " --" + name + " '" + v + "'";
      }
    }
    if (i == 0) {
      for (const auto& in : plan.config.inputs) pipeline += " " + in;
    }
  }
  if (plan.steps.empty()) pipeline = "cat";
  // A directory output cannot be a redirection: the last tool writes it.
  if (output_is_directory(plan.config.output)) {
    pipeline += " -o " + plan.config.output + "\n";
  } else {
    pipeline += " > " + plan.config.output + "\n";
  }
  s += pipeline;
  return s;
}

}  // namespace dpk::runtime
