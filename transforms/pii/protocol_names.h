// protocol_names.h — SSH and its kin name their algorithms and extensions
// like addresses, name@domain (RFC 4251 section 6): "limits@openssh.com",
// "hmac-sha2-256-etm@openssh.com", "rijndael-cbc@lysator.liu.se". These
// rules tell such a name from an e-mail address by the words around it and
// by the shape of its local part; none lists the names themselves.
//
//   names_protocol_item("the limits@openssh.com extension", {4, 21}, 10)    // true: the word after
//   names_protocol_item("remove the cipher rijndael-cbc@lysator.liu.se", ...) // true: the word before
//   names_protocol_item("(hmac-sha2-256-etm@openssh.com)", ...)              // true: the local part's shape
//   names_protocol_item("aes128-ctr,foo@example.com", ...)                    // true: in a list of names
#pragma once

#include <cstdint>
#include <string_view>

#include "validators.h"

namespace dpk::pii {

// `address` spans a value shaped like an e-mail address whose '@' is at
// `at_pos`. True when it is a protocol item's name, which is never written
// in angle brackets ("rrivers2 <5981058-rrivers2@...>" is an address):
// - a word that names one comes right after it ("... extension", "...
//   sftp-server extension", "... hybrid") or right before it ("cipher
//   ...", "the algorithm ..."), a line break between allowed;
// - its local part is built like an algorithm's name: words joined by '-',
//   the first starting with a letter, of which two carry digits ("sntrup761x25519-sha512", "hmac-sha2-256-etm")
//   or that end in a version ("ssh-ed25519-cert-v01"); "debian-l10n-english"
//   (one such word) is a list's address;
// - it is an item of a list of names joined by commas without spaces
//   ("aes128-ctr,aes128-gcm@openssh.com"), whose other items are no
//   addresses.
bool names_protocol_item(std::string_view text, Span address, uint32_t at_pos);

// A local part that names things rather than people: lower-case words and
// digits joined by '-' ("expand-path", "users-groups-by-id"). Where the same
// domain names a protocol item elsewhere in a document, an address of this
// shape at that domain is one too (see PiiDetector::detect).
bool identifier_local_part(std::string_view local);

}  // namespace dpk::pii
