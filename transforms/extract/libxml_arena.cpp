#include "libxml_arena.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace dpk {
namespace {

// Every block carries its size (for realloc) and a tag telling arena blocks
// from malloc'd ones, so a free outside a scope finds its way.
struct alignas(16) Header {
  uint64_t size;
  uint64_t tag;
};
constexpr uint64_t kArenaTag = 0xa7e4a7e4a7e4a7e4ull;
constexpr uint64_t kHeapTag = 0x4ea94ea94ea94ea9ull;
constexpr size_t kChunk = 1 << 20;
// Chunks kept for the next page; more than this is given back.
constexpr size_t kKeepChunks = 32;
// Large blocks (the parser's copy of the page, its buffers) are kept for the
// next page up to this many bytes: a fresh one per page would come from
// mmap, and its page faults cost more than the parse of a small page.
constexpr size_t kKeepBigBytes = size_t{64} << 20;

struct BigBlock {
  char* p;
  size_t size;
};

struct Arena {
  std::vector<char*> chunks;    // chunks[0..used) hold this page's blocks
  std::vector<BigBlock> big;    // blocks larger than a quarter chunk, in use
  std::vector<BigBlock> spare;  // ... and kept from earlier pages
  size_t spare_bytes = 0;
  size_t used = 0;
  char* cur = nullptr;
  size_t left = 0;
  int depth = 0;

  void* take(size_t n) {
    const size_t need = (sizeof(Header) + n + 15) & ~size_t{15};
    if (need > kChunk / 4) return take_big(need, n);
    if (need > left) {
      if (used == chunks.size()) {
        char* c = static_cast<char*>(std::malloc(kChunk));
        if (c == nullptr) return nullptr;
        chunks.push_back(c);
      }
      cur = chunks[used++];
      left = kChunk;
    }
    char* p = cur;
    cur += need;
    left -= need;
    return stamp(p, n);
  }

  void* take_big(size_t need, size_t n) {
    // The smallest spare block that fits.
    size_t best = spare.size();
    for (size_t i = 0; i < spare.size(); ++i) {
      if (spare[i].size >= need && (best == spare.size() || spare[i].size < spare[best].size)) best = i;
    }
    if (best < spare.size()) {
      BigBlock b = spare[best];
      spare[best] = spare.back();
      spare.pop_back();
      spare_bytes -= b.size;
      big.push_back(b);
      return stamp(b.p, n);
    }
    // Rounded up, so that the next page's slightly larger buffer fits too.
    const size_t size = (need + need / 4 + 4095) & ~size_t{4095};
    char* p = static_cast<char*>(std::malloc(size));
    if (p == nullptr) return nullptr;
    big.push_back({p, size});
    return stamp(p, n);
  }

  static void* stamp(char* p, size_t n) {
    auto* h = reinterpret_cast<Header*>(p);
    h->size = n;
    h->tag = kArenaTag;
    return p + sizeof(Header);
  }

  void reset() {
    for (const BigBlock& b : big) {
      if (spare_bytes + b.size <= kKeepBigBytes) {
        spare.push_back(b);
        spare_bytes += b.size;
      } else {
        std::free(b.p);
      }
    }
    big.clear();
    while (chunks.size() > kKeepChunks) {
      std::free(chunks.back());
      chunks.pop_back();
    }
    used = 0;
    cur = nullptr;
    left = 0;
  }

  ~Arena() {
    reset();
    for (const BigBlock& b : spare) std::free(b.p);
    for (char* c : chunks) std::free(c);
  }
};

// initial-exec: this library is linked, not dlopen'ed, and the general
// dynamic model would cost a __tls_get_addr call on every allocation.
thread_local Arena t_arena __attribute__((tls_model("initial-exec")));

Header* header_of(void* p) { return reinterpret_cast<Header*>(static_cast<char*>(p) - sizeof(Header)); }

void* heap_alloc(size_t n) {
  char* p = static_cast<char*>(std::malloc(sizeof(Header) + n));
  if (p == nullptr) return nullptr;
  auto* h = reinterpret_cast<Header*>(p);
  h->size = n;
  h->tag = kHeapTag;
  return p + sizeof(Header);
}

void* arena_malloc(size_t n) { return t_arena.depth > 0 ? t_arena.take(n) : heap_alloc(n); }

void arena_free(void* p) {
  if (p == nullptr) return;
  Header* h = header_of(p);
  if (h->tag == kHeapTag) std::free(h);
  // Arena blocks go with their scope.
}

void* arena_realloc(void* p, size_t n) {
  if (p == nullptr) return arena_malloc(n);
  Header* h = header_of(p);
  if (h->tag == kHeapTag && t_arena.depth == 0) {
    char* q = static_cast<char*>(std::realloc(h, sizeof(Header) + n));
    if (q == nullptr) return nullptr;
    reinterpret_cast<Header*>(q)->size = n;
    return q + sizeof(Header);
  }
  void* q = arena_malloc(n);
  if (q == nullptr) return nullptr;
  std::memcpy(q, p, h->size < n ? h->size : n);
  arena_free(p);
  return q;
}

char* arena_strdup(const char* s) {
  const size_t n = std::strlen(s) + 1;
  char* q = static_cast<char*>(arena_malloc(n));
  if (q != nullptr) std::memcpy(q, s, n);
  return q;
}

}  // namespace

void install_libxml_arena() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup);
    xmlInitParser();
  });
}

LibxmlArenaScope::LibxmlArenaScope() { ++t_arena.depth; }

LibxmlArenaScope::~LibxmlArenaScope() {
  if (t_arena.depth == 1) {
    // libxml2 keeps the thread's last error (its message strings come from
    // the arena) beyond the parse; free it now, or its thread-exit cleanup
    // would free blocks of an arena that is gone.
    xmlResetLastError();
  }
  if (--t_arena.depth == 0) t_arena.reset();
}

}  // namespace dpk
