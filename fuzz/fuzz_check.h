// fuzz_check.h — what every fuzz target may assert beyond "no crash".
//
// FUZZ_CHECK(cond) aborts with the condition and its place when a contract
// of the code under test is broken (output that is not valid UTF-8, a JSON
// line that does not parse): libFuzzer and the replay driver both report an
// abort as a failing input, so the oracle works under either.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                              \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)
