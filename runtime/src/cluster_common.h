// Shared by the MPI and the no-MPI cluster implementations.
#pragma once

#include "dpk/runtime/cluster.h"

namespace dpk::runtime {

class SingleProcess final : public Cluster {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Status allgather(std::string_view mine, std::vector<std::string>& all) override {
    all.assign(1, std::string(mine));
    return Status::Ok();
  }
  Status barrier() override { return Status::Ok(); }
  [[noreturn]] void abort(const std::string& why, int code) override;
};

SingleProcess& single_process();
int mpi_world_size_from_environment();

}  // namespace dpk::runtime
