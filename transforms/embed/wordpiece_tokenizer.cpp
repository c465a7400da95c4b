// wordpiece_tokenizer.cpp — see wordpiece_tokenizer.h.
#include "wordpiece_tokenizer.h"

#include <simdjson.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf8.h>

#include <fstream>
#include <unordered_map>

namespace dpk {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct WordPieceVocab {
  std::unordered_map<std::string, int32_t, StringViewHash, std::equal_to<>> ids;
  struct Special {
    std::string content;
    int32_t id;
  };
  std::vector<Special> specials;  // matched literally in the raw text
  bool clean_text = true;
  bool handle_chinese = true;
  bool strip_accents = true;
  bool lowercase = true;
  size_t max_chars_per_word = 100;
  std::string prefix = "##";
  int32_t unk = 0, cls = 0, sep = 0, pad = 0;
  const UNormalizer2* nfd = nullptr;
};

namespace {

bool is_control(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_UNASSIGNED:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return true;
    default:
      return false;
  }
}

bool is_whitespace(char32_t c) {
  return c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(static_cast<UChar32>(c));
}

// BERT's CJK ranges: ideographs only (not Hangul, kana).
bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
         (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or a
// Unicode punctuation category.
bool is_punctuation(char32_t c) {
  if (c < 0x80) {
    return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONNECTOR_PUNCTUATION:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

void append_utf8(std::string& out, char32_t c) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(c), err);
  if (!err) out.append(buf, static_cast<size_t>(n));
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Reads the normalizer, model and added-token settings of tokenizer.json.
Status read_tokenizer_json(const std::string& text, WordPieceVocab& v) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(text).get(root)) return Status::Data("tokenizer.json: not valid JSON");
  simdjson::dom::element norm;
  if (!root["normalizer"].get(norm) && norm.is_object()) {
    bool b;
    if (!norm["clean_text"].get(b)) v.clean_text = b;
    if (!norm["handle_chinese_chars"].get(b)) v.handle_chinese = b;
    if (!norm["lowercase"].get(b)) v.lowercase = b;
    v.strip_accents = v.lowercase;  // null: follows lowercase
    if (!norm["strip_accents"].get(b)) v.strip_accents = b;
  }
  simdjson::dom::element model;
  if (!root["model"].get(model) && model.is_object()) {
    int64_t n;
    if (!model["max_input_chars_per_word"].get(n)) v.max_chars_per_word = static_cast<size_t>(n);
    std::string_view p;
    if (!model["continuing_subword_prefix"].get(p)) v.prefix = std::string(p);
  }
  simdjson::dom::array added;
  if (!root["added_tokens"].get(added)) {
    for (auto t : added) {
      std::string_view content;
      int64_t id;
      bool normalized = true;
      if (t["content"].get(content) || t["id"].get(id)) continue;
      if (t["normalized"].get(normalized)) normalized = true;
      if (!normalized && !content.empty()) v.specials.push_back({std::string(content), static_cast<int32_t>(id)});
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<WordPieceTokenizer> WordPieceTokenizer::load(const std::string& dir) {
  auto v = std::make_shared<WordPieceVocab>();
  std::string text;
  if (!read_file(dir + "/vocab.txt", text)) return Status::Usage("cannot read " + dir + "/vocab.txt");
  int32_t id = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string_view tok(text.data() + pos, nl - pos);
    if (!tok.empty() && tok.back() == '\r') tok.remove_suffix(1);
    v->ids.emplace(std::string(tok), id++);
    pos = nl + 1;
  }
  std::string json;
  if (read_file(dir + "/tokenizer.json", json)) {
    DPK_RETURN_IF_ERROR(read_tokenizer_json(json, *v));
  } else if (read_file(dir + "/tokenizer_config.json", json)) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json).get(root)) return Status::Data(dir + "/tokenizer_config.json: not valid JSON");
    bool b;
    if (!root["do_lower_case"].get(b)) v->lowercase = b;
    v->strip_accents = v->lowercase;
    if (!root["strip_accents"].get(b)) v->strip_accents = b;
    if (!root["tokenize_chinese_chars"].get(b)) v->handle_chinese = b;
  }
  auto find = [&](const char* t, int32_t& out) -> Status {
    auto it = v->ids.find(std::string_view(t));
    if (it == v->ids.end()) return Status::Data(dir + "/vocab.txt: no " + t + " token");
    out = it->second;
    return Status::Ok();
  };
  DPK_RETURN_IF_ERROR(find("[UNK]", v->unk));
  DPK_RETURN_IF_ERROR(find("[CLS]", v->cls));
  DPK_RETURN_IF_ERROR(find("[SEP]", v->sep));
  DPK_RETURN_IF_ERROR(find("[PAD]", v->pad));
  if (v->specials.empty()) {
    for (const char* s : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
      auto it = v->ids.find(std::string_view(s));
      if (it != v->ids.end()) v->specials.push_back({s, it->second});
    }
  }
  UErrorCode err = U_ZERO_ERROR;
  v->nfd = unorm2_getNFDInstance(&err);
  if (U_FAILURE(err)) return Status::Data("ICU: no NFD normalizer");
  WordPieceTokenizer t;
  t.vocab_ = std::move(v);
  return t;
}

int32_t WordPieceTokenizer::cls_id() const { return vocab_->cls; }
int32_t WordPieceTokenizer::sep_id() const { return vocab_->sep; }
int32_t WordPieceTokenizer::pad_id() const { return vocab_->pad; }
int32_t WordPieceTokenizer::unk_id() const { return vocab_->unk; }
size_t WordPieceTokenizer::vocab_size() const { return vocab_->ids.size(); }

void WordPieceTokenizer::normalize(std::string_view text, uint32_t base) {
  const WordPieceVocab& v = *vocab_;
  norm_.clear();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t len = static_cast<int32_t>(text.size());
  int32_t i = 0;
  UChar decomp[32];
  while (i < len) {
    const uint32_t begin = base + static_cast<uint32_t>(i);
    UChar32 c;
    U8_NEXT(s, i, len, c);
    const uint32_t end = base + static_cast<uint32_t>(i);
    if (c < 0) c = 0xFFFD;
    char32_t cp = static_cast<char32_t>(c);
    if (v.clean_text) {
      if (cp == 0 || cp == 0xFFFD || is_control(cp)) continue;
      if (is_whitespace(cp)) cp = ' ';
    }
    if (v.handle_chinese && is_cjk(cp)) {
      norm_.push_back({' ', begin, end});
      norm_.push_back({cp, begin, end});
      norm_.push_back({' ', begin, end});
      continue;
    }
    if (cp < 0x80) {
      if (v.lowercase && cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
      norm_.push_back({cp, begin, end});
      continue;
    }
    auto push_lower = [&](char32_t x) {
      if (!v.lowercase) {
        norm_.push_back({x, begin, end});
      } else if (x == 0x130) {  // the one full lowercase mapping of two code points
        norm_.push_back({'i', begin, end});
        norm_.push_back({0x307, begin, end});
      } else {
        norm_.push_back({static_cast<char32_t>(u_tolower(static_cast<UChar32>(x))), begin, end});
      }
    };
    if (v.strip_accents) {
      UErrorCode err = U_ZERO_ERROR;
      int32_t n = unorm2_getDecomposition(v.nfd, c, decomp, 32, &err);
      if (n < 0 || U_FAILURE(err)) {
        if (u_charType(c) != U_NON_SPACING_MARK) push_lower(cp);
        continue;
      }
      for (int32_t k = 0; k < n;) {
        UChar32 d;
        U16_NEXT(decomp, k, n, d);
        if (u_charType(d) != U_NON_SPACING_MARK) push_lower(static_cast<char32_t>(d));
      }
    } else {
      push_lower(cp);
    }
  }
}

void WordPieceTokenizer::emit_word(size_t from, size_t to) {
  const WordPieceVocab& v = *vocab_;
  const size_t before = count_;
  const size_t ids_before = out_ids_ ? out_ids_->size() : 0;
  word_.clear();
  cp_ends_.clear();
  for (size_t k = from; k < to; ++k) {
    append_utf8(word_, norm_[k].cp);
    cp_ends_.push_back(static_cast<uint32_t>(word_.size()));
  }
  bool unknown = cp_ends_.size() > v.max_chars_per_word;
  size_t start = 0;  // byte offset in word_
  size_t start_cp = 0;
  while (!unknown && start < word_.size()) {
    size_t end_cp = cp_ends_.size();
    int32_t found = -1;
    while (end_cp > start_cp) {
      const size_t end = cp_ends_[end_cp - 1];
      std::string_view sub(word_.data() + start, end - start);
      if (start > 0) {
        piece_.assign(v.prefix);
        piece_.append(sub);
        sub = piece_;
      }
      auto it = v.ids.find(sub);
      if (it != v.ids.end()) {
        found = it->second;
        break;
      }
      --end_cp;
    }
    if (found < 0) {
      unknown = true;
      break;
    }
    if (out_ids_) out_ids_->push_back(found);
    ++count_;
    start = cp_ends_[end_cp - 1];
    start_cp = end_cp;
  }
  if (unknown) {
    count_ = before + 1;
    if (out_ids_) {
      out_ids_->resize(ids_before);
      out_ids_->push_back(v.unk);
    }
  }
  if (out_words_) {
    out_words_->push_back({norm_[from].begin, norm_[to - 1].end, static_cast<uint32_t>(count_ - before)});
  }
}

void WordPieceTokenizer::run(std::string_view text) {
  const WordPieceVocab& v = *vocab_;
  auto segment = [&](size_t a, size_t b) {
    if (a >= b) return;
    normalize(text.substr(a, b - a), static_cast<uint32_t>(a));
    size_t word = 0;
    for (size_t k = 0; k < norm_.size(); ++k) {
      const char32_t c = norm_[k].cp;
      if (is_whitespace(c)) {
        if (word < k) emit_word(word, k);
        word = k + 1;
      } else if (is_punctuation(c)) {
        if (word < k) emit_word(word, k);
        emit_word(k, k + 1);
        word = k + 1;
      }
    }
    if (word < norm_.size()) emit_word(word, norm_.size());
  };
  size_t seg = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('[', i);
    if (open == std::string_view::npos) break;
    const WordPieceVocab::Special* hit = nullptr;
    for (const auto& s : v.specials) {
      if (text.substr(open).starts_with(s.content)) {
        hit = &s;
        break;
      }
    }
    if (hit == nullptr) {
      i = open + 1;
      continue;
    }
    segment(seg, open);
    if (out_ids_) out_ids_->push_back(hit->id);
    ++count_;
    const auto b = static_cast<uint32_t>(open), e = static_cast<uint32_t>(open + hit->content.size());
    if (out_words_) out_words_->push_back({b, e, 1});
    i = seg = open + hit->content.size();
  }
  segment(seg, text.size());
}

void WordPieceTokenizer::tokenize(std::string_view text, std::vector<int32_t>& ids) {
  out_ids_ = &ids;
  out_words_ = nullptr;
  count_ = 0;
  run(text);
  out_ids_ = nullptr;
}

void WordPieceTokenizer::encode(std::string_view text, size_t max_len, std::vector<int32_t>& ids) {
  ids.clear();
  ids.push_back(vocab_->cls);
  tokenize(text, ids);
  if (max_len >= 2 && ids.size() + 1 > max_len) ids.resize(max_len - 1);
  ids.push_back(vocab_->sep);
}

void WordPieceTokenizer::words(std::string_view text, std::vector<WordSpan>& words) {
  words.clear();
  out_ids_ = nullptr;
  out_words_ = &words;
  count_ = 0;
  run(text);
  out_words_ = nullptr;
}

size_t WordPieceTokenizer::count(std::string_view text) {
  out_ids_ = nullptr;
  out_words_ = nullptr;
  count_ = 0;
  run(text);
  return count_;
}

}  // namespace dpk
