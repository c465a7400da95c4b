#include "dpk/runtime/pipeline.h"

#include <memory>
#include <string>
#include <vector>

#include "dpk/runtime/output_target.h"
#include "pass_plan.h"

namespace dpk::runtime {
namespace {

// A word bash reads back as `s`: bare when it holds only characters the
// shell leaves alone, else in single quotes (a quote inside as '\'').
std::string shell_word(const std::string& s) {
  bool bare = !s.empty();
  for (char c : s) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '+' ||
                       c == '=' || c == '@' || c == '%';
    bare &= plain;
  }
  if (bare) return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''"; else out.push_back(c);
  }
  return out + "'";
}

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const auto& o : specs) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

// " --name VALUE" for each value (a flag bare when on, left out when off);
// with `skip_defaults`, a value equal to the declared default is left out.
std::string option_words(const std::vector<OptionSpec>& specs, const std::string& name,
                         const std::vector<std::string>& values, bool skip_defaults) {
  const OptionSpec* spec = find_spec(specs, name);
  std::string s;
  for (const auto& v : values) {
    if (spec != nullptr && spec->type == OptionType::kFlag) {
      if (v == "true") s += " --" + name;
      continue;
    }
    if (skip_defaults && spec != nullptr && values.size() == 1 && v == spec->default_value) continue;
    s += " --" + name + " " + shell_word(v);
  }
  return s;
}

// The common options every tool of the pipeline gets. The rest are placed
// by the explanation itself: what picks input files goes to the first tool,
// what judges the result to the last, the side files to each tool under its
// own name.
bool placed_by_position(const std::string& name) {
  return name == "output" || name == "glob" || name == "shard-index" || name == "shard-count" ||
         name == "fail-on-empty" || name == "stats" || name == "keep-dropped" || name == "quarantine";
}

// FILE with ".N-NAME" before its extensions (dropped.jsonl.zst ->
// dropped.2-select.jsonl.zst): one side file per tool, codec kept.
std::string per_tool_name(const std::string& path, size_t n, std::string_view step) {
  const size_t slash = path.rfind('/');
  const size_t base = slash == std::string::npos ? 0 : slash + 1;
  size_t dot = path.find('.', base + 1);
  if (dot == std::string::npos) dot = path.size();
  return path.substr(0, dot) + "." + std::to_string(n) + "-" + std::string(step) + path.substr(dot);
}

struct SideFile {
  std::string option, path;
  bool merged;  // the tools' files are joined into `path` at the end (documents); else one per tool
};

}  // namespace

std::string explain_plan(const RunPlan& plan) {
  const RunConfig& cfg = plan.config;
  std::string s;
  std::vector<std::unique_ptr<Transform>> masters;
  for (const auto& st : plan.steps) masters.push_back(st.configured.make());
  std::vector<PassSpec> passes = plan_passes(plan, masters);
  s += "input:  " + (cfg.inputs.empty() ? std::string("-") : std::string());
  for (size_t i = 0; i < cfg.inputs.size(); ++i) s += (i ? " " : "") + cfg.inputs[i];
  s += "\noutput: " + cfg.output + "\n";
  for (size_t p = 0; p < passes.size(); ++p) {
    const PassSpec& ps = passes[p];
    s += "pass " + std::to_string(p + 1) + ": read " + (ps.spool_in ? "intermediate data" : "input");
    if (ps.decide_first) s += " -> apply " + std::string(plan.steps[static_cast<size_t>(ps.decide_step)].spec->name);
    for (size_t i = ps.begin; i < ps.end; ++i) {
      s += " -> " + std::string(plan.steps[i].spec->name);
      if (ps.ends_at_global && i + 1 == ps.end) s += " (observe)";
    }
    s += ps.ends_at_global ? " -> spool\n" : " -> write output\n";
  }
  s += "steps:\n";
  for (const auto& st : plan.steps) {
    s += "  " + std::string(st.spec->name) + " [" + std::string(transform_kind_name(st.spec->kind)) + "]";
    if (!st.configured.explain.empty()) s += ": " + st.configured.explain;
    if (!st.common.all().empty()) {
      s += " (its own";
      for (const auto& [name, vals] : st.common.all()) s += option_words(common_options(), name, vals, false);
      s += ")";
    }
    s += "\n";
  }

  // The same run as dpk-NAME tools. A directory output keeps each input's
  // name only when every tool reads and writes folders, so the tools then
  // run one after the other through folders of a scratch directory; any
  // other output is one pipe.
  const bool to_dir = output_is_directory(cfg.output);
  const size_t n = plan.steps.size();
  std::vector<SideFile> sides;
  if (!cfg.stats_path.empty()) sides.push_back({"stats", cfg.stats_path, false});
  if (!cfg.keep_dropped_path.empty()) sides.push_back({"keep-dropped", cfg.keep_dropped_path, true});
  if (!cfg.quarantine_path.empty()) sides.push_back({"quarantine", cfg.quarantine_path, true});
  std::string inputs;
  for (const auto& in : cfg.inputs) inputs += " " + shell_word(in);

  std::vector<std::string> commands;
  for (size_t i = 0; i < n; ++i) {
    const PlannedStep& st = plan.steps[i];
    const std::string name(st.spec->name);
    std::string c = "dpk-" + name;
    for (const auto& [opt, vals] : st.options.all()) c += option_words(st.spec->options, opt, vals, true);
    for (const auto& [opt, vals] : plan.common_given.all()) {
      if (placed_by_position(opt) || st.common.has(opt)) continue;
      c += option_words(common_options(), opt, vals, false);
    }
    for (const auto& [opt, vals] : st.common.all()) c += option_words(common_options(), opt, vals, false);
    for (const auto& side : sides) {
      c += " --" + side.option + " " + shell_word(n == 1 ? side.path : per_tool_name(side.path, i + 1, name));
    }
    if (i == 0) {
      for (const char* opt : {"glob", "shard-index", "shard-count"}) {
        if (plan.common_given.has(opt)) {
          c += option_words(common_options(), opt, plan.common_given.all().at(opt), false);
        }
      }
    }
    const bool last = i + 1 == n;
    if (last && cfg.fail_on_empty) c += " --fail-on-empty";
    if (to_dir) {
      c += i == 0 ? inputs : " \"$work/" + std::to_string(i) + "/\"";
      c += " -o " + (last ? shell_word(cfg.output) : "\"$work/" + std::to_string(i + 1) + "/\"");
    } else {
      if (i == 0) c += inputs;
      // dpk-stats discards its documents unless told where they go.
      if (last && cfg.output != "-") {
        c += " -o " + shell_word(cfg.output);
      } else if (st.spec->default_output != "-") {
        c += " -o -";
      }
    }
    commands.push_back(std::move(c));
  }
  std::string merge;
  for (const auto& side : sides) {
    if (!side.merged || n < 2) continue;
    std::string parts;
    for (size_t i = 0; i < n; ++i) parts += " " + shell_word(per_tool_name(side.path, i + 1, plan.steps[i].spec->name));
    if (!merge.empty()) merge += " && \\\n  ";
    merge += "cat" + parts + " > " + shell_word(side.path) + " && rm" + parts;
  }

  s += "equivalent shell pipeline:\n";
  if (n == 0) {
    s += "  cat" + inputs + (cfg.output == "-" ? std::string() : " > " + shell_word(cfg.output)) + "\n";
    return s;
  }
  std::string pipeline;
  const bool chained = to_dir && n > 1;
  if (chained) pipeline += "work=$(mktemp -d) && \\\n  ";
  for (size_t i = 0; i < n; ++i) {
    if (i) pipeline += chained ? " && \\\n  " : " \\\n    | ";
    pipeline += commands[i];
  }
  if (chained) pipeline += " && \\\n  rm -rf \"$work\"";
  if (!merge.empty()) pipeline += " && \\\n  " + merge;
  s += "  " + pipeline + "\n";
  return s;
}

}  // namespace dpk::runtime
