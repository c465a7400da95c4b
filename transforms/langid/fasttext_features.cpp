#include "fasttext_features.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>

namespace dpk {
namespace {

constexpr std::string_view kEos = "</s>";
constexpr std::string_view kLabelPrefix = "__label__";

// fastText's hash: FNV-1a over the bytes taken as signed chars.
inline uint32_t fnv_step(uint32_t h, char c) { return (h ^ static_cast<uint32_t>(static_cast<int8_t>(c))) * 16777619u; }
constexpr uint32_t kFnvBasis = 2166136261u;

inline bool is_separator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

// The pruned bucket map is a protected member of fasttext::Dictionary; a
// pointer to member taken through a derived class reads it without copying
// the class's layout.
struct PruneAccess : fasttext::Dictionary {
  static const std::unordered_map<int32_t, int32_t>& map(const fasttext::Dictionary& d) {
    return d.*(&PruneAccess::pruneidx_);
  }
  static int64_t size(const fasttext::Dictionary& d) { return d.*(&PruneAccess::pruneidx_size_); }
};

}  // namespace

FastTextFeatures::FastTextFeatures(const fasttext::FastText& model) {
  const auto args = model.getArgs();
  const auto dict = model.getDictionary();
  nwords_ = dict->nwords();
  minn_ = args.minn;
  maxn_ = args.maxn;
  bucket_ = args.bucket;
  word_ngrams_ = args.wordNgrams < 1 ? 1 : args.wordNgrams;
  if (bucket_ <= 0) maxn_ = 0, word_ngrams_ = 1;  // no n-gram rows at all
  if (bucket_ > 0) bucket_inverse_ = ~uint64_t{0} / static_cast<uint32_t>(bucket_) + 1;
  pruned_size_ = PruneAccess::size(*dict);
  if (pruned_size_ > 0 && bucket_ > 0) {
    bucket_row_.assign(static_cast<size_t>(bucket_), -1);
    bucket_kept_.assign(static_cast<size_t>(bucket_) / 64 + 1, 0);
    for (const auto& [from, to] : PruneAccess::map(*dict)) {
      if (from >= 0 && from < bucket_) {
        bucket_row_[static_cast<size_t>(from)] = to;
        bucket_kept_[static_cast<size_t>(from) / 64] |= uint64_t{1} << (from % 64);
      }
    }
  }
  const int32_t size = dict->nwords() + dict->nlabels();
  uint32_t cap = 16;
  while (cap < static_cast<uint32_t>(size) * 2u) cap <<= 1;
  slots_.assign(cap, -1);
  slot_mask_ = cap - 1;
  word_begin_.reserve(static_cast<size_t>(size) + 1);
  for (int32_t id = 0; id < size; ++id) {
    const std::string w = dict->getWord(id);
    uint32_t h = kFnvBasis;
    for (char c : w) h = fnv_step(h, c);
    word_begin_.push_back(static_cast<uint32_t>(arena_.size()));
    word_hash_.push_back(h);
    arena_ += w;
    uint32_t s = h & slot_mask_;
    while (slots_[s] != -1) s = (s + 1) & slot_mask_;
    slots_[s] = id;
  }
  word_begin_.push_back(static_cast<uint32_t>(arena_.size()));
  dict_ = dict;
}

int32_t FastTextFeatures::find_word(std::string_view token, uint32_t h) const {
  for (uint32_t s = h & slot_mask_;; s = (s + 1) & slot_mask_) {
    const int32_t id = slots_[s];
    if (id < 0) return -1;
    if (word_hash_[static_cast<size_t>(id)] != h) continue;
    const uint32_t b = word_begin_[static_cast<size_t>(id)], e = word_begin_[static_cast<size_t>(id) + 1];
    if (std::string_view(arena_.data() + b, e - b) == token) return id;
  }
}

// Dictionary::pushHash.
inline void FastTextFeatures::push_bucket(std::vector<int32_t>& out, int32_t bucket_id) const {
  if (pruned_size_ == 0 || bucket_id < 0) return;
  if (pruned_size_ > 0) {
    const auto b = static_cast<size_t>(bucket_id);
    if ((bucket_kept_[b / 64] >> (b % 64) & 1) == 0) return;
    bucket_id = bucket_row_[b];
    if (bucket_id < 0) return;
  }
  out.push_back(nwords_ + bucket_id);
}

// Dictionary::computeSubwords on "<word>": every character n-gram of
// minn..maxn characters, except the lone "<" and ">"; the hash of each is
// extended one byte at a time instead of rebuilt from a substring.
void FastTextFeatures::add_char_ngrams(std::string_view w, std::vector<int32_t>& out) const {
  const size_t n_bytes = w.size();
  for (size_t i = 0; i < n_bytes; ++i) {
    if ((static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) continue;
    uint32_t h = kFnvBasis;
    for (size_t j = i, n = 1; j < n_bytes && n <= static_cast<size_t>(maxn_); ++n) {
      h = fnv_step(h, w[j++]);
      while (j < n_bytes && (static_cast<unsigned char>(w[j]) & 0xC0) == 0x80) h = fnv_step(h, w[j++]);
      if (n >= static_cast<size_t>(minn_) && !(n == 1 && (i == 0 || j == n_bytes))) {
        // h % bucket_, exactly, for any 32-bit h (Lemire, Kaser, Kurz 2019).
        const uint64_t low = bucket_inverse_ * h;
        const auto bucket = static_cast<uint32_t>((static_cast<unsigned __int128>(low) * static_cast<uint32_t>(bucket_)) >> 64);
        push_bucket(out, static_cast<int32_t>(bucket));
      }
    }
  }
}

const int32_t* FastTextWordRows::find(std::string_view word, uint32_t h, uint32_t& n_rows) const {
  if (slots_.empty()) return nullptr;
  const auto mask = static_cast<uint32_t>(slots_.size() - 1);
  for (uint32_t s = h & mask;; s = (s + 1) & mask) {
    const uint64_t slot = slots_[s];
    if (slot == 0) return nullptr;
    if (static_cast<uint32_t>(slot >> 32) != h) continue;
    const Entry& x = entries_[static_cast<uint32_t>(slot) - 1];
    if (std::string_view(words_.data() + x.word_begin, x.word_size) == word) {
      n_rows = x.n_rows;
      return rows_.data() + x.rows_begin;
    }
  }
}

void FastTextWordRows::clear() {
  entries_.clear();
  words_.clear();
  rows_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
}

void FastTextWordRows::add(std::string_view word, uint32_t h, const int32_t* rows, uint32_t n_rows) {
  if (n_rows > kMaxRows || word.size() > kMaxBytes) return;
  if (entries_.size() >= kMaxWords || rows_.size() + n_rows > kMaxRows || words_.size() + word.size() > kMaxBytes) {
    clear();
  }
  if (slots_.empty()) slots_.assign(kMaxWords * 2, 0);  // at most half full
  const auto mask = static_cast<uint32_t>(slots_.size() - 1);
  uint32_t s = h & mask;
  while (slots_[s] != 0) s = (s + 1) & mask;
  entries_.push_back({static_cast<uint32_t>(words_.size()), static_cast<uint32_t>(word.size()),
                      static_cast<uint32_t>(rows_.size()), n_rows});
  slots_[s] = uint64_t{h} << 32 | static_cast<uint32_t>(entries_.size());
  words_.append(word);
  rows_.insert(rows_.end(), rows, rows + n_rows);
}

void FastTextFeatures::rows(std::string_view text, std::vector<int32_t>& out, std::vector<int32_t>& word_hashes,
                            std::string& scratch, FastTextWordRows* cache) const {
  out.clear();
  word_hashes.clear();
  size_t i = 0;
  const size_t n = text.size();
  while (true) {
    // Dictionary::readWord: skip separators; a newline met before a word is
    // the end-of-sentence token; a newline ending a word comes next time.
    while (i < n && is_separator(text[i]) && text[i] != '\n') ++i;
    std::string_view token;
    if (i >= n) break;
    if (text[i] == '\n') {
      token = kEos;
      ++i;
    } else {
      const size_t b = i;
      while (i < n && !is_separator(text[i])) ++i;
      token = text.substr(b, i - b);
    }
    uint32_t h = kFnvBasis;
    for (char c : token) h = fnv_step(h, c);
    // A word seen lately (in the vocabulary or not, never a label): its rows.
    if (cache != nullptr && token != kEos) {
      uint32_t n_cached = 0;
      if (const int32_t* cached = cache->find(token, h, n_cached); cached != nullptr) {
        out.insert(out.end(), cached, cached + n_cached);
        word_hashes.push_back(static_cast<int32_t>(h));
        continue;
      }
    }
    const int32_t wid = find_word(token, h);
    const bool is_label = wid < 0 ? token.substr(0, kLabelPrefix.size()) == kLabelPrefix : wid >= nwords_;
    if (!is_label) {
      // Dictionary::addSubwords.
      if (wid < 0) {
        if (token != kEos) {
          scratch.assign("<");
          scratch.append(token);
          scratch.push_back('>');
          const size_t first = out.size();
          add_char_ngrams(scratch, out);
          if (cache != nullptr) {
            cache->add(token, h, out.data() + first, static_cast<uint32_t>(out.size() - first));
          }
        }
      } else if (maxn_ <= 0) {
        out.push_back(wid);
      } else {
        const std::vector<int32_t>& sub = dict_->getSubwords(wid);
        out.insert(out.end(), sub.begin(), sub.end());
        if (cache != nullptr && token != kEos) cache->add(token, h, sub.data(), static_cast<uint32_t>(sub.size()));
      }
      word_hashes.push_back(static_cast<int32_t>(h));
    }
    if (token == kEos) break;
  }
  // Dictionary::addWordNgrams, with its integer types (the int32 hashes are
  // sign-extended into the 64-bit running hash).
  for (size_t a = 0; a < word_hashes.size(); ++a) {
    uint64_t hh = static_cast<uint64_t>(static_cast<int64_t>(word_hashes[a]));
    for (size_t b = a + 1; b < word_hashes.size() && b < a + static_cast<size_t>(word_ngrams_); ++b) {
      hh = hh * 116049371u + static_cast<uint64_t>(static_cast<int64_t>(word_hashes[b]));
      push_bucket(out, static_cast<int32_t>(hh % static_cast<uint64_t>(bucket_)));
    }
  }
}

void fasttext_getline_rows(const fasttext::FastText& model, const std::string& line, std::vector<int32_t>& out) {
  std::istringstream in(line);
  std::vector<int32_t> labels;
  model.getDictionary()->getLine(in, out, labels);
}

}  // namespace dpk
