#include "base64_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace dpk {
namespace {

TEST(Base64Text, Rfc4648Vectors) {
  // RFC 4648, section 10.
  const std::pair<const char*, const char*> vectors[] = {{"", ""},          {"f", "Zg=="},         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},   {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, coded] : vectors) {
    std::string out = "x";
    append_base64(out, plain);
    EXPECT_EQ(out, std::string("x") + coded);
    std::string back;
    ASSERT_TRUE(decode_base64(coded, back)) << coded;
    EXPECT_EQ(back, plain);
  }
}

TEST(Base64Text, RoundTripsBinaryOfEveryLengthAndAcrossPieces) {
  std::mt19937 rng(7);
  for (size_t n : {size_t{1}, size_t{2}, size_t{3}, size_t{255}, size_t{256}, size_t{257}, (size_t{3} << 20) + 1,
                   (size_t{3} << 20) * 2 + 2}) {
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    std::string coded, back;
    append_base64(coded, bytes);
    EXPECT_EQ(coded.size(), (n + 2) / 3 * 4);
    ASSERT_TRUE(decode_base64(coded, back)) << n;
    EXPECT_EQ(back, bytes) << n;
  }
}

TEST(Base64Text, RejectsWhatIsNotBase64) {
  std::string out;
  for (const char* bad : {"Zg=", "Zm9", "Zm 9v", "Zm9v\n", "Z===", "=Zm9", "Zm=v", "Zm9*", "\xC3\xA9Zm9"}) {
    EXPECT_FALSE(decode_base64(bad, out)) << bad;
  }
}

}  // namespace
}  // namespace dpk
