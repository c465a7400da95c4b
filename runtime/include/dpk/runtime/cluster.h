// dpk/runtime/cluster.h — the processes of one run, when a run is spread
// over several (mpirun -np N dpk run ...). Everything the runtime needs from
// MPI goes through this interface, so no transform includes mpi.h and a build
// without MPI has a one-process implementation.
//
//   Cluster& c = cluster();            // MPI when launched by mpirun, else one process
//   std::vector<std::string> parts;
//   c.allgather(mine, parts);          // parts[r] = rank r's bytes, on every rank
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dpk/status.h"

namespace dpk::runtime {

class Cluster {
 public:
  virtual ~Cluster() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Every rank gets every rank's bytes, indexed by rank. Any size.
  virtual Status allgather(std::string_view mine, std::vector<std::string>& all) = 0;
  virtual Status barrier() = 0;
  // Ends every process of the run with `code` after printing `why` (with
  // this rank) to stderr; the other ranks do not wait on this one.
  [[noreturn]] virtual void abort(const std::string& why, int code) = 0;
};

// True when the environment says this process was started by an MPI
// launcher (OMPI_COMM_WORLD_SIZE or PMI_SIZE set).
bool launched_by_mpi();
// Whether this build can talk MPI (-DDPK_WITH_MPI).
bool built_with_mpi();

// The cluster of this process: MPI (initialized on first use) when launched
// by mpirun and built with MPI, else a cluster of one. Fails when launched by
// mpirun with more than one rank but built without MPI.
StatusOr<Cluster*> cluster();

}  // namespace dpk::runtime
