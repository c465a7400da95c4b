// libxml_arena.h — a per-thread bump allocator for libxml2 trees.
//
// Building and freeing a DOM is mostly malloc/free of small nodes (a third of
// the parse time with glibc). While a LibxmlArenaScope is alive on a thread,
// libxml2's allocations on that thread come from an arena, frees are no-ops,
// and the scope's end drops the whole tree at once. Nothing allocated inside
// a scope may be used after it: parse, read the tree, leave the scope without
// calling xmlFreeDoc.
//
//   install_libxml_arena();          // once, before any other libxml2 call
//   { LibxmlArenaScope scope; htmlDocPtr d = htmlCtxtReadMemory(...); ... }
#pragma once

namespace dpk {

// Routes libxml2's allocator through the arena (outside a scope it is plain
// malloc/free) and initialises the parser. Idempotent and thread-safe.
void install_libxml_arena();

class LibxmlArenaScope {
 public:
  LibxmlArenaScope();
  ~LibxmlArenaScope();
  LibxmlArenaScope(const LibxmlArenaScope&) = delete;
  LibxmlArenaScope& operator=(const LibxmlArenaScope&) = delete;
};

}  // namespace dpk
