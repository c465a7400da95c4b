#!/usr/bin/env python3
"""Builds the labelled PII set: real text cut from ../shared/data/web/pages.jsonl
with generated values planted in it.

Each document is a run of consecutive lines of one page, with 1-4 planted
values put into sentences at line ends. With --hard-negatives, near misses
also include hard ones that no checksum tells apart: coordinates, barcodes, ISBNs, ZIP+4 codes, hours,
invoice and ticket numbers shaped (and some valid) as phone numbers,
Luhn-valid IMEIs and ids, image assets named name@2x.png, OIDs. Planted values are either valid
(`labels`: PII of that type) or near misses (`decoys`: invalid checksums,
impossible ranges, dates and versions that look like phones ...), which a
detector must leave alone. Offsets are code points of the final text.
Valid/invalid phones are checked with the Python phonenumbers package.

Usage: make_labelled_set.py PAGES.jsonl OUT.jsonl [--docs N] [--seed S] [--hard-negatives]
"""
import argparse
import json
import random
import string

import phonenumbers

R = random.Random()

FIRST = ["anna", "john", "maria", "li", "olga", "pierre", "jan", "sofia", "raj", "emma", "lukas", "chen"]
LAST = ["schmidt", "smith", "garcia", "wang", "novak", "dubois", "kowalski", "rossi", "patel", "muller"]
DOMAINS = ["example.com", "mail.example.org", "firma-beispiel.de", "societe.fr", "uni-x.edu",
           "shop24.co.uk", "web.example.net", "post.example.in"]


def rdigits(n):
    return "".join(R.choice(string.digits) for _ in range(n))


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def email():
    local = R.choice(FIRST) + R.choice([".", "_", "", "+news."]) + R.choice(LAST) + R.choice(["", rdigits(2)])
    return local + "@" + R.choice(DOMAINS)


def bad_email():
    hard = [
        R.choice(["logo", "icon", "hero", "banner"]) + "@" + R.choice(["2x", "3x"]) + "." + R.choice(["png", "jpg", "webp"]),  # image asset
        "@" + R.choice(["babel", "types", "angular"]) + "/" + R.choice(["core", "node", "cli"]),  # npm scope
    ] if HARD else []
    return R.choice(hard + [
        R.choice(FIRST) + "@" + R.choice(LAST),                 # no domain dot
        R.choice(FIRST) + " at " + R.choice(DOMAINS),           # spelled out
        R.choice(FIRST) + "@." + R.choice(["com", "de"]),       # empty label
        "@" + R.choice(FIRST) + R.choice(LAST),                 # handle
        R.choice(FIRST) + "..x@" + R.choice(DOMAINS),           # double dot
    ])


def phone():
    while True:
        kind = R.randrange(8)
        if kind == 0:
            n = f"({R.choice(['212','415','312','617','206','303','713','404'])}) {R.randint(2,9)}{rdigits(2)}-{rdigits(4)}"; reg = "US"
        elif kind == 1:
            n = f"{R.choice(['212','415','312','617'])}-{R.randint(2,9)}{rdigits(2)}-{rdigits(4)}"; reg = "US"
        elif kind == 2:
            n = f"+1 {R.choice(['212','415','646','617'])} {R.randint(2,9)}{rdigits(2)} {rdigits(4)}"; reg = "US"
        elif kind == 3:
            n = R.choice([f"020 7{rdigits(3)} {rdigits(4)}", f"+44 20 7{rdigits(3)} {rdigits(4)}", f"07700 9{rdigits(5)}"]); reg = "GB"
        elif kind == 4:
            n = R.choice([f"030 {rdigits(8)}", f"+49 89 {rdigits(8)}", f"0171 {rdigits(7)}"]); reg = "DE"
        elif kind == 5:
            n = R.choice([f"01 {rdigits(2)} {rdigits(2)} {rdigits(2)} {rdigits(2)}", f"+33 6 {rdigits(2)} {rdigits(2)} {rdigits(2)} {rdigits(2)}"]); reg = "FR"
        elif kind == 6:
            n = f"+91 9{rdigits(4)} {rdigits(5)}"; reg = "IN"
        else:
            n = R.choice([f"+48 22 {rdigits(3)} {rdigits(2)} {rdigits(2)}", f"+34 91 {rdigits(3)} {rdigits(2)} {rdigits(2)}"]); reg = "US"
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(n, reg)):
                return n
        except phonenumbers.NumberParseException:
            pass


def bad_phone():
    while True:
        n = R.choice([
            f"{R.randint(2000,2024)}-{R.randint(1,12):02d}-{R.randint(1,28):02d}",       # ISO date
            f"{R.randint(1,28):02d}.{R.randint(1,12):02d}.{R.randint(1990,2024)}",       # German date
            f"{R.randint(1,9)}.{R.randint(0,20)}.{R.randint(0,99999)}.{R.randint(0,9999)}",  # version
            f"({R.choice(['212','415'])}) 0{rdigits(2)}-{rdigits(4)}",                   # exchange starts 0
            f"{rdigits(3)}-{rdigits(3)}",                                                # too short
            f"Order #{rdigits(12)}",                                                     # id
            f"ISBN 978{rdigits(10)}",                                                    # ISBN
            f"{R.randint(1,99)},{rdigits(3)},{rdigits(3)}.{rdigits(2)}",                 # amount
        ])
        if not any(phonenumbers.is_valid_number(m.number) for reg in ["US", "GB", "DE", "FR", "IN"]
                   for m in phonenumbers.PhoneNumberMatcher(n, reg)):
            return n


def hard_non_phone():
    """Numbers that are not phones and that no checksum tells apart, some of
    them valid phone numbers for libphonenumber: a detector can only miss
    them by reading the context (which neither dpk nor presidio does)."""
    return R.choice([
        lambda: f"{R.uniform(-80, 80):.5f}, {R.uniform(-179, 179):.5f}",             # coordinates
        lambda: f"EAN {R.choice(['40', '50', '76', '87'])}{rdigits(11)}",              # EAN-13 barcode
        lambda: f"ISBN {R.randint(0, 9)}-{rdigits(3)}-{rdigits(5)}-{R.randint(0, 9)}",  # ISBN-10
        lambda: f"{R.randint(7, 11):02d}:{R.choice(['00', '30'])}-{R.randint(12, 20)}:{R.choice(['00', '30'])}",  # hours
        lambda: f"ZIP {rdigits(5)}-{rdigits(4)}",                                      # ZIP+4
        lambda: f"Invoice {R.choice(['212', '415', '312', '617'])}-{R.randint(200, 999)}-{rdigits(4)}",  # phone-shaped id
        lambda: f"Ticket #{R.choice(['030', '089', '040'])} {rdigits(8)}",             # German-phone-shaped id
        lambda: f"{R.randint(1, 9)} {rdigits(3)} {rdigits(3)} {rdigits(3)} EUR",     # amount in groups
    ])()


def ipv4():
    return ".".join(str(R.randint(1, 254)) for _ in range(4))


def ipv6():
    groups = [format(R.randrange(65536), "x") for _ in range(8)]
    if R.random() < 0.5:
        i = R.randrange(1, 6)
        return ":".join(groups[:i]) + "::" + ":".join(groups[i + 2:])
    return ":".join(groups)


def bad_ip():
    hard = [
        f"OID 1.3.6.1.4.1.{R.randint(1, 60000)}.{R.randint(1, 99)}",
        f"2.16.840.1.{R.randint(100000, 999999)}",
    ] if HARD else []
    return R.choice(hard + [
        f"{R.randint(256,999)}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(0,255)}",
        f"{R.randint(1,255)}.{R.randint(0,255)}.{R.randint(0,255)}",
        f"{R.randint(1,255)}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(0,255)}.{R.randint(0,255)}",
        ":".join(format(R.randrange(65536), "x") for _ in range(9)),
        f"{R.randint(0,23):02d}:{R.randint(0,59):02d}:{R.randint(0,59):02d}",
    ])


CARD_PREFIXES = [("4", 16), ("4", 13), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                 ("6011", 16), ("65", 16), ("3530", 16), ("36", 14), ("62", 16)]


def card_digits():
    pre, n = R.choice(CARD_PREFIXES)
    body = pre + rdigits(n - len(pre) - 1)
    return body + luhn_digit(body)


def fmt_card(d):
    style = R.randrange(3)
    if style == 0:
        return d
    sep = " " if style == 1 else "-"
    if len(d) == 15:
        return sep.join([d[:4], d[4:10], d[10:]])
    return sep.join(d[i:i + 4] for i in range(0, len(d), 4))


def card():
    return fmt_card(card_digits())


HARD = False  # --hard-negatives


def bad_card():
    if HARD and R.random() < 0.35:
        # Luhn-valid numbers that are not cards: IMEIs (15 digits) and ids
        # without an issuer prefix.
        body = R.choice(["35" + rdigits(12), "86" + rdigits(12), "01" + rdigits(12), "9" + rdigits(14), "1" + rdigits(14)])
        return R.choice(["IMEI ", "ID ", ""]) + body + luhn_digit(body)
    d = card_digits()
    last = str((int(d[-1]) + R.randint(1, 9)) % 10)
    return fmt_card(d[:-1] + last)


IBAN_FORMATS = {"DE": (18, "n"), "GB": (18, "a4n14"), "FR": (23, "n"), "ES": (20, "n"), "IT": (23, "a1n22"),
                "NL": (14, "a4n10"), "PL": (24, "n"), "CH": (17, "n"), "AT": (16, "n"), "BE": (12, "n")}


def iban_check(cc, bban):
    s = bban + cc + "00"
    num = int("".join(str(int(ch, 36)) for ch in s))
    return f"{98 - num % 97:02d}"


def iban_parts():
    cc = R.choice(list(IBAN_FORMATS))
    n, f = IBAN_FORMATS[cc]
    if f.startswith("a"):
        k = int(f[1])
        bban = "".join(R.choice(string.ascii_uppercase) for _ in range(k)) + rdigits(n - k)
    else:
        bban = rdigits(n)
    return cc, bban


def fmt_iban(s):
    return s if R.random() < 0.4 else " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def iban():
    cc, bban = iban_parts()
    return fmt_iban(cc + iban_check(cc, bban) + bban)


def bad_iban():
    cc, bban = iban_parts()
    good = iban_check(cc, bban)
    bad = f"{(int(good) + R.randint(1, 50)) % 97 + 2:02d}"
    if bad == good:
        bad = f"{(int(good) + 1) % 97 + 2:02d}"
    if R.random() < 0.3:
        return fmt_iban(cc + good + bban[:-2])  # too short
    return fmt_iban(cc + bad + bban)


def ssn():
    area = R.choice([a for a in range(1, 900) if a != 666])
    sep = R.choice(["-", "-", " "])
    s = f"{area:03d}{sep}{R.randint(1,99):02d}{sep}{R.randint(1,9999):04d}"
    return s if s not in ("078-05-1120", "123-45-6789") else ssn()


def bad_ssn():
    sep = "-"
    return R.choice([
        f"666{sep}{R.randint(1,99):02d}{sep}{R.randint(1,9999):04d}",
        f"9{rdigits(2)}{sep}{R.randint(1,99):02d}{sep}{R.randint(1,9999):04d}",
        f"000{sep}{R.randint(1,99):02d}{sep}{R.randint(1,9999):04d}",
        f"{R.randint(1,665):03d}{sep}00{sep}{R.randint(1,9999):04d}",
        f"{R.randint(1,665):03d}{sep}{R.randint(1,99):02d}{sep}0000",
    ])


def url_credentials():
    user = R.choice(FIRST)
    pw = "".join(R.choice(string.ascii_letters + string.digits) for _ in range(R.randint(6, 14)))
    host = R.choice(["db.example.com", "ftp.example.org", "git.example.net"])
    return R.choice(["https", "ftp", "postgres", "redis"]) + f"://{user}:{pw}@{host}/", (user, pw)


def rand(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


AN = string.ascii_letters + string.digits


def secret():
    return R.choice([
        lambda: "AKIA" + rand(string.ascii_uppercase + string.digits, 16),
        lambda: "ghp_" + rand(AN, 36),
        lambda: "glpat-" + rand(AN, 20),
        lambda: "xoxb-" + rdigits(11) + "-" + rdigits(12) + "-" + rand(AN, 24),
        lambda: "sk_live_" + rand(AN, 24),
        lambda: "AIza" + rand(AN + "-_", 35),
        lambda: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ" + rand(AN, 30) + "." + rand(AN + "-_", 43),
    ])()


def bad_secret():
    return R.choice([
        lambda: "AKIA" + rand(string.ascii_uppercase, 10),      # too short
        lambda: "ghp_" + rand(AN, 12),
        lambda: "sk_live_" + rand(AN, 6),
        lambda: "AIza" + rand(AN, 12),
    ])()


def mac():
    b = [R.randrange(256) for _ in range(6)]
    style = R.randrange(3)
    if style == 2:
        h = "".join(f"{x:02x}" for x in b)
        return ".".join(h[i:i + 4] for i in range(0, 12, 4))
    sep = ":" if style == 0 else "-"
    return sep.join(f"{x:02X}" for x in b)


def bad_mac():
    b = [f"{R.randrange(256):02X}" for _ in range(R.choice([5, 7]))]
    return ":".join(b)


TEMPLATES = {
    "EMAIL": ["Contact: {v}", "Write to {v} for details.", "E-Mail: {v}", "Questions? {v}"],
    "PHONE": ["Call us at {v}.", "Tel.: {v}", "Phone {v} (Mon-Fri)", "Téléphone : {v}"],
    "IP_ADDRESS": ["Client IP {v} was blocked.", "Server at {v} responded", "from {v} port 22"],
    "CREDIT_CARD": ["Card number: {v}", "paid with {v} on file", "Kartennummer {v}"],
    "IBAN": ["IBAN: {v}", "Bankverbindung {v}", "Please transfer to {v}."],
    "US_SSN": ["SSN: {v}", "social security number {v}", "SSN {v} on the form"],
    "URL_CREDENTIALS": ["Clone from {v} now", "DATABASE_URL={v}", "See {v}"],
    "SECRET": ["token {v}", "export KEY={v}", "Authorization: Bearer {v}", "key: {v}"],
    "MAC_ADDRESS": ["MAC {v}", "device {v} joined", "hw address {v}."],
}
VALID = {"EMAIL": email, "PHONE": phone, "IP_ADDRESS": lambda: R.choice([ipv4, ipv4, ipv6])(),
         "CREDIT_CARD": card, "IBAN": iban, "US_SSN": ssn, "URL_CREDENTIALS": url_credentials,
         "SECRET": secret, "MAC_ADDRESS": mac}
INVALID = {"EMAIL": bad_email, "PHONE": lambda: hard_non_phone() if HARD and R.random() < 0.4 else bad_phone(), "IP_ADDRESS": bad_ip, "CREDIT_CARD": bad_card,
           "IBAN": bad_iban, "US_SSN": bad_ssn, "SECRET": bad_secret, "MAC_ADDRESS": bad_mac,
           "URL_CREDENTIALS": lambda: "https://" + R.choice(DOMAINS) + "/login?user=" + R.choice(FIRST)}


def planted(kind, valid):
    """Returns (sentence, (start, end) of the value part to label in the sentence)."""
    tmpl = R.choice(TEMPLATES[kind])
    v = (VALID if valid else INVALID)[kind]()
    if kind == "URL_CREDENTIALS" and valid:
        url, (user, pw) = v
        s = tmpl.replace("{v}", url)
        b = s.index("://") + 3
        return s, (b, b + len(user) + 1 + len(pw))
    b = tmpl.index("{v}")
    return tmpl.replace("{v}", v), (b, b + len(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pages")
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=900)
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--hard-negatives", action="store_true",
                    help="add near misses no checksum tells apart (see hard_non_phone, bad_card, bad_email, bad_ip)")
    a = ap.parse_args()
    global HARD
    HARD = a.hard_negatives
    R.seed(a.seed)
    pages = [json.loads(l)["text"] for l in open(a.pages, encoding="utf-8")]
    kinds = list(VALID)
    with open(a.out, "w", encoding="utf-8") as out:
        for i in range(a.docs):
            lines = R.choice(pages).split("\n")
            start = R.randrange(max(1, len(lines) - 8))
            lines = lines[start:start + R.randint(4, 12)]
            plants = []  # (kind, valid, start, end in the sentence), in insertion order
            for _ in range(R.randint(1, 4)):
                kind = R.choice(kinds)
                valid = R.random() < 0.6
                sentence, (vb, ve) = planted(kind, valid)
                j = R.randrange(len(lines) + 1)
                lines.insert(j, ("\x00%d\x00" % len(plants)) + sentence)
                plants.append((kind, valid, vb, ve))
            # Offsets: resolve the markers into code-point positions.
            text, labels, decoys = "", [], []
            for line in lines:
                if line.startswith("\x00"):
                    k = int(line[1:line.index("\x00", 1)])
                    line = line[line.index("\x00", 1) + 1:]
                    kind, valid, vb, ve = plants[k]
                    (labels if valid else decoys).append({"type": kind, "start": len(text) + vb, "end": len(text) + ve})
                text += line + "\n"
            rec = {"id": f"pii-{i:04d}", "text": text, "labels": labels, "decoys": decoys}
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
