#include "pii_rewriter.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <bitset>
#include <cstring>

namespace dpk::pii {

PiiRewriter::PiiRewriter(PiiMode mode, std::string_view tmpl, std::string key)
    : mode_(mode), key_(std::move(key)) {
  std::string cur;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl.substr(i, 6) == "{type}" || tmpl.substr(i, 6) == "{hash}") {
      pieces_.push_back(cur);
      holes_.push_back(tmpl[i + 1] == 't' ? 't' : 'h');
      cur.clear();
      i += 5;
    } else {
      cur += tmpl[i];
    }
  }
  pieces_.push_back(cur);
}

std::string PiiRewriter::pseudonym(std::string_view value) const {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(value.data()), value.size(), md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 0; i < 8; ++i) {
    hex[2 * i] = kHex[md[i] >> 4];
    hex[2 * i + 1] = kHex[md[i] & 15];
  }
  return hex;
}

void PiiRewriter::append_replacement(std::string_view value, PiiType type, std::string& out) const {
  if (mode_ == PiiMode::kMask) {
    // One '*' per code point, so the text keeps its length in characters.
    for (unsigned char c : value) {
      if ((c & 0xC0) != 0x80) out += '*';
    }
    return;
  }
  for (size_t i = 0; i < pieces_.size(); ++i) {
    out += pieces_[i];
    if (i < holes_.size()) {
      if (holes_[i] == 't') out += pii_type_name(type);
      else out += pseudonym(value);
    }
  }
}

void PiiRewriter::add_repeated_values(std::string_view text, std::vector<Entity>& entities) {
  if (entities.empty()) return;
  // One pass over the text: a 64K-bit filter on each position's first four
  // bytes; a hit is checked against the values that start with them.
  auto key4 = [](const char* p) { uint32_t k; std::memcpy(&k, p, 4); return k; };
  auto slot = [](uint32_t k) { return (k * 2654435761u) >> 16; };
  prefixes_.clear();
  filter_.reset();
  for (size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].end - entities[i].begin < 4) continue;
    const uint32_t k = key4(text.data() + entities[i].begin);
    filter_.set(slot(k));
    prefixes_.push_back({k, i});
  }
  added_.clear();
  if (prefixes_.empty() || text.size() < 4) return;
  std::sort(prefixes_.begin(), prefixes_.end());
  size_t next = 0;  // index of the next detected entity, to skip known spans
  uint32_t covered_to = 0;
  for (size_t pos = 0; pos + 4 <= text.size(); ++pos) {
    const uint32_t k = key4(text.data() + pos);
    if (!filter_.test(slot(k))) continue;
    while (next < entities.size() && entities[next].end <= pos) ++next;
    if (pos < covered_to || (next < entities.size() && entities[next].begin <= pos)) continue;
    auto it = std::lower_bound(prefixes_.begin(), prefixes_.end(), std::pair<uint32_t, size_t>{k, 0});
    for (; it != prefixes_.end() && it->first == k; ++it) {
      const Entity& e = entities[it->second];
      const uint32_t len = e.end - e.begin;
      if (pos + len <= text.size() && text.compare(pos, len, text.substr(e.begin, len)) == 0) {
        added_.push_back({e.type, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + len)});
        covered_to = static_cast<uint32_t>(pos + len);
        break;
      }
    }
  }
  if (added_.empty()) return;
  // Merge: detected entities stay; an added one overlapping anything kept is
  // widened into a union span so no part of the value stays readable.
  for (const Entity& e : added_) entities.push_back(e);
  std::sort(entities.begin(), entities.end(),
            [](const Entity& a, const Entity& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
  size_t w = 0;
  for (size_t r = 0; r < entities.size(); ++r) {
    if (w > 0 && entities[r].begin < entities[w - 1].end) {
      entities[w - 1].end = std::max(entities[w - 1].end, entities[r].end);
    } else {
      entities[w++] = entities[r];
    }
  }
  entities.resize(w);
}

void PiiRewriter::rewrite(std::string_view text, const std::vector<Entity>& entities, std::string& out) {
  out.clear();
  size_t pos = 0;
  for (const Entity& e : entities) {
    out.append(text.substr(pos, e.begin - pos));
    append_replacement(text.substr(e.begin, e.end - e.begin), e.type, out);
    pos = e.end;
  }
  out.append(text.substr(pos));
}

}  // namespace dpk::pii
