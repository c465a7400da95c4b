// A pipe that stalls with whole lines read: the reader hands them on after
// the flush interval instead of waiting for a full block or the end.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "dpk/compression.h"
#include "dpk/line_blocks.h"

namespace dpk {
namespace {

// Writes `first` into a pipe, then waits until told that the reader has a
// block (or `patience` at most), then writes `second` and ends the stream. The
// first block holds `first` alone only when the reader did not wait for more.
class StallingPipe {
 public:
  StallingPipe(std::string first, std::string second,
               std::chrono::milliseconds patience = std::chrono::seconds(10)) {
    EXPECT_EQ(::pipe(fds_), 0);
    writer_ = std::thread([this, first = std::move(first), second = std::move(second), patience] {
      write_all(first);
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, patience, [this] { return got_block_; });
      lock.unlock();
      write_all(second);
      ::close(fds_[1]);
    });
  }
  ~StallingPipe() {
    block_seen();
    writer_.join();
    ::close(fds_[0]);
  }
  // A path open_input() reads the pipe through.
  std::string path() const { return "/dev/fd/" + std::to_string(fds_[0]); }
  void block_seen() {
    std::lock_guard<std::mutex> lock(mu_);
    got_block_ = true;
    cv_.notify_all();
  }

 private:
  void write_all(const std::string& s) {
    size_t at = 0;
    while (at < s.size()) {
      ssize_t w = ::write(fds_[1], s.data() + at, s.size() - at);
      if (w <= 0) return;
      at += static_cast<size_t>(w);
    }
  }
  int fds_[2] = {-1, -1};
  std::thread writer_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool got_block_ = false;
};

std::string compressed(Codec codec, const std::string& text) {
  std::string out;
  BlockCompressor c(codec, 1);
  EXPECT_TRUE(c.compress(text, out).ok());
  return out;
}

class LineBlocksStall : public ::testing::TestWithParam<Codec> {};

TEST_P(LineBlocksStall, WholeLinesGoOnAfterTheFlushInterval) {
  const Codec codec = GetParam();
  // A whole line and the start of the next: only the whole one goes on.
  StallingPipe pipe(compressed(codec, "{\"id\":1}\n{\"id\""), compressed(codec, ":2}\n"));
  auto src = open_input(pipe.path());
  ASSERT_TRUE(src.ok()) << src.status().message();
  EXPECT_TRUE((*src)->can_stall());
  LineBlockReader r(std::move(*src), 1 << 20);
  r.set_flush_interval(std::chrono::milliseconds(100));
  LineBlock b;
  auto more = r.next(b);
  pipe.block_seen();
  ASSERT_TRUE(more.ok()) << more.status().message();
  ASSERT_TRUE(*more);
  EXPECT_EQ(b.bytes(), "{\"id\":1}\n");
  EXPECT_EQ(b.first_line, 1u);
  more = r.next(b);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(b.bytes(), "{\"id\":2}\n");
  EXPECT_EQ(b.first_line, 2u);
  more = r.next(b);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

INSTANTIATE_TEST_SUITE_P(Codecs, LineBlocksStall, ::testing::Values(Codec::kNone, Codec::kGzip, Codec::kZstd));

TEST(LineBlocksStall, WithoutAnIntervalTheBlockWaitsForTheEnd) {
  StallingPipe pipe("{\"id\":1}\n", "{\"id\":2}\n", std::chrono::milliseconds(500));
  auto src = open_input(pipe.path());
  ASSERT_TRUE(src.ok());
  LineBlockReader r(std::move(*src), 1 << 20);
  // The writer goes on once its wait ends, as nobody tells it of a block.
  LineBlock b;
  auto more = r.next(b);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_EQ(b.bytes(), "{\"id\":1}\n{\"id\":2}\n");
}

TEST(LineBlocksStall, AFileNeverStalls) {
  char name[] = "/tmp/dpk-stall-XXXXXX";
  int fd = ::mkstemp(name);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "{}\n", 3), 3);
  ::close(fd);
  auto src = open_input(name);
  ::unlink(name);
  ASSERT_TRUE(src.ok());
  EXPECT_FALSE((*src)->can_stall());
}

}  // namespace
}  // namespace dpk
