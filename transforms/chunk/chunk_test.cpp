#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <string>

#include "chunk_packer.h"
#include "dpk/document.h"
#include "dpk/document_parser.h"
#include "dpk/json_text.h"
#include "dpk/transform.h"
#include "text_segmenter.h"

namespace dpk {
namespace {

// Runs dpk-chunk's configured step on one document given as a JSON line.
struct ChunkRun {
  std::string buf;
  Schema schema;
  Document parent;
  std::vector<Document> chunks;

  ChunkRun(const std::string& line, OptionValues opts) {
    static DocumentParser parser;
    buf = line + std::string(DocumentParser::kPadding, ' ');
    std::string err;
    EXPECT_TRUE(parser.parse(std::string_view(buf.data(), line.size()), buf.size(), schema, parent, err)) << err;
    const TransformSpec* spec = find_transform("chunk");
    EXPECT_NE(spec, nullptr);
    EXPECT_TRUE(validate_options(spec->options, opts, "").ok());
    auto step = spec->configure(opts, StepContext{});
    EXPECT_TRUE(step.ok()) << step.status().message();
    auto t = step->make();
    dynamic_cast<SplitTransform&>(*t).split(parent, chunks);
  }
  std::string text(size_t i) const { return std::string(chunks[i].text()); }
  int64_t num(size_t i, const char* key) const { return static_cast<int64_t>(*chunks[i].get_number(key)); }
};

OptionValues opts(std::initializer_list<std::pair<const char*, const char*>> kv) {
  OptionValues v;
  for (auto& [k, val] : kv) v.set(k, val);
  return v;
}

std::string doc(const std::string& id, const std::string& text) {
  std::string line = "{\"id\":";
  append_json_string(line, id);
  line += ",\"text\":";
  append_json_string(line, text);
  line += ",\"src\":\"web\"}";
  return line;
}

// Every chunk's text is the parent's text between its offsets, and its
// code point offsets agree with its byte offsets.
void expect_offsets_consistent(const ChunkRun& r) {
  const std::string_view t = r.parent.text();
  for (size_t i = 0; i < r.chunks.size(); ++i) {
    const auto s = static_cast<size_t>(r.num(i, "start")), e = static_cast<size_t>(r.num(i, "end"));
    ASSERT_LE(e, t.size());
    EXPECT_EQ(r.text(i), t.substr(s, e - s));
    size_t cps = 0;
    for (size_t k = 0; k < s; ++k) cps += (static_cast<uint8_t>(t[k]) & 0xC0) != 0x80;
    EXPECT_EQ(r.num(i, "char_start"), static_cast<int64_t>(cps));
    for (size_t k = s; k < e; ++k) cps += (static_cast<uint8_t>(t[k]) & 0xC0) != 0x80;
    EXPECT_EQ(r.num(i, "char_end"), static_cast<int64_t>(cps));
  }
}

TEST(Chunk, SentencesArePackedUpToTheLimitWithIdsAndParentFields) {
  const std::string text = "The cat sat. The dog ran away. A bird sang loudly. Rain fell.";
  ChunkRun r(doc("d1", text), opts({{"chunk-chars", "32"}}));
  ASSERT_EQ(r.chunks.size(), 2u);
  EXPECT_EQ(r.text(0), "The cat sat. The dog ran away.");
  EXPECT_EQ(r.text(1), "A bird sang loudly. Rain fell.");
  EXPECT_EQ(r.chunks[0].id(), "d1#0");
  EXPECT_EQ(r.chunks[1].id(), "d1#1");
  std::string s;
  ASSERT_TRUE(r.chunks[1].get_string("parent_id", s));
  EXPECT_EQ(s, "d1");
  ASSERT_TRUE(r.chunks[1].get_string("src", s));  // other fields are kept
  EXPECT_EQ(s, "web");
  EXPECT_EQ(r.num(1, "chunk_index"), 1);
  expect_offsets_consistent(r);
}

TEST(Chunk, OverlapRepeatsTheTrailingSentences) {
  const std::string text = "One two three. Four five six. Seven eight nine. Ten eleven twelve.";
  ChunkRun r(doc("d", text), opts({{"chunk-chars", "36"}, {"overlap", "18"}}));
  ASSERT_EQ(r.chunks.size(), 3u);
  EXPECT_EQ(r.text(0), "One two three. Four five six.");
  EXPECT_EQ(r.text(1), "Four five six. Seven eight nine.");
  EXPECT_EQ(r.text(2), "Seven eight nine. Ten eleven twelve.");
  expect_offsets_consistent(r);
}

TEST(Chunk, LongUnitsAreCutAtWordsThenGraphemesNeverInsideOne) {
  // A long run of 'e' + combining acute (2 code points per grapheme), Hangul
  // jamo sequences and an emoji ZWJ sequence, with no space to cut at.
  std::string word;
  for (int i = 0; i < 30; ++i) word += "e\xCC\x81";
  word += "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8";              // one Hangul syllable as jamo
  word += "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB";    // woman technologist
  const std::string text = "Short words first. " + word + " tail.";
  ChunkRun r(doc("g", text), opts({{"chunk-chars", "7"}}));
  ASSERT_GT(r.chunks.size(), 5u);
  expect_offsets_consistent(r);
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> gi(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
  gi->setText(ut, err);
  ASSERT_TRUE(U_SUCCESS(err));
  std::string joined;
  for (size_t i = 0; i < r.chunks.size(); ++i) {
    EXPECT_TRUE(gi->isBoundary(static_cast<int32_t>(r.num(i, "start")))) << i;
    EXPECT_TRUE(gi->isBoundary(static_cast<int32_t>(r.num(i, "end")))) << i;
    EXPECT_LE(r.num(i, "char_end") - r.num(i, "char_start"), 7) << r.text(i);
    joined += r.text(i);
  }
  utext_close(ut);
  std::string nospace;
  for (char c : text) if (c != ' ') nospace += c;
  std::string joined_nospace;
  for (char c : joined) if (c != ' ') joined_nospace += c;
  EXPECT_EQ(joined_nospace, nospace);  // nothing lost, nothing repeated
}

TEST(Chunk, MarkdownKeepsTheHeadingPath) {
  const std::string text =
      "Intro line.\n\n# Guide\n\n## Install\n\nRun the script.\n\n```\n# not a heading\n```\n\n"
      "## Use\n\nCall it.\n\n# Notes ##\n\nDone.";
  ChunkRun r(doc("m", text), opts({{"strategy", "markdown"}}));
  ASSERT_EQ(r.chunks.size(), 4u);
  EXPECT_EQ(r.text(0), "Intro line.");
  EXPECT_EQ(*r.chunks[0].field("headings"), "[]");
  EXPECT_EQ(r.text(1), "## Install\n\nRun the script.\n\n```\n# not a heading\n```");
  EXPECT_EQ(*r.chunks[1].field("headings"), R"(["Guide","Install"])");
  EXPECT_EQ(*r.chunks[2].field("headings"), R"(["Guide","Use"])");
  EXPECT_EQ(*r.chunks[3].field("headings"), R"(["Notes"])");
  EXPECT_EQ(r.text(3), "# Notes ##\n\nDone.");
  expect_offsets_consistent(r);
}

TEST(Chunk, ParagraphsSplitOnBlankLines) {
  const std::string text = "First para\nstill first.\n \nSecond para.\n\n\nThird para is here.";
  ChunkRun r(doc("p", text), opts({{"strategy", "paragraphs"}, {"chunk-chars", "25"}}));
  ASSERT_EQ(r.chunks.size(), 3u);
  EXPECT_EQ(r.text(0), "First para\nstill first.");
  EXPECT_EQ(r.text(1), "Second para.");
  EXPECT_EQ(r.text(2), "Third para is here.");
  expect_offsets_consistent(r);
}

TEST(Chunk, BlankTextGivesNoChunk) {
  ChunkRun r(doc("e", " \n\t "), opts({}));
  EXPECT_TRUE(r.chunks.empty());
}

// A text of about `bytes` bytes: sentences, blank-line paragraphs, ATX
// headings and now and then a long run with no space (multi-byte UTF-8).
std::string big_text(size_t bytes) {
  const char* words[] = {"the", "cat", "sat", "caf\xC3\xA9", "na\xC3\xAFve", "\xE6\x95\xB0\xE6\x8D\xAE", "ran", "home"};
  std::string t;
  for (uint32_t i = 0; t.size() < bytes; ++i) {
    if (i % 300 == 0) t += "\n\n## Part " + std::to_string(i) + "\n\n";
    if (i % 211 == 0) {
      for (int k = 0; k < 600; ++k) t += "e\xCC\x81";  // 1,200 code points, no space
      t += ' ';
    }
    for (uint32_t w = 0; w < 5 + i % 17; ++w) (t += words[(i * 7 + w * 3) % 8]) += ' ';
    t += i % 9 == 8 ? ".\n\n" : ". ";
  }
  return t;
}

// Chunks (without overlap) are the text between their offsets, in order,
// with nothing but white space between or around them.
void expect_exact_cover(const ChunkRun& r) {
  const std::string_view t = r.parent.text();
  auto blank = [](std::string_view s) { return s.find_first_not_of(" \n\t\r") == std::string_view::npos; };
  size_t pos = 0;
  uint64_t cps = 0;
  for (size_t i = 0; i < r.chunks.size(); ++i) {
    const auto s = static_cast<size_t>(r.num(i, "start")), e = static_cast<size_t>(r.num(i, "end"));
    ASSERT_GE(s, pos) << "chunk " << i << " overlaps the one before";
    ASSERT_LE(e, t.size());
    ASSERT_TRUE(blank(t.substr(pos, s - pos))) << "text lost before chunk " << i;
    ASSERT_EQ(r.text(i), t.substr(s, e - s)) << i;
    for (size_t k = pos; k < s; ++k) cps += (static_cast<uint8_t>(t[k]) & 0xC0) != 0x80;
    ASSERT_EQ(r.num(i, "char_start"), static_cast<int64_t>(cps)) << i;
    for (size_t k = s; k < e; ++k) cps += (static_cast<uint8_t>(t[k]) & 0xC0) != 0x80;
    ASSERT_EQ(r.num(i, "char_end"), static_cast<int64_t>(cps)) << i;
    pos = e;
  }
  EXPECT_TRUE(blank(t.substr(pos))) << "text lost at the end";
}

TEST(Chunk, EveryStrategyCoversABigTextExactly) {
  const std::string text = big_text(3 << 20);
  for (const char* strategy : {"sentences", "paragraphs", "markdown"}) {
    ChunkRun r(doc("big", text), opts({{"strategy", strategy}, {"chunk-chars", "500"}}));
    ASSERT_GT(r.chunks.size(), 3000u) << strategy;
    expect_exact_cover(r);
    for (size_t i = 0; i < r.chunks.size(); ++i) {
      ASSERT_LE(r.num(i, "char_end") - r.num(i, "char_start"), 500) << strategy << " " << i;
    }
  }
}

std::vector<PackedChunk> pack(const std::vector<PackUnit>& units, PackLimit limit) {
  ChunkPacker packer(limit);
  std::vector<PackedChunk> out;
  for (const PackUnit& u : units) packer.add(u, out);
  packer.finish(out);
  return out;
}

TEST(ChunkPacker, OverlapNeverRepeatsAWholeChunk) {
  // Units of 10 chars with gaps of 1: a big unit after two small ones.
  std::vector<PackUnit> u = {{0, 10, 0, 10, 0, 0, 0}, {11, 21, 11, 21, 0, 0, 0}, {22, 52, 22, 52, 0, 0, 0}};
  std::vector<PackedChunk> out = pack(u, PackLimit{PackLimit::kChars, 30, 15});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].first.begin, 0u);
  EXPECT_EQ(out[0].last.begin, 11u);
  EXPECT_EQ(out[1].first.begin, 22u);  // unit 1 + unit 2 would not fit: no overlap
  out = pack(u, PackLimit{PackLimit::kChars, 45, 15});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].first.begin, 11u);
  EXPECT_EQ(out[1].last.begin, 22u);
}

TEST(ChunkPacker, TokensModeSizesRunsByTheirTokens) {
  // Units of 3, 2, 4 and 1 tokens (9 chars each) under a limit of 7 tokens
  // with an overlap of 2: the 2-token unit is repeated.
  std::vector<PackUnit> u;
  const uint32_t tokens[] = {3, 2, 4, 1};
  uint64_t t = 0;
  for (uint32_t i = 0; i < 4; ++i) {
    u.push_back({i * 10, i * 10 + 9, i * 10, i * 10 + 9, t, t + tokens[i], 0});
    t += tokens[i];
  }
  std::vector<PackedChunk> out = pack(u, PackLimit{PackLimit::kTokens, 7, 2});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].first.begin, 0u);
  EXPECT_EQ(out[0].last.begin, 10u);
  EXPECT_EQ(out[1].first.begin, 10u);
  EXPECT_EQ(out[1].last.begin, 30u);
}

}  // namespace
}  // namespace dpk
