#include "dpk/name_suggestion.h"

#include <algorithm>
#include <cctype>

namespace dpk {
namespace {

// Case and '_' vs '-' are not typos worth counting: `Min_Words` is min-words.
std::string folded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

size_t osa_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: the swap looks two rows back.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::vector<std::string> similar_names(std::string_view word, const std::vector<std::string>& names) {
  constexpr size_t kMaxSuggestions = 3;
  const std::string w = folded(word);
  std::vector<std::string> out;
  if (w.empty()) return out;
  // An abbreviation: the names that begin with the word.
  if (w.size() >= 2) {
    for (const auto& n : names) {
      if (out.size() < kMaxSuggestions && folded(n).rfind(w, 0) == 0) out.push_back(n);
    }
    if (!out.empty()) return out;
  }
  // A typo: the nearest names, if near enough that the word is recognisable
  // (one edit per three letters, at most three).
  const size_t limit = std::clamp<size_t>(w.size() / 3, 1, 3);
  size_t best = limit + 1;
  for (const auto& n : names) best = std::min(best, osa_distance(w, folded(n)));
  if (best > limit) return out;
  for (const auto& n : names) {
    if (out.size() < kMaxSuggestions && osa_distance(w, folded(n)) == best) out.push_back(n);
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& names, std::string_view prefix,
                         std::string_view suffix) {
  return suggestion_text(similar_names(word, names), prefix, suffix);
}

std::string suggestion_text(const std::vector<std::string>& found, std::string_view prefix, std::string_view suffix) {
  if (found.empty()) return "";
  std::string s = " (did you mean ";
  for (size_t i = 0; i < found.size(); ++i) {
    if (i > 0) s += i + 1 == found.size() ? " or " : ", ";
    s += std::string(prefix) + found[i] + std::string(suffix);
  }
  return s + "?)";
}

}  // namespace dpk
