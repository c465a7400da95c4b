// Built without MPI: a run started by mpirun with several ranks cannot
// exchange the data of its global steps, so it fails instead of writing
// per-rank results that differ from a one-process run.
#include "cluster_common.h"

namespace dpk::runtime {

bool built_with_mpi() { return false; }

StatusOr<Cluster*> cluster() {
  if (launched_by_mpi() && mpi_world_size_from_environment() > 1) {
    return Status::Usage("started by mpirun with " + std::to_string(mpi_world_size_from_environment()) +
                         " ranks, but this dpk was built without MPI (configure with -DDPK_WITH_MPI=ON)");
  }
  return static_cast<Cluster*>(&single_process());
}

}  // namespace dpk::runtime
