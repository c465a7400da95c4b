#include "pass_plan.h"

#include <cstdlib>

#include "dpk/runtime/output_target.h"

namespace dpk::runtime {

bool starts_with_source(const RunPlan& plan) {
  return !plan.steps.empty() && plan.steps.front().spec->source;
}

std::string pass_title(const RunPlan& plan, const std::vector<PassSpec>& passes, size_t p) {
  const PassSpec& ps = passes[p];
  std::string steps;
  auto add = [&](size_t step, const char* role) {
    if (!steps.empty()) steps += ", ";
    steps += std::string(plan.steps[step].spec->name) + role;
  };
  if (ps.decide_first) add(static_cast<size_t>(ps.decide_step), " (apply)");
  for (size_t i = ps.begin; i < ps.end; ++i) add(i, ps.ends_at_global && i + 1 == ps.end ? " (observe)" : "");
  if (passes.size() == 1) return plan.steps.size() > 1 ? steps : "";
  return "pass " + std::to_string(p + 1) + "/" + std::to_string(passes.size()) + ": " + steps;
}

GlobalTransform* as_global(Transform* t) { return dynamic_cast<GlobalTransform*>(t); }

std::string temp_root(const RunConfig& cfg) {
  if (!cfg.temp_dir.empty()) return cfg.temp_dir;
  if (output_is_directory(cfg.output)) return cfg.output + "/.dpk";
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

std::vector<PassSpec> plan_passes(const RunPlan& plan, std::vector<std::unique_ptr<Transform>>& masters) {
  std::vector<PassSpec> passes;
  PassSpec cur;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    auto* g = as_global(masters[i].get());
    if (g == nullptr || !g->needs_second_pass()) continue;
    cur.end = i + 1;
    cur.ends_at_global = true;
    passes.push_back(cur);
    cur = PassSpec();
    cur.begin = i + 1;
    cur.decide_first = g;
    cur.decide_step = static_cast<int>(i);
    cur.spool_in = true;
  }
  cur.end = plan.steps.size();
  passes.push_back(cur);
  return passes;
}

}  // namespace dpk::runtime
