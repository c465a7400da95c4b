#!/usr/bin/env python3
"""Writes the labels of the technical-text sample (tech_labels.jsonl) from
the verdicts of a hand review of every detection dpk-pii (before and after
its technical-text rules) and presidio made on it.

The review looked at each detection in its line of text. What counts:
- EMAIL: true for any working address of a person, a mailing list, a team
  or a company (maintainers, upstream authors, bug contacts). False for
  names that only look like addresses: translation files (po/en@quot.header,
  po/ca@valencia.po), systemd units, SSH protocol names
  (limits@openssh.com).
- PHONE: true for a telephone or fax number of anyone, a company's
  included. False for everything else (dates, times with zones, versions,
  ZIP+4 codes, bug numbers, clause numbers, integer limits).
- IP_ADDRESS: true for addresses and networks (192.168.0.0/24); false for
  versions and OIDs written as dotted quads.
- Every other type: no true value was found in the sample.
The verdicts are the lists below; every other detection of these types is
false. Detections come as JSONL of {id, type, start, end, value}
(tech_fp.py --dump, with an empty labels file, writes them).

Usage: review_tech_detections.py OUT.jsonl DETECTIONS.jsonl..."""
import json
import re
import sys

# Phone numbers found in the sample, by their digits.
TRUE_PHONES = {"8002929263", "5124624118", "0800891131", "6302521682", "4122687395", "4122684387", "0031111129"}
TRUE_IP_PREFIXES = ("192.168.",)
# Address-shaped names that are no addresses.
FALSE_EMAILS = {"en@quot.header", "en@boldquot.header", "ca@valencia.po", "en@shaw.po",
                "users-groups-by-id@openssh.com", "expand-path@openssh.com", "sntrup761x25519-sha512@openssh.com",
                "limits@openssh.com", "lsetstat@openssh.com", "rijndael-cbc@lysator.liu.se"}


def verdict(d):
    v = d["value"]
    if d["type"] == "EMAIL":
        return v not in FALSE_EMAILS
    if d["type"] == "PHONE":
        return re.sub(r"\D", "", v) in TRUE_PHONES
    if d["type"] == "IP_ADDRESS":
        return v.startswith(TRUE_IP_PREFIXES)
    return False


def main():
    out, seen = [], set()
    for path in sys.argv[2:]:
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            key = (d["id"], d["type"], d["start"], d["end"])
            if key in seen:
                continue
            seen.add(key)
            out.append({"id": d["id"], "type": d["type"], "start": d["start"], "end": d["end"], "value": d["value"],
                        "true": verdict(d)})
    out.sort(key=lambda d: (d["id"], d["start"], d["type"]))
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        for d in out:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
