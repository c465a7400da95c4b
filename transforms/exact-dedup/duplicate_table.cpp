#include "duplicate_table.h"

#include <algorithm>
#include <cstring>

namespace dpk::exact_dedup {

std::string position_text(uint64_t pos) {
  return std::to_string(position_file(pos)) + ":" + std::to_string(position_line(pos));
}

namespace {

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
bool get(std::string_view& in, T& v) {
  if (in.size() < sizeof v) return false;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return true;
}

uint64_t add_id(std::string& ids, std::string_view id) {
  uint64_t ref = ids.size();
  put(ids, static_cast<uint32_t>(id.size()));
  ids.append(id);
  return ref;
}

std::string_view id_at(const std::string& ids, uint64_t ref) {
  if (ref == kNoId) return {};
  uint32_t n;
  std::memcpy(&n, ids.data() + ref, sizeof n);
  return std::string_view(ids).substr(ref + sizeof n, n);
}

}  // namespace

void HashRecords::add(uint64_t hi, uint64_t lo, uint64_t pos, const std::string_view* id) {
  records.push_back({hi, lo, pos, id ? add_id(ids, *id) : kNoId});
}

void HashRecords::append(HashRecords&& other) {
  const uint64_t base = ids.size();
  ids.append(other.ids);
  records.reserve(records.size() + other.records.size());
  for (auto r : other.records) {
    if (r.id_ref != kNoId) r.id_ref += base;
    records.push_back(r);
  }
  other.clear();
}

std::string_view HashRecords::id(uint64_t ref) const { return id_at(ids, ref); }

void HashRecords::clear() {
  std::vector<HashRecord>().swap(records);
  std::string().swap(ids);
}

void HashRecords::serialize(std::string& out) const {
  for (const auto& r : records) {
    put(out, r.hi);
    put(out, r.lo);
    put(out, r.pos);
    std::string_view id = id_at(ids, r.id_ref);
    put(out, static_cast<uint32_t>(r.id_ref == kNoId ? UINT32_MAX : id.size()));
    out.append(id);
  }
}

Status HashRecords::parse(std::string_view in, const std::string& where) {
  while (!in.empty()) {
    uint64_t hi, lo, pos;
    uint32_t n;
    if (!get(in, hi) || !get(in, lo) || !get(in, pos) || !get(in, n) ||
        (n != UINT32_MAX && in.size() < n)) {
      return Status::Data(where + ": truncated hash record file");
    }
    if (n == UINT32_MAX) {
      records.push_back({hi, lo, pos, kNoId});
    } else {
      std::string_view id = in.substr(0, n);
      in.remove_prefix(n);
      add(hi, lo, pos, &id);
    }
  }
  return Status::Ok();
}

void DuplicateTable::add_groups(HashRecords& recs, bool keep_members) {
  auto& r = recs.records;
  std::sort(r.begin(), r.end(), [](const HashRecord& a, const HashRecord& b) {
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    return a.pos < b.pos;
  });
  for (size_t i = 0; i < r.size();) {
    size_t j = i + 1;
    while (j < r.size() && r[j].hi == r[i].hi && r[j].lo == r[i].lo) ++j;
    if (j - i > 1) {
      const uint64_t id_ref = r[i].id_ref == kNoId ? kNoId : add_id(ids_, recs.id(r[i].id_ref));
      for (size_t k = keep_members ? i : i + 1; k < j; ++k) {
        entries_.push_back({r[k].pos, r[i].pos, j - i, id_ref});
      }
    }
    i = j;
  }
  recs.clear();
}

void DuplicateTable::serialize(std::string& out) const {
  for (const auto& e : entries_) {
    put(out, e.pos);
    put(out, e.kept_pos);
    put(out, e.count);
    std::string_view id = id_at(ids_, e.id_ref);
    put(out, static_cast<uint32_t>(e.id_ref == kNoId ? UINT32_MAX : id.size()));
    out.append(id);
  }
}

Status DuplicateTable::parse(std::string_view in, const std::string& where, int shard_index, int shard_count) {
  while (!in.empty()) {
    DupEntry e;
    uint32_t n;
    if (!get(in, e.pos) || !get(in, e.kept_pos) || !get(in, e.count) || !get(in, n) ||
        (n != UINT32_MAX && in.size() < n)) {
      return Status::Data(where + ": truncated duplicate file");
    }
    std::string_view id = n == UINT32_MAX ? std::string_view() : in.substr(0, n);
    if (n != UINT32_MAX) in.remove_prefix(n);
    if (position_file(e.pos) % static_cast<uint64_t>(shard_count) != static_cast<uint64_t>(shard_index)) continue;
    e.id_ref = n == UINT32_MAX ? kNoId : add_id(ids_, id);
    entries_.push_back(e);
  }
  return Status::Ok();
}

void DuplicateTable::seal() {
  std::sort(entries_.begin(), entries_.end(), [](const DupEntry& a, const DupEntry& b) { return a.pos < b.pos; });
}

const DupEntry* DuplicateTable::find(uint64_t pos) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), pos,
                             [](const DupEntry& e, uint64_t p) { return e.pos < p; });
  return it != entries_.end() && it->pos == pos ? &*it : nullptr;
}

std::string_view DuplicateTable::kept_id(const DupEntry& e) const { return id_at(ids_, e.id_ref); }

uint64_t DuplicateTable::copies() const {
  uint64_t n = 0;
  for (const auto& e : entries_) n += e.pos != e.kept_pos;
  return n;
}

}  // namespace dpk::exact_dedup
