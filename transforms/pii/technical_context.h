// technical_context.h — context rules for numbers in technical text
// (changelogs, copyright files, release notes), where most digit runs with
// separators are dates, times, versions, postal codes and identifiers, not
// phone numbers or IP addresses. Each rule looks only at the characters
// around a span (a few bytes, the same line at most), so they cost little
// and run before libphonenumber.
//
//   digit_run_in_identifier("CVE-2026-118318", 4)        // true: "CVE-" glues it to a name
//   is_us_zip_plus4("Boston, MA 02110-1301", Span{11, 21}) // true
//   looks_like_build_stamp("12-20220428-1")              // true: a snapshot version
//   version_of_something("Standards-Version: 4.6.1.0", Span{19, 26})  // true
#pragma once

#include <string_view>

#include "validators.h"

namespace dpk::pii {

// A digit run that starts right after a name joined to it by '-' or '_'
// ("CVE-2026-...", "gcc-12", "gettext-0.19"), after a path or URL segment
// ('/' with a letter or digit before), after '#' or inside "[...]" (commit
// and bug references) is part of an identifier.
bool digit_run_in_identifier(std::string_view text, uint32_t begin);
bool enclosed_in_brackets(std::string_view text, Span s);

// The span is a US ZIP+4 code (ddddd-dddd) after a state code ("MA
// 02110-1301") or the word ZIP ("ZIP 03665-4709"), or before "USA"/"U.S.A.".
bool is_us_zip_plus4(std::string_view text, Span s);

// A token that no phone number is written as: a build or snapshot stamp
// with an eight-digit date (20220428) among other groups; a version that
// mixes dots with '-' or '/' ("0.99.30-4.1", "252.227-7014",
// "1895.22/1013"; not "0201.2402-403", an area code from a trunk 0 and one
// dot); a 32-bit integer limit (2147483647, 4294967295).
bool looks_like_build_stamp(std::string_view token);

// A dotted quad that is a version, not an IPv4 address: after a name and
// '-' or '_' ("gettext-0.19.8.1"), after an epoch ("1:4.1.4.2"), before a
// version suffix ('+', '~'), after the word version(s), standards, Linux or
// kernel ("Standards-Version: 4.6.1.0", "bump standards version to 3.9.8.0",
// "versions before 1.7.9.5", "Linux 2.6.8.1"), in a
// dependency ("(>= 1.71.0.1)") or a changelog header
// ("boost-defaults (1.71.0.1) unstable; urgency=medium"), or within three
// words after version, standard(s), policy, release(s) or bump on its line
// and clause ("(Standards-Version): bump to 3.7.2.0", "Upgraded to Debian
// Policy 4.6.0.1") or after "changes in", "new in" ("What's new in
// at-spi2-core 2.39.90.1").
bool version_of_something(std::string_view text, Span s);

// A dotted quad whose parts are all small (under 100) that numbers a
// section of a document: after a section word ("section", "clause", "§",
// "appendix" ...) or a standard's designator, letters and digits glued
// ("SP800-38D 5.2.1.1", "RFC5280 4.2.1.6") or apart ("RFC 5869 2.3.1.1",
// "FIPS 186-4 6.4.1.2"); the letters of a designator are capitals and its
// number has three digits or more, so "eth0 10.0.0.1", "DNS 8.8.8.8" and
// "VLAN 10 10.0.0.1" stay addresses.
bool section_number(std::string_view text, Span s);

// A dotted quad that is an object identifier (ITU-T X.660): its first arc
// 0, 1 or 2 and the others under 40, in parentheses after the name it
// numbers, written as identifiers are (camelCase or with '-' or '_':
// "commonName (2.5.4.3)", "id-ce-keyUsage (2.5.29.15)"), or after
// the word OID ("OID 2.5.4.3"). "Cloudflare DNS (1.1.1.1)" stays an address.
bool object_identifier(std::string_view text, Span s);

}  // namespace dpk::pii
