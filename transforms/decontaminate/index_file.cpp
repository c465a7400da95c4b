#include "index_file.h"

#include <cstdio>
#include <cstring>
#include <fstream>

#include "ngram_index.h"

namespace dpk::decontaminate {
namespace {

constexpr char kMagic[8] = {'D', 'P', 'K', 'N', 'G', 'I', 'X', '1'};

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  template <class T>
  bool get(T& v) {
    if (b_.size() - at_ < sizeof v) return false;
    std::memcpy(&v, b_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  bool get_bytes(size_t n, std::string_view& v) {
    if (b_.size() - at_ < n) return false;
    v = b_.substr(at_, n);
    at_ += n;
    return true;
  }
  bool at_end() const { return at_ == b_.size(); }

 private:
  std::string_view b_;
  size_t at_ = 0;
};

}  // namespace

Status write_index_file(const std::string& path, const LoadedBenchmarks& b, int n) {
  std::string out(kMagic, sizeof kMagic);
  put<uint32_t>(out, static_cast<uint32_t>(n));
  put<uint32_t>(out, static_cast<uint32_t>(b.names.size()));
  for (size_t i = 0; i < b.names.size(); ++i) {
    put<uint32_t>(out, static_cast<uint32_t>(b.names[i].size()));
    out += b.names[i];
    put<uint64_t>(out, b.texts[i]);
  }
  put<uint64_t>(out, b.index.size());
  out.append(reinterpret_cast<const char*>(b.index.hashes().data()), b.index.size() * sizeof(uint64_t));
  out.append(reinterpret_cast<const char*>(b.index.benchmarks().data()), b.index.size() * sizeof(uint16_t));
  const std::string tmp = path + ".dpk-tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f || !f.write(out.data(), static_cast<std::streamsize>(out.size())) || !f.flush()) {
      std::remove(tmp.c_str());
      return Status::Io("cannot write " + path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::Io("cannot write " + path);
  }
  return Status::Ok();
}

StatusOr<IndexFile> read_index_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::Usage("--work: cannot open " + path);
  const std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  const Status bad = Status::Usage("--work: " + path + " is not a complete dpk-decontaminate index");
  Reader r(bytes);
  std::string_view magic;
  if (!r.get_bytes(sizeof kMagic, magic) || magic != std::string_view(kMagic, sizeof kMagic)) return bad;
  IndexFile out;
  uint32_t n = 0, count = 0;
  if (!r.get(n) || !r.get(count) || n < 1 || n > static_cast<uint32_t>(kMaxNgram) || count > 65535) return bad;
  out.n = static_cast<int>(n);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t len = 0;
    std::string_view name;
    uint64_t texts = 0;
    if (!r.get(len) || !r.get_bytes(len, name) || !r.get(texts)) return bad;
    out.benchmarks.names.emplace_back(name);
    out.benchmarks.texts.push_back(texts);
  }
  uint64_t size = 0;
  if (!r.get(size) || size > bytes.size() / 10) return bad;
  std::vector<uint64_t> hashes(size);
  std::vector<uint16_t> ids(size);
  std::string_view h, b;
  if (!r.get_bytes(size * 8, h) || !r.get_bytes(size * 2, b) || !r.at_end()) return bad;
  std::memcpy(hashes.data(), h.data(), h.size());
  std::memcpy(ids.data(), b.data(), b.size());
  for (uint16_t id : ids) {
    if (id >= count) return bad;
  }
  if (!NgramIndex::from_sorted(std::move(hashes), std::move(ids), out.benchmarks.index)) return bad;
  return out;
}

}  // namespace dpk::decontaminate
