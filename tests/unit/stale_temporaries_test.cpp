// Only dpk's own temporaries (FINAL.tmp-PID) of processes that are gone are
// removed; anything else that looks alike stays.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "../../runtime/src/stale_temporaries.h"
#include "test_util.h"

namespace dpk::runtime {
namespace {

using testing_util::ScratchDir;
using testing_util::write_file;

pid_t dead_pid() {
  pid_t p = ::fork();
  if (p == 0) ::_exit(0);
  ::waitpid(p, nullptr, 0);
  return p;
}

TEST(StaleTemporaries, OnlyTheExactPatternNamesAnOwner) {
  EXPECT_EQ(temporary_owner("a.jsonl.tmp-123", "a.jsonl"), 123);
  EXPECT_FALSE(temporary_owner("a.jsonl.tmp-", "a.jsonl"));
  EXPECT_FALSE(temporary_owner("a.jsonl.tmp-12x", "a.jsonl"));
  EXPECT_FALSE(temporary_owner("a.jsonl.tmp-0", "a.jsonl"));
  EXPECT_FALSE(temporary_owner("b.jsonl.tmp-123", "a.jsonl"));
  EXPECT_FALSE(temporary_owner("a.jsonl.tmp-123.gz", "a.jsonl"));
  EXPECT_FALSE(temporary_owner("a.jsonl", "a.jsonl"));
}

TEST(StaleTemporaries, RemovesThoseOfDeadProcessesBesideTheGivenFiles) {
  ScratchDir d;
  const pid_t dead = dead_pid();
  const std::string gone = d.file("a.jsonl.tmp-" + std::to_string(dead));
  const std::string live = d.file("a.jsonl.tmp-" + std::to_string(::getpid()));
  const std::string other = d.file("b.jsonl.tmp-" + std::to_string(dead));  // not a file this run writes
  for (const auto& f : {gone, live, other}) write_file(f, "x");
  EXPECT_EQ(remove_stale_temporaries({d.file("a.jsonl")}), 1u);
  EXPECT_FALSE(std::filesystem::exists(gone));
  EXPECT_TRUE(std::filesystem::exists(live));
  EXPECT_TRUE(std::filesystem::exists(other));

  write_file(d.file("spool-" + std::to_string(dead) + "-0/input-0.jsonl.zst"), "x");
  write_file(d.file("spool-" + std::to_string(::getpid()) + "-1/input-0.jsonl.zst"), "x");
  write_file(d.file("spool-notes/x"), "x");
  EXPECT_EQ(remove_stale_spools(d.path().string()), 1u);
  EXPECT_FALSE(std::filesystem::exists(d.file("spool-" + std::to_string(dead) + "-0")));
  EXPECT_TRUE(std::filesystem::exists(d.file("spool-" + std::to_string(::getpid()) + "-1")));
  EXPECT_TRUE(std::filesystem::exists(d.file("spool-notes")));
}

}  // namespace
}  // namespace dpk::runtime
