#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dpk/input_files.h"
#include "test_util.h"

namespace dpk {
namespace {

using testing_util::relatives;
using testing_util::ScratchDir;
using testing_util::write_file;

void make_tree(const ScratchDir& d) {
  write_file(d.file("in/b.jsonl"), "{}\n");
  write_file(d.file("in/a.jsonl.zst"), "12345");
  write_file(d.file("in/sub/c.jsonl.gz"), "xy");
  write_file(d.file("in/sub/deeper/a.jsonl"), "");
  write_file(d.file("in/z.txt"), "z");
  write_file(d.file("in/.hidden.jsonl"), "h");
  write_file(d.file("in/.dpk/done/b.jsonl.json"), "{}");
  write_file(d.file("in/out.jsonl.tmp-1234"), "partial");
}

TEST(ListInputs, DirectoryWalkIsRecursiveSortedAndSkipsHiddenAndTemporary) {
  ScratchDir d;
  make_tree(d);
  auto files = list_inputs({d.file("in")}, "");
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl.zst", "b.jsonl", "sub/c.jsonl.gz",
                                                          "sub/deeper/a.jsonl", "z.txt"}));
  for (const auto& f : *files) {
    EXPECT_EQ(f.path, d.file("in/" + f.relative)) << "path and relative disagree";
  }
  EXPECT_EQ((*files)[0].size, 5u);
  EXPECT_EQ((*files)[2].size, 2u);
}

std::map<std::string, std::vector<std::string>> by_reason(const std::vector<SkippedInput>& skipped,
                                                          const ScratchDir& d) {
  std::map<std::string, std::vector<std::string>> m;
  const std::string prefix = d.file("");
  for (const auto& s : skipped) m[s.reason].push_back(s.path.substr(prefix.size()));
  return m;
}

TEST(ListInputs, WhatTheWalkLeavesOutIsReportedWithItsReason) {
  ScratchDir d;
  make_tree(d);
  std::vector<SkippedInput> skipped;
  auto files = list_inputs({d.file("in")}, "*.jsonl*", &skipped);
  ASSERT_TRUE(files.ok()) << files.status().message();
  auto m = by_reason(skipped, d);
  EXPECT_EQ(m["hidden"], (std::vector<std::string>{"in/.hidden.jsonl"}));
  EXPECT_EQ(m["dpk_records"], (std::vector<std::string>{"in/.dpk"}));
  EXPECT_EQ(m["dpk_temporary"], (std::vector<std::string>{"in/out.jsonl.tmp-1234"}));
  EXPECT_EQ(m["glob_mismatch"], (std::vector<std::string>{"in/z.txt"}));
  EXPECT_EQ(skipped.size(), 4u);
}

// Only dpk's own temporaries (NAME.tmp-PID) are left out, not every name
// with ".tmp-" in it.
TEST(ListInputs, OnlyDpkTemporaryNamesAreSkipped) {
  ScratchDir d;
  write_file(d.file("in/notes.tmp-draft.jsonl"), "{}\n");
  write_file(d.file("in/data.tmp-7.jsonl"), "{}\n");
  write_file(d.file("in/data.jsonl.tmp-77"), "{}\n");
  write_file(d.file("in/data.jsonl.tmp-"), "{}\n");
  std::vector<SkippedInput> skipped;
  auto files = list_inputs({d.file("in")}, "", &skipped);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(relatives(*files),
            (std::vector<std::string>{"data.jsonl.tmp-", "data.tmp-7.jsonl", "notes.tmp-draft.jsonl"}));
  EXPECT_EQ(by_reason(skipped, d)["dpk_temporary"], (std::vector<std::string>{"in/data.jsonl.tmp-77"}));
}

// ln -s .. dir/sub/up: two files are listed once each, the link is a loop.
TEST(ListInputs, ASymlinkLoopIsNotFollowed) {
  ScratchDir d;
  write_file(d.file("in/a.jsonl"), "{}\n");
  write_file(d.file("in/sub/b.jsonl"), "{}\n");
  std::filesystem::create_directory_symlink("..", d.file("in/sub/up"));
  std::filesystem::create_directory_symlink(".", d.file("in/here"));
  std::vector<SkippedInput> skipped;
  auto files = list_inputs({d.file("in")}, "", &skipped);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl", "sub/b.jsonl"}));
  EXPECT_EQ(by_reason(skipped, d)["symlink_loop"], (std::vector<std::string>{"in/here", "in/sub/up"}));
}

TEST(ListInputs, LinksAreFollowedOnceAndNeverOutOfTheInputFolder) {
  ScratchDir d;
  write_file(d.file("in/real/a.jsonl"), "{}\n");
  write_file(d.file("elsewhere/x.jsonl"), "{}\n");
  write_file(d.file("blobs/b1"), "{}\n");
  std::filesystem::create_directory_symlink("../elsewhere", d.file("in/far"));
  std::filesystem::create_directory_symlink("real", d.file("in/alias"));  // sorts first, still listed as real/
  std::filesystem::create_symlink("../blobs/b1", d.file("in/b.jsonl"));   // a file link out: skipped
  std::filesystem::create_symlink("real/a.jsonl", d.file("in/z.jsonl"));  // the same file again
  std::filesystem::create_symlink("missing", d.file("in/gone.jsonl"));
  std::vector<SkippedInput> skipped;
  auto files = list_inputs({d.file("in")}, "", &skipped);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"real/a.jsonl"}));
  auto m = by_reason(skipped, d);
  EXPECT_EQ(m["link_outside_input"], (std::vector<std::string>{"in/b.jsonl", "in/far"}));
  EXPECT_EQ(m["duplicate"], (std::vector<std::string>{"in/alias", "in/z.jsonl"}));
  EXPECT_EQ(m["broken_link"], (std::vector<std::string>{"in/gone.jsonl"}));
}

TEST(ListInputs, FifosAreNotRead) {
  ScratchDir d;
  write_file(d.file("in/a.jsonl"), "{}\n");
  ASSERT_EQ(::mkfifo(d.file("in/pipe.jsonl").c_str(), 0600), 0);
  std::vector<SkippedInput> skipped;
  auto files = list_inputs({d.file("in")}, "", &skipped);
  ASSERT_TRUE(files.ok()) << files.status().message();
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl"}));
  EXPECT_EQ(by_reason(skipped, d)["not_regular_file"], (std::vector<std::string>{"in/pipe.jsonl"}));
}

TEST(ListInputs, GlobMatchesRelativePathOrName) {
  ScratchDir d;
  make_tree(d);
  auto files = list_inputs({d.file("in")}, "*.jsonl*");
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"a.jsonl.zst", "b.jsonl", "sub/c.jsonl.gz",
                                                          "sub/deeper/a.jsonl"}));
  files = list_inputs({d.file("in")}, "sub/*.gz");
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(relatives(*files), (std::vector<std::string>{"sub/c.jsonl.gz"}));
  files = list_inputs({d.file("in")}, "*.parquet");
  ASSERT_TRUE(files.ok());
  EXPECT_TRUE(files->empty());
}

TEST(ListInputs, FilesKeepArgumentOrderAndStdin) {
  ScratchDir d;
  make_tree(d);
  auto files = list_inputs({d.file("in/z.txt"), "-", d.file("in/b.jsonl")}, "*.jsonl");
  ASSERT_TRUE(files.ok());
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].relative, "z.txt");  // an explicit file is not filtered by the glob
  EXPECT_EQ((*files)[1].path, "-");
  EXPECT_EQ((*files)[2].relative, "b.jsonl");
  auto none = list_inputs({}, "");
  ASSERT_TRUE(none.ok());
  ASSERT_EQ(none->size(), 1u);
  EXPECT_EQ((*none)[0].path, "-");
}

TEST(ListInputs, MissingPathIsAUsageErrorNamingIt) {
  ScratchDir d;
  make_tree(d);
  const std::string missing = d.file("in/no-such.jsonl");
  auto files = list_inputs({d.file("in/b.jsonl"), missing}, "");
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kUsage);
  EXPECT_NE(files.status().message().find(missing), std::string::npos) << files.status().message();
}

std::vector<InputFile> n_files(size_t n) {
  std::vector<InputFile> v;
  for (size_t i = 0; i < n; ++i) v.push_back({"f" + std::to_string(i), "f" + std::to_string(i), i});
  return v;
}

TEST(ShardFiles, ShardsAreADisjointCover) {
  for (size_t n : {0u, 1u, 2u, 7u, 30u}) {
    const auto all = n_files(n);
    for (int count : {1, 2, 3, 5, 8}) {
      std::multiset<std::string> seen;
      size_t smallest = SIZE_MAX, largest = 0;
      for (int i = 0; i < count; ++i) {
        auto mine = shard_files(all, i, count);
        smallest = std::min(smallest, mine.size());
        largest = std::max(largest, mine.size());
        for (const auto& f : mine) seen.insert(f.path);
      }
      ASSERT_EQ(seen.size(), n) << "n=" << n << " count=" << count;
      for (const auto& f : all) EXPECT_EQ(seen.count(f.path), 1u) << f.path << " n=" << n << " count=" << count;
      EXPECT_LE(largest - smallest, 1u) << "unbalanced shards";
    }
  }
}

TEST(ShardFiles, ShardKeepsSortedOrder) {
  auto mine = shard_files(n_files(10), 1, 3);
  ASSERT_EQ(mine.size(), 3u);
  EXPECT_EQ(mine[0].path, "f1");
  EXPECT_EQ(mine[1].path, "f4");
  EXPECT_EQ(mine[2].path, "f7");
}

// Sets environment variables for one test and restores them.
class EnvGuard {
 public:
  explicit EnvGuard(std::vector<std::string> names) : names_(std::move(names)) {
    for (const auto& n : names_) {
      const char* v = std::getenv(n.c_str());
      saved_.push_back(v ? std::optional<std::string>(v) : std::nullopt);
      ::unsetenv(n.c_str());
    }
  }
  ~EnvGuard() {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (saved_[i]) ::setenv(names_[i].c_str(), saved_[i]->c_str(), 1);
      else ::unsetenv(names_[i].c_str());
    }
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::optional<std::string>> saved_;
};

const std::vector<std::string> kShardVars = {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN",
                                             "SLURM_ARRAY_TASK_MAX",
                                             "OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE", "PMI_RANK", "PMI_SIZE"};

TEST(ShardFromEnvironment, DefaultIsOneShard) {
  EnvGuard g(kShardVars);
  auto a = *shard_from_environment();
  EXPECT_EQ(a.index, 0);
  EXPECT_EQ(a.count, 1);
  EXPECT_EQ(a.from, "default");
}

TEST(ShardFromEnvironment, SlurmArray) {
  EnvGuard g(kShardVars);
  ::setenv("SLURM_ARRAY_TASK_ID", "2", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
  auto a = *shard_from_environment();
  EXPECT_EQ(a.index, 2);
  EXPECT_EQ(a.count, 4);
  EXPECT_EQ(a.from, "slurm");
  // sbatch --array=1-4: ids start at SLURM_ARRAY_TASK_MIN.
  ::setenv("SLURM_ARRAY_TASK_ID", "3", 1);
  ::setenv("SLURM_ARRAY_TASK_MIN", "1", 1);
  a = *shard_from_environment();
  EXPECT_EQ(a.index, 2);
  EXPECT_EQ(a.count, 4);
}

TEST(ShardFromEnvironment, SlurmWinsOverMpiAndMpiIsUsedAlone) {
  EnvGuard g(kShardVars);
  ::setenv("OMPI_COMM_WORLD_RANK", "5", 1);
  ::setenv("OMPI_COMM_WORLD_SIZE", "8", 1);
  auto a = *shard_from_environment();
  EXPECT_EQ(a.index, 5);
  EXPECT_EQ(a.count, 8);
  EXPECT_EQ(a.from, "mpi");
  ::setenv("SLURM_ARRAY_TASK_ID", "0", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "2", 1);
  a = *shard_from_environment();
  EXPECT_EQ(a.from, "slurm");
  EXPECT_EQ(a.count, 2);
}

TEST(ShardFromEnvironment, MalformedOrIncompleteSlurmValuesAreErrors) {
  EnvGuard g(kShardVars);
  ::setenv("SLURM_ARRAY_TASK_ID", "two", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
  auto a = shard_from_environment();
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("SLURM_ARRAY_TASK_ID='two'"), std::string::npos) << a.status().message();
  // An id without the array's size: not a silent one-shard run.
  ::setenv("SLURM_ARRAY_TASK_ID", "1", 1);
  ::setenv("SLURM_ARRAY_TASK_COUNT", "", 1);
  a = shard_from_environment();
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("SLURM_ARRAY_TASK_COUNT is not set"), std::string::npos);
  EXPECT_EQ(a.status().code(), StatusCode::kUsage);
  // --array=0-6:2 gives ids 0,2,4,6 (COUNT=4, MAX=6): not shard indices.
  ::setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
  ::setenv("SLURM_ARRAY_TASK_MIN", "0", 1);
  ::setenv("SLURM_ARRAY_TASK_MAX", "6", 1);
  a = shard_from_environment();
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("not consecutive"), std::string::npos) << a.status().message();
  // An id past the array's end.
  ::setenv("SLURM_ARRAY_TASK_MAX", "3", 1);
  ::setenv("SLURM_ARRAY_TASK_ID", "4", 1);
  a = shard_from_environment();
  ASSERT_FALSE(a.ok());
  ::setenv("SLURM_ARRAY_TASK_ID", "3", 1);
  a = shard_from_environment();
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->index, 3);
  EXPECT_EQ(a->count, 4);
}

}  // namespace
}  // namespace dpk
