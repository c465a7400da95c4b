// url_host.h — the host of a URL, as datatrove's URLFilter sees it (through
// tldextract's lenient parse), and that host as a lookup key.
//
// The parse is lenient on purpose: crawl metadata holds scheme-less URLs
// ("example.com/x"), `mailto:`, user info and ports. The host is what lies
// after "scheme://" (or a leading "//") and any "user@", before the first
// '/', '?' or '#', without ":port" and trailing dots. "[...]" is an IPv6
// literal and has no domain.
//
//   std::string key;
//   url_host("HTTP://user@WWW.Bücher.de:80/x")          // "WWW.Bücher.de"
//   host_key("WWW.Bücher.de", key)                       // key == "www.xn--bcher-kva.de"
#pragma once

#include <string>
#include <string_view>

namespace dpk::url_filter {

// The host part of `url` (a view into it); empty when there is none.
std::string_view url_host(std::string_view url);

// Writes `host` as a lookup key: lowercase ASCII, internationalized labels
// as punycode (IDNA 2008, transitional off), trailing dots removed. Returns
// false when the host is not a valid domain name in Unicode (`key` then holds
// the lowercased bytes, which still match a list entry written the same way).
bool host_key(std::string_view host, std::string& key);

// `name` in Unicode when it holds punycode labels ("xn--bcher-kva.de" ->
// "bücher.de"); otherwise unchanged. For messages and annotations.
std::string host_unicode(std::string_view name);

}  // namespace dpk::url_filter
