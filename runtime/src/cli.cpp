#include "dpk/runtime/cli.h"

#include <boost/program_options.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "dpk/json_writer.h"
#include "dpk/name_suggestion.h"
#include "dpk/runtime/pipeline.h"

namespace dpk::runtime {
namespace po = boost::program_options;

void print_option_warnings(const std::string& prog, bool quiet) {
  for (const auto& line : take_option_warnings()) {
    if (!quiet) std::fprintf(stderr, "%s: warning: %s\n", prog.c_str(), line.c_str());
  }
}

int report_error(const std::string& prog, const Status& s) {
  std::fprintf(stderr, "%s: error: %s\n", prog.c_str(), s.message().c_str());
  return s.exit_code();
}

Status parse_command_line(const std::vector<const std::vector<OptionSpec>*>& spec_sets, int argc,
                          char** argv, OptionValues& values, std::vector<std::string>& positional,
                          bool& help, bool& version) {
  po::options_description desc;
  desc.add_options()("help,h", po::bool_switch())("version", po::bool_switch())(
      "dpk-input", po::value<std::vector<std::string>>());
  auto declare = [&desc](const OptionSpec& o, std::string name) {
    switch (o.type) {
      case OptionType::kFlag: desc.add_options()(name.c_str(), po::bool_switch()); break;
      case OptionType::kList:
        desc.add_options()(name.c_str(), po::value<std::vector<std::string>>()->composing());
        break;
      default: desc.add_options()(name.c_str(), po::value<std::string>()); break;
    }
  };
  for (const auto* specs : spec_sets) {
    for (const auto& o : *specs) {
      declare(o, std::string(o.name) + (o.short_name ? std::string(",") + o.short_name : ""));
      if (!o.formerly.empty()) declare(o, std::string(o.formerly));  // still accepted, with a warning
    }
  }
  po::positional_options_description pos;
  pos.add("dpk-input", -1);
  po::variables_map vm;
  // No guessing: an abbreviation (`--min` for --min-score) would mean another
  // option once a second one shares its start, and recipes take whole names.
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).style(style).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    std::string given = e.get_option_name();
    const size_t dashes = given.find_first_not_of('-');
    const std::string bare = dashes == std::string::npos ? "" : given.substr(dashes);
    return Status::Usage("unknown option '" + given + "'" +
                         (dashes == 2 ? suggest_option(bare, spec_sets, {"help", "version"}) : ""));
  } catch (const po::error& e) {
    return Status::Usage(e.what());
  }
  help = vm["help"].as<bool>();
  version = vm["version"].as<bool>();
  if (vm.count("dpk-input")) positional = vm["dpk-input"].as<std::vector<std::string>>();
  // A bool_switch is always stored; it counts as given when it is on.
  auto given = [&vm](const OptionSpec& o, const std::string& spelled) {
    return vm.count(spelled) != 0 && !vm[spelled].defaulted() && (o.type != OptionType::kFlag || vm[spelled].as<bool>());
  };
  for (const auto* specs : spec_sets) {
    for (const auto& o : *specs) {
      const std::string name(o.name);
      std::string spelled = name;
      if (!o.formerly.empty() && given(o, std::string(o.formerly))) {
        if (given(o, name)) {
          return Status::Usage("option '--" + std::string(o.formerly) + "' is the former name of '--" + name +
                               "': give one of them");
        }
        spelled = std::string(o.formerly);
        note_former_name("", "--" + spelled, "--" + name);
      }
      if (!vm.count(spelled)) continue;
      const auto& v = vm[spelled];
      switch (o.type) {
        case OptionType::kFlag:
          if (v.as<bool>()) values.set(name, "true");
          break;
        case OptionType::kList:
          for (const auto& item : v.as<std::vector<std::string>>()) values.add(name, item);
          break;
        default: values.set(name, v.as<std::string>()); break;
      }
    }
  }
  return Status::Ok();
}

std::string options_json(const OptionValues& values) {
  JsonWriter w;
  w.begin_object();
  for (const auto& [name, vals] : values.all()) {
    w.key(name);
    if (vals.size() == 1) {
      w.value(vals[0]);
    } else {
      w.begin_array();
      for (const auto& v : vals) w.value(v);
      w.end_array();
    }
  }
  w.end_object();
  return w.take();
}

std::string resolved_options_json(const std::vector<OptionSpec>& specs, const OptionValues& values) {
  JsonWriter w;
  w.begin_object();
  for (const auto& spec : specs) {
    const std::string name(spec.name);
    w.key(name);
    if (spec.type == OptionType::kList) {
      w.begin_array();
      for (const auto& item : values.get_list(name)) w.value(item);
      w.end_array();
      continue;
    }
    if (spec.type == OptionType::kFlag) {  // a flag not given is false
      w.value(values.get_flag(name));
      continue;
    }
    if (!values.has(name)) {
      w.null();
      continue;
    }
    switch (spec.type) {
      case OptionType::kInt: w.value(values.get_int(name)); break;
      case OptionType::kDouble: w.value(values.get_double(name)); break;
      case OptionType::kSize: w.value(values.get_size(name)); break;
      default: w.value(values.get_string(name)); break;
    }
  }
  w.end_object();
  return w.take();
}

const Subcommand* find_subcommand(const TransformSpec& spec, int argc, char** argv) {
  if (argc < 2) return nullptr;
  for (const auto& sub : spec.subcommands) {
    if (sub.name == argv[1]) return &sub;
  }
  return nullptr;
}

int tool_main(const TransformSpec& spec, int argc, char** argv) {
  const std::string prog = "dpk-" + std::string(spec.name);
  if (const Subcommand* sub = find_subcommand(spec, argc, argv)) {
    // The stage sees "dpk-NAME SUB" as its program name, then its own arguments.
    std::string sub_prog = prog + " " + std::string(sub->name);
    // Every stage answers --help and --version the same way, from its declaration.
    for (int i = 2; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "--") break;
      if (a == "--help" || a == "-h") return std::fputs(subcommand_help(spec, *sub).c_str(), stdout), 0;
      if (a == "--version") return std::fputs(version_text(sub_prog).c_str(), stdout), 0;
    }
    std::vector<char*> args = {sub_prog.data()};
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    return sub->run(argc - 1, args.data());
  }
  if (!spec.subcommands.empty() && argc >= 2 && argv[1][0] != '-' && !std::filesystem::exists(argv[1])) {
    // Not a stage and not a file: a misspelt stage reads better as one than as a missing input.
    std::vector<std::string> stages;
    for (const auto& sub : spec.subcommands) stages.emplace_back(sub.name);
    std::string hint = did_you_mean(argv[1], stages);
    if (hint.empty()) {
      hint = " (the stages:";
      for (const auto& st : stages) hint += " " + st;
      hint += "; or give an existing input)";
    }
    return report_error(prog, Status::Usage(std::string("unknown stage '") + argv[1] + "'" + hint));
  }
  OptionValues common, own;
  std::vector<std::string> positional;
  bool help = false, version = false;
  // Parse once with both sets, then split the values by set.
  OptionValues all;
  Status s = parse_command_line({&common_options(), &spec.options}, argc, argv, all, positional, help, version);
  if (!s.ok()) return report_error(prog, s);
  if (help) {
    std::fputs(help_text(spec).c_str(), stdout);
    return 0;
  }
  if (version) {
    std::fputs(version_text(prog).c_str(), stdout);
    return 0;
  }
  for (const auto& [name, vals] : all.all()) {
    bool is_common = false;
    for (const auto& o : common_options()) is_common |= o.name == name;
    for (const auto& v : vals) (is_common ? common : own).add(name, v);
  }
  if (!common.has("output")) common.set("output", std::string(spec.default_output));
  s = validate_options(common_options(), common, "");
  if (!s.ok()) return report_error(prog, s);
  auto cfg = run_config_from(common, positional);
  if (!cfg.ok()) return report_error(prog, cfg.status());
  RunPlan plan;
  plan.config = std::move(*cfg);
  plan.config.tool = prog;
  plan.common_options = common;
  PlannedStep step;
  step.spec = &spec;
  step.options = own;
  plan.steps.push_back(std::move(step));
  s = configure_plan(plan);
  print_option_warnings(prog, plan.config.quiet);
  if (!s.ok()) return report_error(prog, s);
  JsonWriter pj;
  pj.begin_object();
  pj.key("common"); pj.raw(options_json(common));
  pj.key(spec.name); pj.raw(options_json(plan.steps[0].options));
  pj.end_object();
  plan.parameters_json = pj.take();
  RunSummary summary;
  s = run_plan(plan, summary);
  if (!s.ok()) return report_error(prog, s);
  return 0;
}

namespace {

std::string option_signature(const OptionSpec& o) {
  std::string s = o.short_name ? std::string("-") + o.short_name + ", " : "    ";
  s += "--" + std::string(o.name);
  if (o.type != OptionType::kFlag) {
    std::string vn = !o.value_name.empty() ? std::string(o.value_name)
                     : o.type == OptionType::kChoice ? std::string(o.choices)
                     : o.type == OptionType::kInt    ? "N"
                     : o.type == OptionType::kDouble ? "X"
                     : o.type == OptionType::kSize   ? "SIZE"
                     : o.type == OptionType::kDuration ? "DURATION"
                                                     : "VALUE";
    s += " " + vn;
  }
  return s;
}

std::string wrap(std::string_view text, size_t indent, size_t width) {
  std::string out, line;
  size_t pos = 0;
  auto flush = [&] {
    if (!out.empty()) out += "\n" + std::string(indent, ' ');
    out += line;
    line.clear();
  };
  while (pos < text.size()) {
    size_t sp = text.find(' ', pos);
    if (sp == std::string_view::npos) sp = text.size();
    std::string_view word = text.substr(pos, sp - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width - indent) flush();
    if (!line.empty()) line += ' ';
    line += word;
    pos = sp + 1;
  }
  if (!line.empty()) flush();
  return out;
}

void append_options(std::string& s, const std::vector<OptionSpec>& opts) {
  for (const auto& o : opts) {
    std::string sig = "  " + option_signature(o);
    std::string help(o.help);
    std::string notes = option_range_text(o);
    if (!o.default_value.empty() && o.type != OptionType::kFlag) {
      notes += (notes.empty() ? "default: " : "; default: ") + std::string(o.default_value);
    }
    if (!notes.empty()) help += " (" + notes + ")";
    if (!o.formerly.empty()) help += " Formerly --" + std::string(o.formerly) + ".";
    if (sig.size() < 30) {
      sig.resize(30, ' ');
    } else {
      sig += "\n" + std::string(30, ' ');
    }
    s += sig + wrap(help, 30, 100) + "\n";
  }
}

std::string roff_escape(std::string_view in) {
  std::string out;
  for (char c : in) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out = "\\&" + out;
  return out;
}

}  // namespace

std::string options_help(const std::vector<OptionSpec>& opts) {
  std::string s;
  append_options(s, opts);
  return s;
}

std::string help_text(const TransformSpec& spec) {
  std::string s;
  s += "Usage: dpk-" + std::string(spec.name) + " [OPTIONS] [INPUT...]\n";
  s += "       dpk " + std::string(spec.name) + " [OPTIONS] [INPUT...]\n\n";
  s += std::string(spec.summary) + "\n\n";
  if (!spec.description.empty()) {
    size_t start = 0;
    std::string_view d = spec.description;
    while (start < d.size()) {
      size_t end = d.find("\n\n", start);
      if (end == std::string_view::npos) end = d.size();
      s += wrap(d.substr(start, end - start), 0, 100) + "\n\n";
      start = end + 2;
    }
  }
  s += "Kind: " + std::string(transform_kind_name(spec.kind)) + "\n\n";
  if (!spec.subcommands.empty()) {
    s += "Stages (each a separate command, for runs over many processes; see "
         "'dpk-" + std::string(spec.name) + " STAGE --help'):\n";
    for (const auto& sub : spec.subcommands) {
      s += "  dpk-" + std::string(spec.name) + " " + std::string(sub.name) + " " + std::string(sub.usage) + "\n";
      s += "      " + wrap(sub.summary, 6, 100) + "\n";
    }
    s += "\n";
  }
  if (!spec.options.empty()) {
    s += "Options of " + std::string(spec.name) + ":\n";
    append_options(s, spec.options);
    s += "\n";
  }
  if (!spec.fields.empty()) {
    s += "Fields written:\n";
    for (const auto& f : spec.fields) {
      std::string n = "  " + std::string(f.name);
      n.resize(std::max<size_t>(n.size() + 1, 30), ' ');
      s += n + wrap(f.meaning, 30, 100) + "\n";
    }
    s += "\n";
  }
  s += "Common options:\n";
  append_options(s, common_options());
  s += "  -h, --help                  Show this help.\n      --version               Show the version.\n\n";
  s += "Inputs are JSONL files (plain, .gz or .zst), directories, or '-' for stdin (the default).\n";
  s += "Exit codes: 0 success, 1 bad input under --on-error fail (or an empty output under --fail-on-empty), 2 usage "
       "error, 3 I/O error.\n";
  if (!spec.examples.empty()) {
    s += "\nExamples:\n";
    for (auto e : spec.examples) s += "  " + std::string(e) + "\n";
  }
  return s;
}

std::string subcommand_help(const TransformSpec& spec, const Subcommand& sub) {
  const std::string name(spec.name), stage(sub.name), usage(sub.usage);
  std::string s;
  s += "Usage: dpk-" + name + " " + stage + " " + usage + "\n";
  s += "       dpk " + name + " " + stage + " " + usage + "\n\n";
  s += wrap(sub.summary, 0, 100) + "\n\n";
  s += wrap("A stage of " + name + ": run its stages in order over one --work DIR, an option that stages share "
                "given the same value in each, and the result is that of 'dpk-" + name + "' in one process (see "
                "'dpk-" + name + " --help').",
            0, 100) +
       "\n\n";
  if (!sub.options.empty()) {
    s += "Options of " + name + " " + stage + ":\n";
    append_options(s, sub.options);
    s += "\n";
  }
  if (sub.takes_common_options) {
    s += "Common options:\n";
    append_options(s, common_options());
  }
  s += "  -h, --help                  Show this help.\n      --version               Show the version.\n\n";
  s += "Exit codes: 0 success, 1 bad input under --on-error fail, 2 usage error, 3 I/O error.\n";
  if (!sub.examples.empty()) {
    s += "\nExamples:\n";
    for (auto e : sub.examples) s += "  " + std::string(e) + "\n";
  }
  return s;
}

std::string man_page(const TransformSpec& spec) {
  const std::string name = "dpk-" + std::string(spec.name);
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string s;
  s += ".TH " + upper + " 1 \"\" \"dpk " + std::string(dpk_version()) + "\" \"dpk manual\"\n";
  s += ".SH NAME\n" + roff_escape(name) + " \\- " + roff_escape(spec.summary) + "\n";
  s += ".SH SYNOPSIS\n.B " + roff_escape(name) + "\n[\\fIOPTIONS\\fR] [\\fIINPUT\\fR...]\n.br\n.B dpk " +
       roff_escape(spec.name) + "\n[\\fIOPTIONS\\fR] [\\fIINPUT\\fR...]\n";
  s += ".SH DESCRIPTION\n";
  std::string_view d = spec.description.empty() ? spec.summary : spec.description;
  size_t start = 0;
  while (start < d.size()) {
    size_t end = d.find("\n\n", start);
    if (end == std::string_view::npos) end = d.size();
    s += roff_escape(d.substr(start, end - start)) + "\n.PP\n";
    start = end + 2;
  }
  s += "Kind: " + std::string(transform_kind_name(spec.kind)) + ".\n";
  auto opts = [&](const std::vector<OptionSpec>& list) {
    for (const auto& o : list) {
      s += ".TP\n.B " + roff_escape(option_signature(o)) + "\n";
      std::string help(o.help);
      if (const std::string r = option_range_text(o); !r.empty()) help += " Range: " + r + ".";
      if (!o.default_value.empty() && o.type != OptionType::kFlag) help += " Default: " + std::string(o.default_value) + ".";
      if (!o.formerly.empty()) help += " Formerly --" + std::string(o.formerly) + ".";
      s += roff_escape(help) + "\n";
    }
  };
  if (!spec.options.empty()) {
    s += ".SH OPTIONS\n";
    opts(spec.options);
  }
  for (const auto& sub : spec.subcommands) {
    // The stage's own options; those it shares with the whole transform are
    // described once, under OPTIONS.
    std::vector<OptionSpec> own;
    size_t shared = 0;
    for (const auto& o : sub.options) {
      bool in_spec = false;
      for (const auto& t : spec.options) in_spec |= t.name == o.name;
      if (in_spec) ++shared; else own.push_back(o);
    }
    std::string also;
    if (shared > 0) also += " It takes " + std::string(shared == spec.options.size() ? "every option" : "options") +
                            " of " + std::string(spec.name) + " (above)";
    if (sub.takes_common_options) also += also.empty() ? " It takes the common options" : " and the common options";
    if (!also.empty()) also += ".";
    s += ".SH STAGE " + roff_escape(sub.name) + "\n.B " + roff_escape(name) + " " + roff_escape(sub.name) + " " +
         roff_escape(sub.usage) + "\n.PP\n" + roff_escape(std::string(sub.summary) + also) + "\n";
    opts(own);
    for (auto e : sub.examples) s += ".PP\n.nf\n" + roff_escape(e) + "\n.fi\n";
  }
  s += ".SH COMMON OPTIONS\n";
  opts(common_options());
  if (!spec.fields.empty()) {
    s += ".SH FIELDS\n";
    for (const auto& f : spec.fields) s += ".TP\n.B " + roff_escape(f.name) + "\n" + roff_escape(f.meaning) + "\n";
  }
  s += ".SH EXIT STATUS\n0 success; 1 bad input under \\-\\-on\\-error fail, or an empty output under "
       "\\-\\-fail\\-on\\-empty; 2 usage error; 3 I/O error.\n";
  if (!spec.examples.empty()) {
    s += ".SH EXAMPLES\n";
    for (auto e : spec.examples) s += ".nf\n" + roff_escape(e) + "\n.fi\n";
  }
  s += ".SH SEE ALSO\n.BR dpk (1)\n";
  return s;
}

}  // namespace dpk::runtime
