#include "output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "dpk/runtime/run_summary.h"

namespace dpk::runtime {

namespace {

std::string read_holder(int fd, const std::string& unnamed) {
  char buf[512];
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string s(buf, n > 0 ? static_cast<size_t>(n) : 0);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.empty() ? unnamed : s;
}

void write_holder(int fd, const std::string& tool) {
  char host[256] = "?";
  ::gethostname(host, sizeof host - 1);
  const std::string who =
      "pid " + std::to_string(::getpid()) + " on " + host + " (" + tool + ", since " + utc_now_iso() + ")\n";
  if (::ftruncate(fd, 0) == 0 && ::pwrite(fd, who.data(), who.size(), 0) < 0) {
    // The holder's name is a courtesy for the run refused; the lock stands without it.
  }
}

// Locks `path` (created if needed); -1 and a status when held or failing.
StatusOr<int> lock_file(const std::string& path, int how, const std::string& dir, const std::string& unnamed) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io(path + ": cannot open the output lock: " + std::strerror(errno));
  if (::flock(fd, how | LOCK_NB) != 0) {
    const int err = errno;
    if (err == EWOULDBLOCK) {
      std::string holder = read_holder(fd, unnamed);
      ::close(fd);
      return Status::Io(dir + ": another run is writing this output directory (" + holder +
                        "); wait for it to end, or write elsewhere");
    }
    ::close(fd);
    // A file system without flock (some network mounts): run unguarded.
    if (err == ENOLCK || err == EOPNOTSUPP || err == ENOSYS) return -1;
    return Status::Io(path + ": cannot lock: " + std::strerror(err));
  }
  return fd;
}

}  // namespace

StatusOr<std::unique_ptr<OutputLock>> OutputLock::take(const std::string& dir, const ShardAssignment& shard,
                                                       const std::string& tool) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  const std::string records = d + "/.dpk";
  std::error_code ec;
  std::filesystem::create_directories(records, ec);
  if (ec) return Status::Io(records + ": cannot create: " + ec.message());
  std::unique_ptr<OutputLock> lock(new OutputLock());
  const bool sharded = shard.count > 1;
  // Shards hold the whole-directory lock shared and do not sign it.
  auto whole = lock_file(records + "/lock", sharded ? LOCK_SH : LOCK_EX, d,
                         "the shards of a sharded run: see " + records + "/lock-shard-*");
  if (!whole.ok()) return whole.status();
  lock->whole_ = *whole;
  if (!sharded) {
    if (lock->whole_ >= 0) write_holder(lock->whole_, tool);
    return lock;
  }
  auto mine = lock_file(records + "/lock-shard-" + std::to_string(shard.index) + "-of-" +
                            std::to_string(shard.count),
                        LOCK_EX, d, "another run of this shard");
  if (!mine.ok()) return mine.status();
  lock->shard_ = *mine;
  if (lock->shard_ >= 0) write_holder(lock->shard_, tool);
  return lock;
}

OutputLock::~OutputLock() {
  // Unsigned before unlocking: a later refusal never names a run that ended.
  if (shard_ >= 0) {
    if (::ftruncate(shard_, 0) != 0) {}
    ::close(shard_);
  }
  if (whole_ >= 0) {
    if (shard_ < 0 && ::ftruncate(whole_, 0) != 0) {}
    ::close(whole_);
  }
}

}  // namespace dpk::runtime
