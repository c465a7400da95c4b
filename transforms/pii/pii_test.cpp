// Unit tests per type (valid and near-miss values), overlaps, scripts, modes.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "detector_test_support.h"
#include "pii_detector.h"
#include "pii_rewriter.h"
#include "validators.h"

namespace dpk::pii {

namespace {

class PiiDetectorTest : public ::testing::TestWithParam<ScanEngine> {
 protected:
  std::vector<Found> find(std::string_view text) {
    if (!det_) det_ = std::make_unique<PiiDetector>(compiled(GetParam()), DetectorConfig{});
    return found_in(*det_, text);
  }
  std::vector<Found> one(const char* type, const char* value) { return {{type, value}}; }
  std::unique_ptr<PiiDetector> det_;
};

TEST(PiiValidators, Luhn) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_TRUE(luhn_valid("378282246310005"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
  EXPECT_FALSE(luhn_valid("378282246310006"));
}

TEST(PiiValidators, IbanChecksumAndLength) {
  EXPECT_TRUE(iban_checksum_valid("DE89370400440532013000"));
  EXPECT_TRUE(iban_checksum_valid("GB82WEST12345698765432"));
  EXPECT_FALSE(iban_checksum_valid("DE89370400440532013001"));
  EXPECT_FALSE(iban_checksum_valid("GB82WEST12345698765433"));
  EXPECT_EQ(iban_length_for_country("DE"), 22);
  EXPECT_EQ(iban_length_for_country("NO"), 15);
  EXPECT_EQ(iban_length_for_country("US"), 0);
}

TEST(PiiValidators, IpAddresses) {
  EXPECT_TRUE(ipv4_valid("192.168.1.1"));
  EXPECT_TRUE(ipv4_valid("0.0.0.0"));
  EXPECT_FALSE(ipv4_valid("256.1.1.1"));
  EXPECT_FALSE(ipv4_valid("01.2.3.4"));
  EXPECT_FALSE(ipv4_valid("1.2.3"));
  EXPECT_TRUE(ipv6_valid("2001:db8::8a2e:370:7334"));
  EXPECT_FALSE(ipv6_valid("2001:db8:::1"));
  EXPECT_FALSE(ipv6_valid("12:30:45"));
}

TEST_P(PiiDetectorTest, Email) {
  EXPECT_EQ(find("Write to jane.doe+news@example.co.uk today."), one("EMAIL", "jane.doe+news@example.co.uk"));
  EXPECT_EQ(find("<a href=\"mailto:info@shop-24.de\">"), one("EMAIL", "info@shop-24.de"));
  EXPECT_TRUE(find("not an address: user@localhost or @handle or a@b.c").empty());
  EXPECT_TRUE(find("double dots x..y@example.com").empty() ||
               find("double dots x..y@example.com")[0].value != "x..y@example.com");
}

TEST_P(PiiDetectorTest, Phone) {
  EXPECT_EQ(find("Call (415) 555-2671 now"), one("PHONE", "(415) 555-2671"));
  EXPECT_EQ(find("Tel.: +44 20 7946 0958."), one("PHONE", "+44 20 7946 0958"));
  EXPECT_EQ(find("Ruf an: 030 12345678!"), one("PHONE", "030 12345678"));
  EXPECT_EQ(find("Appelez le 01 42 68 53 00"), one("PHONE", "01 42 68 53 00"));
  EXPECT_EQ(find("international +33 1 42 68 53 00 ok"), one("PHONE", "+33 1 42 68 53 00"));
  EXPECT_EQ(find("Tél. 01.42.68.53.00"), one("PHONE", "01.42.68.53.00"));  // dotted pairs: not a version
}

TEST_P(PiiDetectorTest, NotPhones) {
  EXPECT_TRUE(find("Released 2023-11-05, version 10.0.19041.1348").empty());
  EXPECT_TRUE(find("on 05.11.2023 and 11/05/2023 at 12:30").empty());
  EXPECT_TRUE(find("order id 98234987234987 and ISBN 9783161484100").empty());
  EXPECT_TRUE(find("sku A4155552671 and 4155552671X").empty());   // glued to letters
  EXPECT_TRUE(find("price 1.234.567,89 EUR").empty());
}

TEST_P(PiiDetectorTest, PhoneExtensions) {
  EXPECT_EQ(find("Call 208-263-4522x346 now"), one("PHONE", "208-263-4522x346"));
  EXPECT_EQ(find("Call (415) 555-2671 ext. 12 now"), one("PHONE", "(415) 555-2671 ext. 12"));
  EXPECT_EQ(find("Call (415) 555-2671, Ext 3 now"), one("PHONE", "(415) 555-2671, Ext 3"));
  EXPECT_EQ(find("Call (415) 555-2671 x 12."), one("PHONE", "(415) 555-2671 x 12"));
  EXPECT_EQ(find("Call 030 12345678 #221."), one("PHONE", "030 12345678 #221"));
  EXPECT_EQ(find("Call 030 12345678 extension 221"), one("PHONE", "030 12345678 extension 221"));
  // No digits after the marker, or a word after them: no extension.
  EXPECT_EQ(find("Call 4155552671 x12ab now"), one("PHONE", "4155552671"));
  EXPECT_EQ(find("Call 4155552671 exterior"), one("PHONE", "4155552671"));
  EXPECT_TRUE(find("sku 4155552671xyz and 4155552671x").empty());
  EXPECT_TRUE(find("part 4155552671x12ab").empty());
  // The number itself must be valid.
  EXPECT_TRUE(find("Call (000) 000-0000x12 now").empty());
  EXPECT_TRUE(find("screen 1920x1080 and 3840 x 2160").empty());
}

TEST_P(PiiDetectorTest, PhoneTrunkPrefixInInternationalFormat) {
  EXPECT_EQ(find("Tel +44 (0)20 7946 0958."), one("PHONE", "+44 (0)20 7946 0958"));
  EXPECT_EQ(find("Tel +41 (0)44 668 18 00."), one("PHONE", "+41 (0)44 668 18 00"));
  EXPECT_EQ(find("Tel +49 (0)30 12345678."), one("PHONE", "+49 (0)30 12345678"));
  // Not a valid Swiss number: its tail is no French national number either.
  EXPECT_TRUE(find("Tel +41 (0)66 874 79 62.").empty());
  EXPECT_TRUE(find("Tel +41 (0)35 713 27 71.").empty());
}

TEST(PiiPhoneRegions, TrunkPrefixInInternationalFormatWhateverTheFirstRegion) {
  auto db = PatternDatabase::compile(PiiTypeSet::all());
  DetectorConfig fr;
  fr.regions = {"FR", "DE"};
  PiiDetector det(db.value(), fr);
  std::vector<Entity> out;
  det.detect("+41 (0)66 874 79 62", out);  // (0)66 87 47 96 2 would be French
  EXPECT_TRUE(out.empty());
  det.detect("+33 (0)1 42 68 53 00", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].begin, 0u);
  EXPECT_EQ(out[0].end, 20u);
}

TEST(PiiPhoneRegions, RegionsWithoutTrunkPrefix) {
  // Danish, Norwegian, Spanish and Italian numbers have no trunk prefix:
  // eight or nine digits, Italian ones often from a 0. (Spanish numbers in
  // groups of three, "912 345 678", read as an amount and are missed.)
  auto db = PatternDatabase::compile(PiiTypeSet::all());
  DetectorConfig cfg;
  cfg.regions = {"DK", "NO", "ES", "IT"};
  PiiDetector det(db.value(), cfg);
  std::vector<Entity> out;
  for (const char* phone : {"27 591698", "99 88 75 39", "91 234 56 78", "06 6982 1234"}) {
    det.detect(phone, out);
    ASSERT_EQ(out.size(), 1u) << phone;
    EXPECT_EQ(out[0].end - out[0].begin, std::string_view(phone).size()) << phone;
  }
  for (const char* not_phone : {"12 34 56 78", "2759169", "00 12 34 56"}) {
    det.detect(not_phone, out);
    EXPECT_TRUE(out.empty()) << not_phone;
  }
  // The same digits are no number of the default regions.
  PiiDetector us(db.value(), DetectorConfig{});
  us.detect("27 591698", out);
  EXPECT_TRUE(out.empty());
  us.detect("99 88 75 39", out);
  EXPECT_TRUE(out.empty());
}

TEST(PiiPhoneRegions, IndianNumbersWithAndWithoutTheTrunkZero) {
  auto db = PatternDatabase::compile(PiiTypeSet::all());
  DetectorConfig in;
  in.regions = {"IN"};
  PiiDetector det(db.value(), in);
  std::vector<Entity> out;
  // Landlines from the trunk 0, mobiles bare or from the trunk 0.
  for (const char* phone : {"011 2345 6789", "0660 382 47 98", "098 7654 3210", "98765 43210"}) {
    det.detect(phone, out);
    ASSERT_EQ(out.size(), 1u) << phone;
    EXPECT_EQ(out[0].end - out[0].begin, std::string_view(phone).size()) << phone;
  }
  // Too short after the trunk 0, or bare and too short.
  for (const char* not_phone : {"022 2345 678", "0555 1234", "98765 4321"}) {
    det.detect(not_phone, out);
    EXPECT_TRUE(out.empty()) << not_phone;
  }
}

TEST(PiiPhoneRegions, NationalFormatsFollowTheRegions) {
  auto db = PatternDatabase::compile(PiiTypeSet::all());
  DetectorConfig us;
  us.regions = {"US"};
  PiiDetector det(db.value(), us);
  std::vector<Entity> out;
  det.detect("(415) 055-2671", out);  // no US exchange starts with 0
  EXPECT_TRUE(out.empty());
  det.detect("030 12345678", out);    // a Berlin number, not a US one
  EXPECT_TRUE(out.empty());
  det.detect("+49 30 12345678", out);  // international format: any region
  EXPECT_EQ(out.size(), 1u);
  det.detect("(415) 555-2671", out);
  EXPECT_EQ(out.size(), 1u);
}

TEST_P(PiiDetectorTest, CreditCard) {
  EXPECT_EQ(find("card 4111 1111 1111 1111 exp"), one("CREDIT_CARD", "4111 1111 1111 1111"));
  EXPECT_EQ(find("amex 3782-822463-10005."), one("CREDIT_CARD", "3782-822463-10005"));
  EXPECT_EQ(find("mc:5555555555554444"), one("CREDIT_CARD", "5555555555554444"));
  EXPECT_TRUE(find("card 4111 1111 1111 1112 exp").empty());      // Luhn fails
  EXPECT_TRUE(find("id 1234567812345670 ok").empty());            // Luhn ok, no issuer
  EXPECT_TRUE(find("run 94111111111111111 ok").empty());          // inside a longer run
  EXPECT_TRUE(find("sum 4111111111111111.50").empty());           // a decimal number
  // The card-shaped tail of a longer grouped code (mistyped IBANs) is not a card.
  EXPECT_TRUE(find("IBAN CH08 7934 4222 2149 6112 6").empty());
  EXPECT_TRUE(find("IBAN: IT34 W207 5156 7586 7514 2610 721").empty());
  EXPECT_EQ(find("Visa 4111 1111 1111 1111"), one("CREDIT_CARD", "4111 1111 1111 1111"));
  EXPECT_EQ(find("qty 2 4111111111111111"), one("CREDIT_CARD", "4111111111111111"));
}

// One positive and one negative per issuer rule added with Maestro, Mir and
// JCB's 15-digit ranges; every number here passes Luhn.
TEST(PiiValidators, CardIssuerRules) {
  using R = CardIssuerRule;
  EXPECT_EQ(card_issuer_rule("4111111111111111"), R::kShape);     // Visa 16
  EXPECT_EQ(card_issuer_rule("6759123456789015"), R::kShape);     // Maestro IIN, 16 digits
  EXPECT_EQ(card_issuer_rule("5018123456789012344"), R::kShape);  // Maestro IIN, 19 digits
  EXPECT_EQ(card_issuer_rule("501812345673"), R::kNamed);         // Maestro IIN, 12 digits
  EXPECT_EQ(card_issuer_rule("561212345673"), R::kNamed);         // wide Maestro range 56-69
  EXPECT_EQ(card_issuer_rule("561212345678900"), R::kNamed);
  EXPECT_EQ(card_issuer_rule("50181234567"), R::kNone);           // 11 digits: no card
  EXPECT_EQ(card_issuer_rule("551212345678"), R::kNone);          // Mastercard is 16 digits only
  EXPECT_EQ(card_issuer_rule("2200123456789019"), R::kShape);     // Mir
  EXPECT_EQ(card_issuer_rule("2205123456789014"), R::kNone);      // after Mir, before Mastercard 2221
  EXPECT_EQ(card_issuer_rule("220012345678907"), R::kNone);       // Mir is 16-19 digits
  EXPECT_EQ(card_issuer_rule("180012345678905"), R::kShape);      // JCB, 15 digits
  EXPECT_EQ(card_issuer_rule("213112345678904"), R::kShape);
  EXPECT_EQ(card_issuer_rule("1800123456789015"), R::kNone);      // 1800 is 15 digits only
  EXPECT_EQ(card_issuer_rule("180112345678903"), R::kNone);       // 1801: no issuer
  EXPECT_EQ(card_issuer_rule("3500123456789014"), R::kNone);      // JCB is 3528-3589
  EXPECT_EQ(card_issuer_rule("060412345674"), R::kNamed);         // Maestro 0604 (older table)
  EXPECT_EQ(card_issuer_rule("0604123456789015"), R::kNamed);     // ... at every length
  EXPECT_EQ(card_issuer_rule("060512345673"), R::kNone);          // 0605: no issuer
  EXPECT_EQ(card_issuer_rule("30912345678908"), R::kShape);       // Diners Club 309
  EXPECT_EQ(card_issuer_rule("30612345678904"), R::kNone);        // 306: no issuer
}

TEST(PiiValidators, CardNamedBefore) {
  auto named = [](std::string_view text) { return card_named_before(text, static_cast<uint32_t>(text.size())); };
  for (const char* yes : {"my card ", "Credit Card number: ", "CC# ", "cc ", "Maestro ", "Kartennummer ",
                          "numéro de carte ", "tarjeta de débito ", "paid by debit, no. "}) {
    EXPECT_TRUE(named(yes)) << yes;
  }
  for (const char* no : {"order ", "account ", "accommodation ", "Aadhaar card ", "phone ", "",
                         "card was mentioned long ago, then this: "}) {
    EXPECT_FALSE(named(no)) << no;
  }
}

TEST_P(PiiDetectorTest, CardsOfMaestroMirAndJcb15) {
  EXPECT_EQ(find("Maestro 6759 1234 5678 9015."), one("CREDIT_CARD", "6759 1234 5678 9015"));
  EXPECT_EQ(find("ref 6759123456789015 ok"), one("CREDIT_CARD", "6759123456789015"));  // 16 digits: alone
  EXPECT_EQ(find("my card 501812345673 is lost"), one("CREDIT_CARD", "501812345673"));
  EXPECT_EQ(find("CC# 5018-1234-5673"), one("CREDIT_CARD", "5018-1234-5673"));
  EXPECT_EQ(find("card: 561212345673"), one("CREDIT_CARD", "561212345673"));
  EXPECT_EQ(find("Mir 2200 1234 5678 9019"), one("CREDIT_CARD", "2200 1234 5678 9019"));
  EXPECT_EQ(find("JCB 180012345678905."), one("CREDIT_CARD", "180012345678905"));
  EXPECT_EQ(find("JCB 2131-123456-78904"), one("CREDIT_CARD", "2131-123456-78904"));
  // Short or wide-range Maestro numbers without a card word are not cards.
  EXPECT_TRUE(find("order 501812345673 shipped").empty());
  EXPECT_TRUE(find("account 561212345673").empty());
  EXPECT_TRUE(find("Aadhaar card 5612 1234 5673").empty());
  // Twelve digits of a longer grouped number: the 16-digit number fails Luhn.
  EXPECT_TRUE(find("card 6011 1234 5678 0001").empty());
  EXPECT_TRUE(find("card 4111 5612 1234 5673").empty());
  EXPECT_TRUE(find("card 3500123456789014").empty());  // outside JCB's 3528-3589
  EXPECT_EQ(find("credit card 060412345674"), one("CREDIT_CARD", "060412345674"));
  EXPECT_TRUE(find("ref 0604123456789015").empty());   // 0604 only after a card word
}

TEST_P(PiiDetectorTest, Iban) {
  EXPECT_EQ(find("IBAN: DE89 3704 0044 0532 0130 00, BIC"), one("IBAN", "DE89 3704 0044 0532 0130 00"));
  EXPECT_EQ(find("pay GB82WEST12345698765432."), one("IBAN", "GB82WEST12345698765432"));
  EXPECT_TRUE(find("IBAN: DE89 3704 0044 0532 0130 01").empty()) << "mod-97 fails";
  EXPECT_TRUE(find("IBAN: DE89 3704 0044 0532 0130").empty()) << "too short";
}

TEST_P(PiiDetectorTest, UsSsn) {
  EXPECT_EQ(find("SSN 536-22-8726."), one("US_SSN", "536-22-8726"));
  EXPECT_EQ(find("SSN 536 22 8726"), one("US_SSN", "536 22 8726"));
  EXPECT_TRUE(find("SSN 666-22-8726").empty());
  EXPECT_TRUE(find("SSN 936-22-8726").empty());
  EXPECT_TRUE(find("SSN 536-00-8726").empty());
  EXPECT_TRUE(find("SSN 536-22-0000").empty());
  EXPECT_TRUE(find("SSN 536-22 8726").empty());                   // mixed separators
  EXPECT_TRUE(find("part 1-536-22-8726-9").empty());              // inside a longer number
}

TEST_P(PiiDetectorTest, IpAddress) {
  EXPECT_EQ(find("from 192.168.10.254:8080"), one("IP_ADDRESS", "192.168.10.254"));
  EXPECT_EQ(find("host 2001:db8:85a3::8a2e:370:7334 up"), one("IP_ADDRESS", "2001:db8:85a3::8a2e:370:7334"));
  EXPECT_EQ(find("link fe80::1ff:fe23:4567:890a."), one("IP_ADDRESS", "fe80::1ff:fe23:4567:890a"));
  EXPECT_TRUE(find("bad 300.1.2.3 and 1.2.3.4.5 and v1.2.3.4").empty());
  EXPECT_TRUE(find("std::vector<int> and a::b::c at 12:30:45").empty());
}

TEST_P(PiiDetectorTest, MacAddress) {
  EXPECT_EQ(find("eth0 00:1A:2B:3C:4D:5E up"), one("MAC_ADDRESS", "00:1A:2B:3C:4D:5E"));
  EXPECT_EQ(find("hw 001a.2b3c.4d5e"), one("MAC_ADDRESS", "001a.2b3c.4d5e"));
  EXPECT_TRUE(find("00:1A:2B:3C:4D:5E:6F is eight bytes").empty());
  EXPECT_TRUE(find("00:1A-2B:3C:4D:5E mixed").empty());
}

TEST_P(PiiDetectorTest, UrlCredentials) {
  EXPECT_EQ(find("clone https://bob:s3cr3t@git.example.com/repo"), one("URL_CREDENTIALS", "bob:s3cr3t"));
  EXPECT_TRUE(find("see https://example.com/a:b@c and mailto:x").empty() ||
              find("see https://example.com/a:b@c and mailto:x")[0].type != "URL_CREDENTIALS");
}

TEST_P(PiiDetectorTest, Secrets) {
  EXPECT_EQ(find("key AKIAIOSFODNN7EXAMPLE ok"), one("SECRET", "AKIAIOSFODNN7EXAMPLE"));
  EXPECT_EQ(find("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
            one("SECRET", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  EXPECT_EQ(find("token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 x"),
            one("SECRET", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"));
  EXPECT_EQ(find("glpat-Ab3dEf6hIj9kLmN0pQrS"), one("SECRET", "glpat-Ab3dEf6hIj9kLmN0pQrS"));
  EXPECT_EQ(find("slack xoxb-2391-12345-AbCdEf"), one("SECRET", "xoxb-2391-12345-AbCdEf"));
  EXPECT_EQ(find("sk_live_4eC39HqLyjWDarjtT1zdp7dc"), one("SECRET", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
  EXPECT_EQ(find("AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"), one("SECRET", "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"));
  const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  EXPECT_EQ(find("Bearer " + jwt), one("SECRET", jwt.c_str()));
  const std::string key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----";
  EXPECT_EQ(find("x\n" + key + "\ny"), one("SECRET", key.c_str()));
  EXPECT_EQ(find("api_key = \"Zx9vQ2pL7rT4mN8kW3s\""), one("SECRET", "Zx9vQ2pL7rT4mN8kW3s"));
  EXPECT_TRUE(find("api_key = \"your-api-key-here\"").empty());   // no digit, low entropy
  EXPECT_TRUE(find("password = aaaaaaaaaaaaaaaa1").empty());      // low entropy
  EXPECT_TRUE(find("token: 12345").empty());
}

TEST_P(PiiDetectorTest, SeveralScripts) {
  EXPECT_EQ(find("请联系 wang.li@example.cn 谢谢"), one("EMAIL", "wang.li@example.cn"));
  EXPECT_EQ(find("Позвоните: +7 495 123-45-67, спасибо"), one("PHONE", "+7 495 123-45-67"));
  EXPECT_EQ(find("عنوان IP هو 10.0.0.1 هنا"), one("IP_ADDRESS", "10.0.0.1"));
  EXPECT_EQ(find("カード番号４１１１ 4111111111111111。"), one("CREDIT_CARD", "4111111111111111"));
}

TEST_P(PiiDetectorTest, OverlappingCandidatesResolveToOneReading) {
  // A card number is also a digit run a phone matcher could read.
  EXPECT_EQ(find("4111-1111-1111-1111"), one("CREDIT_CARD", "4111-1111-1111-1111"));
  // The password in a URL is not an e-mail local part.
  auto r = find("ftp://admin:hunter2@files.example.org/");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], (Found{"URL_CREDENTIALS", "admin:hunter2"}));
  // A JWT's segments are not separate tokens; an email next to an IP stays two entities.
  auto two = find("a@b.example.com,10.1.2.3");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].type, "EMAIL");
  EXPECT_EQ(two[1].type, "IP_ADDRESS");
}

TEST_P(PiiDetectorTest, HugeDocumentIsScannedInOnePass) {
  // 2 MB of digits and separators: candidates everywhere, none valid as a
  // phone; the pass must stay linear (this finishes in well under a second).
  std::string s;
  for (int i = 0; s.size() < (2u << 20); ++i) s += "0000-00-00 ";
  s += " mail me@example.org";
  auto r = find(s);
  ASSERT_FALSE(r.empty());
  EXPECT_EQ(r.back(), (Found{"EMAIL", "me@example.org"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, PiiDetectorTest, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return std::string(compiled(info.param)->engine_name()); });

TEST(PiiEngines, ForcedEngineIsTheOneThatRuns) {
  EXPECT_EQ(compiled(ScanEngine::kRe2)->engine_name(), "re2");
  auto hs = PatternDatabase::compile(PiiTypeSet::all(), ScanEngine::kHyperscan);
  EXPECT_EQ(hs.ok(), PatternDatabase::hyperscan_available());
  if (hs.ok()) {
    EXPECT_EQ(hs.value()->engine_name(), "hyperscan");
  }
}

// Property: the RE2 pass (non-x86 builds) and the Hyperscan pass propose
// different candidates but the detector makes the same entities of them.
TEST(PiiEngines, SameEntitiesOnRandomTexts) {
  if (!PatternDatabase::hyperscan_available()) GTEST_SKIP() << "this build has only RE2";
  PiiDetector re2(compiled(ScanEngine::kRe2), DetectorConfig{});
  PiiDetector hs(compiled(ScanEngine::kHyperscan), DetectorConfig{});
  const std::vector<std::string> parts = {
      "jane@example.com", "+44 20 7946 0958", "(415) 555-2671", "4111 1111 1111 1111", "192.168.0.17",
      "DE89 3704 0044 0532 0130 00", "536-22-8726", "00:1A:2B:3C:4D:5E", "AKIAIOSFODNN7EXAMPLE",
      "2001:db8::8a2e:370:7334", "https://u:pw123@h.example.org/", "api_key=Zx9vQ2pL7rT4mN8kW3s",
      "2024-01-31", "10.0.19041.1348", "030 12345678", "1994-2022", "01 42 68 53 00", "1.234.567,89",
      "card ", "501812345673", "5018 1234 5673", "6759123456789015", "180012345678905", "2200 1234 5678 9019",
      " ", "\n", ", ", "x", "-", "1", "é", ".", "@", ":", "(", "中", "/", "+"};
  std::mt19937 rng(11);
  std::vector<Entity> a, b;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += parts[rng() % parts.size()];
    re2.detect(text, a);
    hs.detect(text, b);
    ASSERT_EQ(a.size(), b.size()) << text;
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_TRUE(a[i].type == b[i].type && a[i].begin == b[i].begin && a[i].end == b[i].end)
          << "entity " << i << " differs in: " << text;
    }
  }
}

// The database compiled at build time, filtered to the enabled types, finds
// what the patterns compiled at start find (the path machines that refuse
// the prebuilt database take), for all types and for a subset.
TEST(PiiEngines, PrebuiltPatternsFindWhatCompiledOnesFind) {
  if (!PatternDatabase::prebuilt_available()) GTEST_SKIP() << "this build has no prebuilt patterns";
  for (PiiTypeSet types : {PiiTypeSet::all(), PiiTypeSet::of(PiiType::kPhone).with(PiiType::kEmail),
                           PiiTypeSet::of(PiiType::kIban).with(PiiType::kSecret)}) {
    auto prebuilt = PatternDatabase::compile(types, ScanEngine::kHyperscan);
    auto compiled = PatternDatabase::compile(types, ScanEngine::kHyperscan, false);
    ASSERT_TRUE(prebuilt.value()->prebuilt());
    ASSERT_FALSE(compiled.value()->prebuilt());
    DetectorConfig cfg;
    cfg.types = types;
    PiiDetector a(prebuilt.value(), cfg), b(compiled.value(), cfg);
    const std::vector<std::string> parts = {
        "jane@example.com", "+44 20 7946 0958", "(415) 555-2671", "4111 1111 1111 1111", "192.168.0.17",
        "DE89 3704 0044 0532 0130 00", "gb42nawi04454264788619", "536-22-8726", "00:1A:2B:3C:4D:5E",
        "AKIAIOSFODNN7EXAMPLE", "2001:db8::8a2e:370:7334", "https://u:pw123@h.example.org/",
        "api_key=Zx9vQ2pL7rT4mN8kW3s", "2024-01-31", "MA 02110-1301", " ", "\n", ", ", "x", "-", "1", "@", ":"};
    std::mt19937 rng(12);
    std::vector<Entity> ea, eb;
    int found = 0;
    for (int trial = 0; trial < 1000; ++trial) {
      std::string text;
      const int n = 1 + static_cast<int>(rng() % 10);
      for (int i = 0; i < n; ++i) text += parts[rng() % parts.size()];
      a.detect(text, ea);
      b.detect(text, eb);
      ASSERT_EQ(ea.size(), eb.size()) << text;
      for (size_t i = 0; i < ea.size(); ++i) {
        EXPECT_TRUE(ea[i].type == eb[i].type && ea[i].begin == eb[i].begin && ea[i].end == eb[i].end)
            << "entity " << i << " differs in: " << text;
        EXPECT_TRUE(types.has(ea[i].type)) << text;
      }
      found += static_cast<int>(ea.size());
    }
    EXPECT_GT(found, 300);  // the texts hold values of every type set tried
  }
}

TEST(PiiRewriter, ModesAndTemplates) {
  const std::string text = "mail a@example.org or a@example.org";
  std::vector<Entity> e = {{PiiType::kEmail, 5, 18}};
  std::string out;
  PiiRewriter redact(PiiMode::kRedact, "<{type}>", "");
  auto ents = e;
  redact.add_repeated_values(text, ents);
  ASSERT_EQ(ents.size(), 2u) << "the repeated value is found";
  redact.rewrite(text, ents, out);
  EXPECT_EQ(out, "mail <EMAIL> or <EMAIL>");
  PiiRewriter mask(PiiMode::kMask, "", "");
  mask.rewrite(text, e, out);
  EXPECT_EQ(out, "mail ************* or a@example.org");
  PiiRewriter hash(PiiMode::kHash, "[{type}:{hash}]", "0123456789abcdef-key");
  hash.rewrite(text, ents, out);
  const std::string p = hash.pseudonym("a@example.org");
  EXPECT_EQ(p.size(), 16u);
  EXPECT_EQ(out, "mail [EMAIL:" + p + "] or [EMAIL:" + p + "]");
  PiiRewriter other(PiiMode::kHash, "{hash}", "another-key-0123456789");
  EXPECT_NE(other.pseudonym("a@example.org"), p);
}

// Property: after redaction, no detected value is left anywhere in the text.
TEST(PiiRewriter, RedactedTextNeverHoldsADetectedValue) {
  auto db = PatternDatabase::compile(PiiTypeSet::all());
  PiiDetector det(db.value(), DetectorConfig{});
  PiiRewriter rw(PiiMode::kRedact, "<{type}>", "");
  const std::vector<std::string> values = {
      "jane@example.com", "+44 20 7946 0958", "(415) 555-2671", "4111111111111111", "192.168.0.17",
      "DE89370400440532013000", "536-22-8726", "00:1A:2B:3C:4D:5E", "AKIAIOSFODNN7EXAMPLE",
      "2001:db8::8a2e:370:7334"};
  const std::vector<std::string> glue = {" ", "\n", ", ", "x", "-", "1", "é", ".", "@", ":", "(", "中"};
  std::mt19937 rng(7);
  std::vector<Entity> ents;
  std::string out;
  for (int trial = 0; trial < 1000; ++trial) {
    std::string text;
    const int parts = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < parts; ++i) {
      text += glue[rng() % glue.size()];
      text += values[rng() % values.size()];
      text += glue[rng() % glue.size()];
    }
    det.detect(text, ents);
    std::vector<std::string> found;
    for (const auto& e : ents) found.emplace_back(text.substr(e.begin, e.end - e.begin));
    rw.add_repeated_values(text, ents);
    rw.rewrite(text, ents, out);
    for (const auto& v : found) {
      ASSERT_EQ(out.find(v), std::string::npos) << "'" << v << "' left in: " << out << "\nfrom: " << text;
    }
  }
}

}  // namespace
}  // namespace dpk::pii
