// replay_main.cpp — runs a fuzz target without libFuzzer: every file of a seed
// corpus, then a fixed number of deterministic mutations of them (bit flips,
// byte edits, truncations, inserted and deleted runs, splices of two seeds),
// through LLVMFuzzerTestOneInput. Built by the normal compiler into one small
// binary per target, so ctest (and the ASan/UBSan build) exercises every
// parser's fuzz target on every run.
//
//   fuzz_replay_warc_reader [--mutations N] [--seed S] CORPUS_DIR|FILE...
//   fuzz_replay_warc_reader --seed S --only K [--dump FILE] CORPUS_DIR|FILE...
//
// The PRNG is splitmix64 with a fixed seed, and each draw is its own
// statement (the order in which operands are evaluated is up to the
// compiler): the same mutations on every machine and compiler. A crash prints which input it was (a seed file, or
// mutation K of the run), so `--only K` replays just that one, and
// `--only K --dump FILE` writes it out to become a regression seed.
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(next() % n); }
};

struct Seed {
  std::string name;
  std::string bytes;
};

// What the input being run is, for the crash message.
const char* g_current = "";
std::string g_current_name;

void on_crash(int sig) {
  // Only async-signal-safe calls here.
  const char prefix[] = "\nfuzz replay: crashed on input: ";
  (void)!write(2, prefix, sizeof prefix - 1);
  (void)!write(2, g_current, std::strlen(g_current));
  (void)!write(2, "\n", 1);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Bytes that tend to matter to parsers: delimiters, quotes, escapes, digits.
constexpr char kInteresting[] = "\0\n\r \t:;<>/\\\"'{}[]&#=-0123456789fF\x7f\x80\xbf\xc3\xe2\xef\xf0\xff";

void mutate(std::string& s, const std::vector<Seed>& seeds, SplitMix64& rng) {
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    switch (rng.below(8)) {
      case 0: {  // flip one bit
        if (s.empty()) break;
        const size_t at = rng.below(s.size());
        s[at] = static_cast<char>(s[at] ^ (1u << rng.below(8)));
        break;
      }
      case 1: {  // set a byte to an interesting value
        if (s.empty()) break;
        const size_t at = rng.below(s.size());
        s[at] = kInteresting[rng.below(sizeof kInteresting - 1)];
        break;
      }
      case 2:  // truncate
        s.resize(rng.below(s.size() + 1));
        break;
      case 3: {  // delete a run
        if (s.empty()) break;
        size_t at = rng.below(s.size());
        s.erase(at, 1 + rng.below(std::min<size_t>(64, s.size() - at)));
        break;
      }
      case 4: {  // insert random bytes
        size_t at = rng.below(s.size() + 1);
        std::string ins(1 + rng.below(16), '\0');
        for (char& c : ins) c = static_cast<char>(rng.next());
        s.insert(at, ins);
        break;
      }
      case 5: {  // duplicate a run in place
        if (s.empty()) break;
        size_t at = rng.below(s.size());
        size_t len = 1 + rng.below(std::min<size_t>(256, s.size() - at));
        s.insert(at, s.substr(at, len));
        break;
      }
      case 6: {  // splice: our head, another seed's tail
        const std::string& other = seeds[rng.below(seeds.size())].bytes;
        const size_t head = rng.below(s.size() + 1);
        const size_t tail = rng.below(other.size() + 1);
        s = s.substr(0, head) + other.substr(tail);
        break;
      }
      default: {  // overwrite with a decimal number (lengths, chunk sizes)
        if (s.empty()) break;
        const uint64_t value = rng.next();
        std::string num = std::to_string(value >> rng.below(64));
        size_t at = rng.below(s.size());
        s.replace(at, std::min(num.size(), s.size() - at), num);
        break;
      }
    }
  }
}

int usage() {
  std::fprintf(stderr, "usage: fuzz_replay [--mutations N] [--seed S] [--only K [--dump FILE]] CORPUS...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long mutations = 2000;
  uint64_t seed = 1;
  long only = -1;
  std::string dump;
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mutations" && i + 1 < argc) mutations = std::atol(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--only" && i + 1 < argc) only = std::atol(argv[++i]);
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a.rfind("--", 0) == 0) return usage();
    else paths.emplace_back(a);
  }
  if (paths.empty() || (!dump.empty() && only < 0)) return usage();

  std::vector<Seed> seeds;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::directory_iterator(p)) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
      std::sort(files.begin(), files.end());  // directory order differs between file systems
      for (const auto& f : files) {
        Seed s{f.filename().string(), {}};
        if (read_file(f, s.bytes)) seeds.push_back(std::move(s));
      }
    } else {
      Seed s{p.filename().string(), {}};
      if (!read_file(p, s.bytes)) {
        std::fprintf(stderr, "fuzz replay: cannot read %s\n", p.c_str());
        return 2;
      }
      seeds.push_back(std::move(s));
    }
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "fuzz replay: no seed inputs under the given paths\n");
    return 2;
  }
  std::signal(SIGSEGV, on_crash);
  std::signal(SIGABRT, on_crash);
  std::signal(SIGBUS, on_crash);
  std::signal(SIGFPE, on_crash);

  auto run = [](const std::string& bytes) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  };
  if (only < 0) {
    for (const Seed& s : seeds) {
      g_current_name = "seed " + s.name;
      g_current = g_current_name.c_str();
      run(s.bytes);
    }
  }
  SplitMix64 rng{seed};
  std::string input;
  size_t total_bytes = 0;
  for (long k = 0; k < mutations; ++k) {
    const Seed& base = seeds[rng.below(seeds.size())];
    input = base.bytes;
    mutate(input, seeds, rng);
    if (only >= 0 && k != only) continue;
    if (!dump.empty()) {
      std::ofstream(dump, std::ios::binary).write(input.data(), static_cast<std::streamsize>(input.size()));
      std::printf("fuzz replay: wrote mutation %ld (%zu bytes) to %s\n", k, input.size(), dump.c_str());
      return 0;
    }
    g_current_name = "mutation " + std::to_string(k) + " of seed " + base.name + " (--seed " + std::to_string(seed) +
                     " --only " + std::to_string(k) + ")";
    g_current = g_current_name.c_str();
    total_bytes += input.size();
    run(input);
  }
  std::printf("fuzz replay: %zu seeds and %ld mutations (%zu bytes) ran clean\n", seeds.size(),
              only >= 0 ? 1L : mutations, total_bytes);
  return 0;
}
