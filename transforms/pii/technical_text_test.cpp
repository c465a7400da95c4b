// PII in technical text (Debian changelogs, copyright files, NEWS): dates,
// times, versions, postal codes and identifiers that read as phone numbers,
// IP or e-mail addresses are not detected, and the real values next to them
// still are. Each line below is a false detection once reported on such text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "detector_test_support.h"
#include "pii_detector.h"
#include "protocol_names.h"
#include "technical_context.h"
#include "top_level_domains.h"

namespace dpk::pii {
namespace {

class TechnicalTextTest : public ::testing::TestWithParam<ScanEngine> {
 protected:
  std::vector<Found> find(std::string_view text) {
    if (!det_) det_ = std::make_unique<PiiDetector>(compiled(GetParam()), DetectorConfig{});
    return found_in(*det_, text);
  }
  std::unique_ptr<PiiDetector> det_;
};

using V = std::vector<Found>;

TEST_P(TechnicalTextTest, TimeStampsAreNotPhones) {
  EXPECT_EQ(find("6.65      2022-05-09 18:36:14Z"), V{});
  EXPECT_EQ(find("Date:   Sun Apr 3 09:21:29 2022 -0700"), V{});
  EXPECT_EQ(find("0.36 2013-12-07 17:36:04"), V{});
  // A number on the same line is still read.
  EXPECT_EQ(find("Date:   Sun Apr 3 09:21:29 2022 -0700 (call 030 12345678)"), (V{{"PHONE", "030 12345678"}}));
  EXPECT_EQ(find("2013-12-07 17:36:04 +0100 Tel. (415) 555-2671"), (V{{"PHONE", "(415) 555-2671"}}));
}

TEST_P(TechnicalTextTest, IdentifiersAreNotPhones) {
  EXPECT_EQ(find("- CVE-2026-118318"), V{});
  EXPECT_EQ(find("  * [0359951] Add --buildsystem=cmake to d/rules"), V{});
  EXPECT_EQ(find("see http://hdl.handle.net/1895.22/1013 and LP: #1694926"), V{});
  EXPECT_EQ(find("    exceeds maximum object size 2147483647"), V{});
  EXPECT_EQ(find("- CVE-2026-118318, reported by phone: 030 12345678"), (V{{"PHONE", "030 12345678"}}));
}

TEST_P(TechnicalTextTest, ZipPlusFourCodesAreNotPhones) {
  EXPECT_EQ(find("Boston, MA 02110-1301, USA."), V{});
  EXPECT_EQ(find("Fifth Floor, Boston, MA  02110-1301  USA"), V{});
  EXPECT_EQ(find("    02110-1301 USA"), V{});
  EXPECT_EQ(find("ZIP 03665-4709"), V{});
  EXPECT_EQ(find("Zip code: 02110-1301"), V{});
  EXPECT_EQ(find("Boston, MA 02110-1301, USA. Phone: (617) 542-5942"), (V{{"PHONE", "(617) 542-5942"}}));
}

TEST_P(TechnicalTextTest, VersionsAreNotPhones) {
  EXPECT_EQ(find("(0.99.30-4.1~deb12u1)"), V{});
  EXPECT_EQ(find("7042  9.0.0006"), V{});
  EXPECT_EQ(find("gcc-12 (12-20220428-1) unstable; urgency=medium"), V{});
  EXPECT_EQ(find("chromium-browser (70.0.3538.54-2) unstable; urgency=medium"), V{});
  EXPECT_EQ(find("in Clause 252.227-7013 (c) (1) of DFARs"), V{});
  // A German number with a dot after the area code and an extension.
  EXPECT_EQ(find("Fax: 0201.2402-403"), (V{{"PHONE", "0201.2402-403"}}));
  EXPECT_EQ(find("pkg (1.2-3) unstable; upstream hotline +44 20 7946 0958"), (V{{"PHONE", "+44 20 7946 0958"}}));
}

TEST_P(TechnicalTextTest, FourPartVersionsAreNotIpAddresses) {
  EXPECT_EQ(find("Standards-Version: 4.6.1.0"), V{});
  EXPECT_EQ(find("  * Bump standards version to 3.9.8.0."), V{});
  EXPECT_EQ(find("boost-defaults (1.71.0.1)"), V{});
  EXPECT_EQ(find("debianutils (4.8.6.3) unstable; urgency=medium"), V{});
  EXPECT_EQ(find("Depends: libfoo (>= 1.71.0.1)"), V{});
  EXPECT_EQ(find("gettext-0.19.8.1"), V{});
  EXPECT_EQ(find("changelog entry 1:4.1.4.2+svn3283-3."), V{});
  EXPECT_EQ(find("upgrades from versions before 1.7.9.5 (the version in Ubuntu"), V{});
  EXPECT_EQ(find("Use Linux 2.6.8.1 but not its drivers"), V{});
  EXPECT_EQ(find("  * debian/control (Standards-Version): bump to 3.7.2.0."), V{});
  EXPECT_EQ(find("  * Upgraded to Debian Policy 2.4.0.0"), V{});
  EXPECT_EQ(find("\tPrepare the next release 4.0.18.2."), V{});
  EXPECT_EQ(find("Major changes in 3.31.0.2"), V{});
  EXPECT_EQ(find("What's new in at-spi2-core 2.39.90.1:"), V{});
  // Addresses in the same kind of text are still found.
  EXPECT_EQ(find("localhost (127.0.0.1)"), (V{{"IP_ADDRESS", "127.0.0.1"}}));
  EXPECT_EQ(find("  * Fix smb://192.168.1.1/ in Nautilus"), (V{{"IP_ADDRESS", "192.168.1.1"}}));
  EXPECT_EQ(find("Standards-Version: 4.6.1.0; mirror at 10.0.12.7"), (V{{"IP_ADDRESS", "10.0.12.7"}}));
  EXPECT_EQ(find("Upgraded to Debian policy. Mirror at 10.0.12.7"), (V{{"IP_ADDRESS", "10.0.12.7"}}));
  EXPECT_EQ(find("Update the resolver to 9.9.9.9"), (V{{"IP_ADDRESS", "9.9.9.9"}}));
  EXPECT_EQ(find("new in the log: 10.0.12.7"), (V{{"IP_ADDRESS", "10.0.12.7"}}));
}

TEST_P(TechnicalTextTest, AddressShapedNamesAreNotEmails) {
  EXPECT_EQ(find("       po/en@quot.header"), V{});
  EXPECT_EQ(find("  po/ca@valencia.po"), V{});
  EXPECT_EQ(find("systemctl start getty@tty2.service"), V{});
  EXPECT_EQ(find("Message-ID: <20220101123456.GA1234@example.org>"), V{});
  EXPECT_EQ(find("In-Reply-To: <87zgabc.fsf@gnu.org>"), V{});
  EXPECT_EQ(find("https://lore.kernel.org/git/99b0adb6-26ba-293c-3a8f-679f59e7cb4d@web.de/T"), V{});
  EXPECT_EQ(find("  - sftp-server(8): add a new limits@openssh.com protocol extension"), V{});
  // Maintainer lines and upstream contacts are addresses.
  EXPECT_EQ(find(" -- Jane Doe <jane@example.org>  Sun, 03 Apr 2022 09:21:29 -0700"),
            (V{{"EMAIL", "jane@example.org"}}));
  EXPECT_EQ(find("Upstream-Contact: Theodore Ts'o <tytso@mit.edu>"), (V{{"EMAIL", "tytso@mit.edu"}}));
  EXPECT_EQ(find("Maintainer: Debian GCC <debian-gcc@lists.debian.org>"),
            (V{{"EMAIL", "debian-gcc@lists.debian.org"}}));
}

TEST_P(TechnicalTextTest, ProtocolNamesAreNotEmails) {
  // A word that names the item before the value, across a line break.
  EXPECT_EQ(find("    - ssh(1), sshd(8): remove the pre-standardization cipher\n      rijndael-cbc@lysator.liu.se."), V{});
  EXPECT_EQ(find("the signature algorithm rsa-sha2-512-cert@example.com is gone"), V{});
  // Local parts built like algorithm names: two words with digits, or a version last.
  EXPECT_EQ(find("by default (\"sntrup761x25519-sha512@openssh.com\")."), V{});
  EXPECT_EQ(find("  * prefer hmac-sha2-256-etm@openssh.com now"), V{});
  EXPECT_EQ(find("accept ssh-ed25519-cert-v01@openssh.com keys"), V{});
  // A list of names joined by commas.
  EXPECT_EQ(find("default: aes128-ctr,aes256-gcm@openssh.com"), V{});
  EXPECT_EQ(find("set umac-128@openssh.com,hmac-sha2-512"), V{});
  // A domain that names an item elsewhere in the text names its other
  // identifier-like values too.
  EXPECT_EQ(find("add the users-groups-by-id@openssh.com extension.\n"
                 "This overlaps with the existing \"expand-path@openssh.com\", but"),
            V{});
  // Addresses of people and lists next to them stay.
  EXPECT_EQ(find("add the limits@openssh.com extension; thanks djm@openssh.com"), (V{{"EMAIL", "djm@openssh.com"}}));
  EXPECT_EQ(find("the limits@openssh.com extension. Mail <openssh-unix-dev@openssh.com>"),
            (V{{"EMAIL", "openssh-unix-dev@openssh.com"}}));
  EXPECT_EQ(find("the existing \"expand-path@openssh.com\", but"), (V{{"EMAIL", "expand-path@openssh.com"}}))
      << "nothing in this text says the domain names protocol items";
  EXPECT_EQ(find("Maintainer: Debian l10n <debian-l10n-english@lists.debian.org>"),
            (V{{"EMAIL", "debian-l10n-english@lists.debian.org"}}));
  EXPECT_EQ(find("To: john-smith@example.com,jane-doe@example.org"),
            (V{{"EMAIL", "john-smith@example.com"}, {"EMAIL", "jane-doe@example.org"}}));
  EXPECT_EQ(find("Jane,Doe,jane.doe@example.com"), (V{{"EMAIL", "jane.doe@example.com"}}));
  EXPECT_EQ(find("Author: rrivers2 <5981058-rrivers2@users.noreply.gitlab.com>"),
            (V{{"EMAIL", "5981058-rrivers2@users.noreply.gitlab.com"}}));
  EXPECT_EQ(find("From: <sha256-aes128@example.com>"), (V{{"EMAIL", "sha256-aes128@example.com"}}))
      << "written as an address";
  EXPECT_EQ(find("Preferred contact method: jane@example.com"), (V{{"EMAIL", "jane@example.com"}}));
}

TEST_P(TechnicalTextTest, SectionNumbersAndObjectIdentifiersAreNotIpAddresses) {
  EXPECT_EQ(find("limits plaintext length to 2^39-256 bits, according to SP800-38D 5.2.1.1."), V{});
  EXPECT_EQ(find("as RFC 5280 4.2.1.6 requires"), V{});
  EXPECT_EQ(find("see FIPS 186-4 6.4.1.2 and section 3.1.4.1"), V{});
  EXPECT_EQ(find("(\xC2\xA7 7.3.2.1)"), V{});
  EXPECT_EQ(find("recognizes commonName\n   (2.5.4.3), decodes"), V{});
  EXPECT_EQ(find("id-ce-keyUsage (2.5.29.15)"), V{});
  EXPECT_EQ(find("the OID 2.5.4.10 (organizationName)"), V{});
  // Addresses in the same kind of line stay.
  EXPECT_EQ(find("Cloudflare DNS (1.1.1.1)"), (V{{"IP_ADDRESS", "1.1.1.1"}}));
  EXPECT_EQ(find("commonName (192.0.2.17)"), (V{{"IP_ADDRESS", "192.0.2.17"}}));
  EXPECT_EQ(find("DNS 8.8.8.8 and eth0 10.0.0.1"), (V{{"IP_ADDRESS", "8.8.8.8"}, {"IP_ADDRESS", "10.0.0.1"}}));
  EXPECT_EQ(find("VLAN 10 10.0.0.1"), (V{{"IP_ADDRESS", "10.0.0.1"}}));
  EXPECT_EQ(find("according to SP800-38D, host 172.16.254.1"), (V{{"IP_ADDRESS", "172.16.254.1"}}));
  EXPECT_EQ(find("section 5 of RFC 1918: 10.12.0.1"), (V{{"IP_ADDRESS", "10.12.0.1"}}));
}

TEST_P(TechnicalTextTest, SmallLetterIbansWithTheirChecksum) {
  EXPECT_EQ(find("iban: gb42nawi04454264788619"), (V{{"IBAN", "gb42nawi04454264788619"}}));
  EXPECT_EQ(find("iban: gb82 west 1234 5698 7654 32"), (V{{"IBAN", "gb82 west 1234 5698 7654 32"}}));
  EXPECT_EQ(find("iban: gb42nawi04454264788618"), V{}) << "mod-97 fails";
  EXPECT_EQ(find("iban: gb42NAWI04454264788619"), V{}) << "mixed case";
}

INSTANTIATE_TEST_SUITE_P(Engines, TechnicalTextTest, ::testing::ValuesIn(engines()),
                         [](const auto& info) { return info.param == ScanEngine::kRe2 ? "re2" : "hyperscan"; });

TEST(TechnicalContext, Rules) {
  EXPECT_TRUE(digit_run_in_identifier("CVE-2026-118318", 4));
  EXPECT_TRUE(digit_run_in_identifier("LP: #1694926", 5));
  EXPECT_FALSE(digit_run_in_identifier("Tel. 030 1234", 5));
  EXPECT_TRUE(is_us_zip_plus4("Boston, MA 02110-1301", Span{11, 21}));
  EXPECT_TRUE(is_us_zip_plus4("02110-1301, USA", Span{0, 10}));
  EXPECT_FALSE(is_us_zip_plus4("Tel. 07071-1234", Span{5, 15}));
  EXPECT_TRUE(looks_like_build_stamp("(12-20220428-1"));
  EXPECT_TRUE(looks_like_build_stamp("0.99.30-4.1"));
  EXPECT_FALSE(looks_like_build_stamp("0201.2402-403"));
  EXPECT_FALSE(looks_like_build_stamp("555-123-4567"));
  EXPECT_TRUE(version_of_something("Standards-Version: 4.6.1.0", Span{19, 26}));
  EXPECT_FALSE(version_of_something("server 10.0.0.1", Span{7, 15}));
  EXPECT_TRUE(section_number("SP800-38D 5.2.1.1", Span{10, 17}));
  EXPECT_FALSE(section_number("SP800-38D 5.2.1.200", Span{10, 19}));
  EXPECT_TRUE(object_identifier("commonName (2.5.4.3)", Span{12, 19}));
  EXPECT_FALSE(object_identifier("commonName (3.5.4.3)", Span{12, 19}));
  EXPECT_FALSE(object_identifier("DNS (1.1.1.1)", Span{5, 12}));
  EXPECT_TRUE(identifier_local_part("expand-path"));
  EXPECT_FALSE(identifier_local_part("djm"));
  EXPECT_FALSE(identifier_local_part("jane.doe-smith"));
  EXPECT_TRUE(names_protocol_item("x hmac-sha2-256-etm@openssh.com", Span{2, 31}, 19));
  EXPECT_FALSE(names_protocol_item("x debian-l10n-english@lists.debian.org", Span{2, 38}, 21));
}

TEST(TopLevelDomains, ReadFromThePublicSuffixList) {
  ASSERT_TRUE(TopLevelDomains::load().ok()) << TopLevelDomains::load().message();
  EXPECT_TRUE(TopLevelDomains::is_known("org"));
  EXPECT_TRUE(TopLevelDomains::is_known("DE"));
  EXPECT_TRUE(TopLevelDomains::is_known("xn--p1ai"));
  EXPECT_FALSE(TopLevelDomains::is_known("header"));
  EXPECT_FALSE(TopLevelDomains::is_known("service"));
  EXPECT_FALSE(TopLevelDomains::is_known("png"));
}

}  // namespace
}  // namespace dpk::pii
