// A cluster of one process: what every run is without MPI.
#include <cstdio>
#include <cstdlib>

#include "cluster_common.h"

namespace dpk::runtime {

SingleProcess& single_process() {
  static SingleProcess one;
  return one;
}

void SingleProcess::abort(const std::string& why, int code) {
  std::fprintf(stderr, "%s\n", why.c_str());
  std::exit(code);
}

bool launched_by_mpi() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* s = std::getenv(v);
    if (s != nullptr && *s != '\0') return true;
  }
  return false;
}

int mpi_world_size_from_environment() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* s = std::getenv(v);
    if (s != nullptr && *s != '\0') return std::atoi(s);
  }
  return 1;
}

}  // namespace dpk::runtime
