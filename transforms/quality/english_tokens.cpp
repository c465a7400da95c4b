#include "english_tokens.h"

#include <algorithm>
#include <array>
#include <string>

namespace dpk::quality {
namespace {

struct Contraction {
  std::string_view word;
  unsigned char split;
};

// Sorted by word. Negations split before "nt", the rest before the verb
// ("im" = "i" + "m", "youre" = "you" + "re").
constexpr Contraction kContractions[] = {
    {"aint", 2},     {"arent", 3},    {"cannot", 3},   {"cant", 2},     {"couldnt", 5},  {"couldve", 5},
    {"darent", 4},   {"didnt", 3},    {"doesnt", 4},   {"dont", 2},     {"gonna", 3},    {"gotta", 3},
    {"hadnt", 3},    {"hasnt", 3},    {"havent", 4},   {"hed", 2},      {"hes", 2},      {"howd", 3},
    {"howll", 3},    {"howre", 3},    {"hows", 3},     {"howve", 3},    {"id", 1},       {"im", 1},
    {"isnt", 2},     {"itd", 2},      {"itll", 2},     {"ive", 1},      {"maynt", 3},    {"mightnt", 5},
    {"mightve", 5},  {"mustnt", 4},   {"mustve", 4},   {"neednt", 4},   {"notve", 3},    {"oughtnt", 5},
    {"shant", 3},    {"shes", 3},     {"shouldnt", 6}, {"shouldve", 6}, {"thatd", 4},    {"thatll", 4},
    {"thats", 4},    {"thered", 5},   {"therell", 5},  {"therere", 5},  {"theres", 5},   {"thereve", 5},
    {"thesed", 5},   {"thesell", 5},  {"thesere", 5},  {"theseve", 5},  {"theyd", 4},    {"theyll", 4},
    {"theyre", 4},   {"theyve", 4},   {"thisd", 4},    {"thisll", 4},   {"thiss", 4},    {"thosed", 5},
    {"thosell", 5},  {"thosere", 5},  {"thoseve", 5},  {"wasnt", 3},    {"wed", 2},      {"werent", 4},
    {"weve", 2},     {"whatd", 4},    {"whatll", 4},   {"whatre", 4},   {"whats", 4},    {"whatve", 4},
    {"whend", 4},    {"whenll", 4},   {"whenre", 4},   {"whens", 4},    {"whenve", 4},   {"whered", 5},
    {"wherell", 5},  {"wherere", 5},  {"wheres", 5},   {"whereve", 5},  {"whod", 3},     {"wholl", 3},
    {"whos", 3},     {"whove", 3},    {"whyd", 3},     {"whyll", 3},    {"whyre", 3},    {"whys", 3},
    {"whyve", 3},    {"wont", 2},     {"wouldnt", 5},  {"wouldve", 5},  {"yall", 1},     {"youd", 3},
    {"youll", 3},    {"youre", 3},    {"youve", 3},
};

// Sorted: titles, months, company forms, US states.
constexpr std::string_view kAbbreviations[] = {
    "Adm",  "Ak",   "Ala",  "Apr",  "Ariz", "Ark",  "Aug",  "Bros", "Calif", "Co",   "Colo", "Conn", "Corp", "Dec",
    "Del",  "Dr",   "Feb",  "Fla",  "Ga",   "Gen",  "Gov",  "Ia",   "Id",    "Ill",  "Inc",  "Ind",  "Jan",  "Jr",
    "Jul",  "Jun",  "Kan",  "Kans", "Ky",   "La",   "Ltd",  "Mar",  "Mass",  "Md",   "Messrs", "Mich", "Minn", "Miss",
    "Mo",   "Mont", "Mr",   "Mrs",  "Ms",   "Mt",   "Neb",  "Nebr", "Nev",   "Nov",  "Oct",  "Okla", "Ore",  "Pa",
    "Prof", "Rep",  "Rev",  "Sen",  "Sep",  "Sept", "St",   "Tenn", "Va",    "Wash", "Wis",  "co",   "vs",
};

}  // namespace

size_t english_contraction_split(std::string_view w) {
  if (w.size() < 2 || w.size() > 8) return 0;
  // Every contraction ends in one of these letters.
  switch (w.back()) {
    case 'a': case 'd': case 'e': case 'l': case 'm': case 's': case 't':
      break;
    default:
      return 0;
  }
  char buf[8];
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (i == 0 && c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c < 'a' || c > 'z') return 0;
    buf[i] = c;
  }
  const std::string_view key(buf, w.size());
  auto it = std::lower_bound(std::begin(kContractions), std::end(kContractions), key,
                             [](const Contraction& a, std::string_view k) { return a.word < k; });
  return (it != std::end(kContractions) && it->word == key) ? it->split : 0;
}

bool is_english_abbreviation(std::string_view w) {
  return std::binary_search(std::begin(kAbbreviations), std::end(kAbbreviations), w);
}

size_t english_clitic_length(std::string_view w) {
  // Every clitic has an apostrophe (' or the last byte of ’) 2 to 4 bytes from the end.
  if (w.size() < 3) return 0;
  bool apostrophe = false;
  for (size_t k = 2; k <= 4 && k <= w.size(); ++k) {
    const char c = w[w.size() - k];
    apostrophe |= c == '\'' || c == '\x99';
  }
  if (!apostrophe) return 0;
  static constexpr std::string_view kTails[] = {"n't", "n’t", "'s",  "’s",  "'re", "’re", "'ll",
                                                "’ll", "'ve", "’ve", "'d",  "’d",  "'m",  "’m",
                                                "N'T", "'S",  "'RE", "'LL", "'VE", "'D",  "'M"};
  for (auto t : kTails) {
    if (w.size() > t.size() && w.substr(w.size() - t.size()) == t) return t.size();
  }
  return 0;
}

}  // namespace dpk::quality
