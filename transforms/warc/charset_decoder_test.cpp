#include "charset_decoder.h"

#include <gtest/gtest.h>

namespace dpk {
namespace {

TEST(CharsetDecoder, DeclaredMetaDetectedAndFallback) {
  CharsetDecoder d;
  std::string out, used;
  d.to_utf8("caf\xe9", "ISO-8859-1", out, used);
  EXPECT_EQ(out, "caf\xc3\xa9");
  EXPECT_EQ(used, "iso-8859-1");
  d.to_utf8("<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", "", out, used);
  EXPECT_EQ(used, "windows-1251");
  EXPECT_NE(out.find("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"), std::string::npos) << out;  // Привет
  d.to_utf8("plain \xc3\xa9t\xc3\xa9", "", out, used);
  EXPECT_EQ(used, "utf-8");
  EXPECT_EQ(out, "plain \xc3\xa9t\xc3\xa9");
  d.to_utf8("x\xff", "no-such-charset", out, used);
  EXPECT_EQ(used, "windows-1252");
  d.to_utf8("bad \xff utf8", "utf-8", out, used);
  EXPECT_EQ(out.find('\xff'), std::string::npos) << "invalid bytes must not survive";
}

TEST(CharsetDecoder, MetaSniffing) {
  EXPECT_EQ(sniff_meta_charset("<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            "shift_jis");
  EXPECT_EQ(sniff_meta_charset("<p>charset=utf-8 in text</p>"), "");
}

}  // namespace
}  // namespace dpk
