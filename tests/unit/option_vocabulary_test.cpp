// One name, one meaning: every option of every tool (the common options,
// `dpk run`, `dpk slurm`, each transform and its stages) is checked against
// the vocabulary in docs/option-vocabulary.tsv and the naming rules of
// docs/cli-conventions.md. A name used by more than one tool must have a row
// there, with one value type, listing every tool allowed to use it; a name
// with a row is reserved to the tools it lists.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "dpk/options.h"
#include "dpk/runtime/driver_commands.h"
#include "dpk/runtime/run_config.h"
#include "dpk/transform.h"

namespace dpk {
namespace {

// One option as one tool declares it. `family` is the tool the option
// belongs to: a stage's options belong to its transform.
struct OptionUse {
  std::string family;
  std::string tool;  // "langid", "exact-dedup hashes", "common"
  const OptionSpec* spec;
};

std::vector<OptionUse> all_option_uses() {
  std::vector<OptionUse> uses;
  auto add = [&uses](const std::string& family, const std::string& tool, const std::vector<OptionSpec>& specs) {
    for (const auto& o : specs) uses.push_back({family, tool, &o});
  };
  add("common", "common", runtime::common_options());
  add("run", "run", runtime::run_options());
  add("slurm", "slurm", runtime::slurm_options());
  for (const TransformSpec* t : all_transforms()) {
    const std::string name(t->name);
    add(name, name, t->options);
    for (const Subcommand& sub : t->subcommands) add(name, name + " " + std::string(sub.name), sub.options);
  }
  return uses;
}

struct VocabularyRow {
  std::string type;
  std::set<std::string> families;
  std::string meaning;
};

// docs/option-vocabulary.tsv: NAME TAB TYPE TAB TOOLS (comma-separated) TAB
// MEANING; '#' lines and blank lines are comments.
std::map<std::string, VocabularyRow> read_vocabulary() {
  std::map<std::string, VocabularyRow> rows;
  std::ifstream in(std::string(DPK_SOURCE_DIR) + "/docs/option-vocabulary.tsv");
  EXPECT_TRUE(in) << "cannot read docs/option-vocabulary.tsv";
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    if (cols.size() != 4) {
      ADD_FAILURE() << "option-vocabulary.tsv:" << n << ": expected 4 tab-separated columns";
      continue;
    }
    VocabularyRow row{cols[1], {}, cols[3]};
    std::stringstream fs(cols[2]);
    for (std::string f; std::getline(fs, f, ',');) row.families.insert(f);
    EXPECT_TRUE(rows.emplace(cols[0], row).second) << "option-vocabulary.tsv:" << n << ": " << cols[0] << " twice";
  }
  return rows;
}

bool ends_with(std::string_view s, std::string_view end) {
  return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

bool numeric(OptionType t) {
  return t == OptionType::kInt || t == OptionType::kDouble || t == OptionType::kSize || t == OptionType::kDuration;
}

TEST(OptionVocabulary, ASharedNameHasOneTypeAndARowListingEveryToolThatUsesIt) {
  const auto rows = read_vocabulary();
  std::map<std::string, std::set<std::string>> families_of;
  for (const auto& u : all_option_uses()) families_of[std::string(u.spec->name)].insert(u.family);
  for (const auto& u : all_option_uses()) {
    const std::string name(u.spec->name);
    const std::string type(option_type_name(u.spec->type));
    auto row = rows.find(name);
    if (row == rows.end()) {
      EXPECT_EQ(families_of[name].size(), 1u)
          << "--" << name << " is used by several tools but has no row in docs/option-vocabulary.tsv";
      continue;
    }
    EXPECT_EQ(type, row->second.type) << u.tool << " --" << name << ": the vocabulary gives it another type";
    EXPECT_TRUE(row->second.families.count(u.family))
        << u.tool << " --" << name << ": the vocabulary reserves this name for " << row->second.meaning
        << "; add the tool to its row only if it means that here";
  }
  for (const auto& [name, row] : rows) {
    EXPECT_TRUE(families_of.count(name)) << "option-vocabulary.tsv names --" << name << ", which no tool has";
    for (const auto& f : row.families) {
      EXPECT_TRUE(families_of[name].count(f)) << "option-vocabulary.tsv lists " << f << " for --" << name
                                              << ", which it does not have";
    }
  }
}

TEST(OptionVocabulary, OneToolGivesANameOneType) {
  std::map<std::pair<std::string, std::string>, OptionType> seen;
  for (const auto& u : all_option_uses()) {
    auto [it, fresh] = seen.emplace(std::make_pair(u.family, std::string(u.spec->name)), u.spec->type);
    if (!fresh) {
      EXPECT_EQ(it->second, u.spec->type) << u.tool << " --" << u.spec->name;
    }
  }
}

TEST(OptionVocabulary, NamesStateTheirUnit) {
  for (const auto& u : all_option_uses()) {
    const std::string_view name = u.spec->name;
    const OptionType t = u.spec->type;
    // A unit suffix names a count (--min-words N); a list is named by what
    // it holds (--stop-words the,of).
    if ((ends_with(name, "-chars") || ends_with(name, "-words") || ends_with(name, "-lines") ||
         ends_with(name, "-tokens")) &&
        t != OptionType::kList) {
      EXPECT_EQ(option_type_name(t), "integer") << u.tool << " --" << name << ": a count is an integer";
    }
    if (ends_with(name, "-bytes")) {
      EXPECT_TRUE(t == OptionType::kSize || t == OptionType::kInt) << u.tool << " --" << name;
    }
    if (t == OptionType::kSize) {
      EXPECT_TRUE(ends_with(name, "-bytes") || ends_with(name, "-bits") || ends_with(name, "-size"))
          << u.tool << " --" << name << ": a size names its unit (-bytes, -bits)";
    }
    if (name.rfind("min-", 0) == 0 || name.rfind("max-", 0) == 0) {
      EXPECT_TRUE(numeric(t)) << u.tool << " --" << name << ": min-/max- bound a measure";
    }
  }
}

TEST(OptionVocabulary, AFormerNameIsNoCurrentNameOfTheSameTool) {
  std::set<std::pair<std::string, std::string>> current;
  for (const auto& u : all_option_uses()) current.emplace(u.family, std::string(u.spec->name));
  for (const auto& u : all_option_uses()) {
    if (u.spec->formerly.empty()) continue;
    EXPECT_FALSE(current.count({u.family, std::string(u.spec->formerly)}))
        << u.tool << " --" << u.spec->name << ": its former name --" << u.spec->formerly << " means something else";
    EXPECT_NE(u.spec->formerly, u.spec->name) << u.tool;
  }
}

// The names docs/cli-conventions.md reserves, checked by kind of value.
TEST(OptionVocabulary, ModelIsAFileAndModelDirAFolder) {
  for (const auto& u : all_option_uses()) {
    if (u.spec->name == "model") {
      EXPECT_EQ(u.spec->value_name, "FILE") << u.tool;
    }
    if (u.spec->name == "model-dir") {
      EXPECT_EQ(u.spec->value_name, "DIR") << u.tool;
    }
  }
}

}  // namespace
}  // namespace dpk
