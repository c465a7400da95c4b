#include "pii_rewriter.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <bitset>
#include <unordered_map>

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
  // Distinct values grouped by length, searched with one rolling hash per length.
  constexpr uint64_t kBase = 1099511628211ull;
  auto hash_of = [&](std::string_view s) {
    uint64_t h = 0;
    for (unsigned char c : s) h = h * kBase + c;
    return h;
  };
  std::unordered_map<uint32_t, std::unordered_map<uint64_t, std::vector<size_t>>> by_len;
  for (size_t i = 0; i < entities.size(); ++i) {
    const uint32_t len = entities[i].end - entities[i].begin;
    if (len < 4) continue;
    by_len[len][hash_of(text.substr(entities[i].begin, len))].push_back(i);
  }
  added_.clear();
  for (const auto& [len, hashes] : by_len) {
    if (len > text.size()) continue;
    uint64_t pow = 1;
    for (uint32_t k = 1; k < len; ++k) pow *= kBase;
    // A 4096-bit filter on the hash's top bits keeps the map off the loop.
    std::bitset<4096> filter;
    for (const auto& kv : hashes) filter.set(kv.first >> 52);
    uint64_t h = hash_of(text.substr(0, len));
    uint32_t last_end = 0;
    for (size_t pos = 0;; ++pos) {
      auto it = filter.test(h >> 52) ? hashes.find(h) : hashes.end();
      if (it != hashes.end() && pos >= last_end) {
        for (size_t idx : it->second) {
          const Entity& e = entities[idx];
          if (e.begin != pos && text.compare(pos, len, text.substr(e.begin, len)) == 0) {
            added_.push_back({e.type, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + len)});
            last_end = static_cast<uint32_t>(pos + len);
            break;
          }
        }
      }
      if (pos + len >= text.size()) break;
      h = (h - static_cast<unsigned char>(text[pos]) * pow) * kBase + static_cast<unsigned char>(text[pos + len]);
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
