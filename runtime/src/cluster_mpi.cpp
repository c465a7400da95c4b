// The MPI cluster: initialized on first use when mpirun started this
// process, finalized at exit. Bytes move in chunks below 2^31 so a
// global step's state of any size can be exchanged.
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cluster_common.h"

namespace dpk::runtime {
namespace {

constexpr size_t kChunk = size_t{1} << 30;

class MpiCluster final : public Cluster {
 public:
  MpiCluster() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    // Errors end the job instead of returning codes nobody could act on
    // while the other ranks wait.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiCluster() override {
    int finalized = 0;
    MPI_Finalized(&finalized);
    if (!finalized) MPI_Finalize();
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  Status allgather(std::string_view mine, std::vector<std::string>& all) override {
    wait_for_all();
    std::vector<uint64_t> sizes(static_cast<size_t>(size_));
    uint64_t my_size = mine.size();
    MPI_Allgather(&my_size, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
    all.assign(static_cast<size_t>(size_), std::string());
    // One broadcast per rank: each rank's bytes reach all others, chunked.
    for (int r = 0; r < size_; ++r) {
      std::string& buf = all[static_cast<size_t>(r)];
      if (r == rank_) {
        buf.assign(mine);
      } else {
        buf.resize(sizes[static_cast<size_t>(r)]);
      }
      for (size_t off = 0; off < buf.size(); off += kChunk) {
        const int n = static_cast<int>(std::min(kChunk, buf.size() - off));
        MPI_Bcast(buf.data() + off, n, MPI_BYTE, r, MPI_COMM_WORLD);
      }
    }
    return Status::Ok();
  }

  Status barrier() override {
    wait_for_all();
    return Status::Ok();
  }

  [[noreturn]] void abort(const std::string& why, int code) override {
    std::fprintf(stderr, "dpk: rank %d of %d: %s\n", rank_, size_, why.c_str());
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, code);
    std::_Exit(code);
  }

 private:
  // A rank that finished its pass early waits here for the slowest one.
  // OpenMPI's blocking collectives spin on a core while they wait; polling a
  // non-blocking barrier with short sleeps leaves that core to the worker
  // threads of ranks sharing the node.
  void wait_for_all() {
    MPI_Request req;
    MPI_Ibarrier(MPI_COMM_WORLD, &req);
    int done = 0;
    for (;;) {
      MPI_Test(&req, &done, MPI_STATUS_IGNORE);
      if (done) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }

  int rank_ = 0, size_ = 1;
};

}  // namespace

bool built_with_mpi() { return true; }

StatusOr<Cluster*> cluster() {
  if (!launched_by_mpi()) return static_cast<Cluster*>(&single_process());
  static MpiCluster mpi;  // MPI_Finalize runs with static destructors
  return static_cast<Cluster*>(&mpi);
}

}  // namespace dpk::runtime
