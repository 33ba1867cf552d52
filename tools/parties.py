#!/usr/bin/env python3
"""Build assets/lexicon/parties.ron: political parties from Party Facts.

    python3 tools/parties.py partyfacts-core-parties.csv EWT_TRAIN.conllu > assets/lexicon/parties.ron

partyfacts-core-parties.csv comes from https://github.com/hdigital/partyfactsdata
(import/elecglob/partyfacts-core-parties.csv; MIT licence). EWT_TRAIN.conllu is UD English
EWT's training file (tools/ewt-train.sh puts it together); its words tell which one-word
party names are ordinary English words ("Together", "Labour"), which are left out, since a
capitalised word at the start of a sentence would otherwise read as the party.

Kept: parties with a vote share of at least 10 % in some election and still active in 2010 or
later. Each keeps its English name and its own name (bracketed notes removed, " / "
alternatives split). A name that Party Facts gives to parties of several countries ("Green
Party", "Islamic Party") is left out: it would join parties that have nothing in common. So
are names of two letters or fewer or of more than 40 characters (each name costs start-up
time, and news rarely writes a long one out), and names the hand-written lexicon already
has; a party keeps at most two names.
"""
import csv
import re
import sys
import unicodedata

MIN_SHARE = 10.0
# News rarely writes a longer name out in full; each one costs start-up time.
MAX_NAME = 40
ACTIVE_SINCE = 2010


def ewt_words(path):
    words = set()
    for line in open(path, encoding="utf-8"):
        cols = line.split("\t")
        if len(cols) > 3 and cols[0].isdigit():
            words.add(cols[1].lower())
    return words


def quote(text):
    """A RON string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def clean(name):
    name = re.sub(r"\[[^\]]*\]|\([^)]*\)", "", name)
    return re.sub(r"\s+", " ", name).strip(" -–,;")


# Words that make an English name a party's name as news writes it ("Liberal Democrats",
# "Brexit Party"); an English translation without one ("We Can" for Podemos) is not used.
PARTY_WORDS = {
    "party", "front", "alliance", "union", "movement", "democrats", "republicans", "socialists",
    "liberals", "conservatives", "greens", "league", "congress", "coalition", "bloc", "rally",
    "forum", "federation", "list", "uk", "labour", "democratic", "socialist", "communist",
    "green", "national", "people's", "workers'", "liberal", "conservative", "christian",
}


def names_of(row):
    """The party's own name first, then its English name when news would use it."""
    out = []
    for part in (row.get("name") or "").split(" / "):
        part = clean(part)
        if part and part not in out:
            out.append(part)
    for part in (row.get("name_english") or "").split(" / "):
        part = clean(part)
        if part and part not in out and PARTY_WORDS & {w.lower() for w in part.split()}:
            out.insert(0, part)
    return out


def main():
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
    common = ewt_words(sys.argv[2])
    known = set()
    for f in ("assets/lexicon/actors.ron", "assets/lexicon/countries.ron"):
        known.update(re.findall(r'"([^"]+)"', open(f, encoding="utf-8").read()))

    def active(r):
        try:
            share = float(r["share"] or 0)
        except ValueError:
            share = 0
        last = r["year_last"]
        return share >= MIN_SHARE and (not last or int(float(last)) >= ACTIVE_SINCE) and not r["technical"]

    parties = [r for r in rows if active(r)]
    countries = {}
    for r in parties:
        for n in names_of(r):
            countries.setdefault(n, set()).add(r["country"])

    def usable(n):
        words = n.split()
        if len(n) <= 2 or len(n) > MAX_NAME or n in known or len(countries[n]) > 1:
            return False
        if not n[0].isupper():
            return False
        if len(words) == 1 and n.lower() in common:
            return False
        return True

    entries = []
    seen = set()
    for r in sorted(parties, key=lambda r: (r["country"], -float(r["share"] or 0))):
        names = [n for n in names_of(r) if usable(n)][:2]
        if not names:
            continue
        ident = f"party:{r['country'].lower()}-{slug(names[0])}"
        if ident in seen:
            continue
        seen.add(ident)
        entries.append((ident, names[0], names))
    print("// Political parties from Party Facts (github.com/hdigital/partyfactsdata, MIT), made by")
    print("// tools/parties.py: vote share of 10 % or more, active in 2010 or later. Do not edit by")
    print("// hand: add or correct parties in actors.ron, which wins over this file.")
    print("(")
    print("    actors: [")
    for ident, name, names in entries:
        listed = ", ".join(quote(n) for n in names)
        print(f'        (id: "{ident}", name: {quote(name)}, kind: group, names: [{listed}]),')
    print("    ],")
    print(")")


if __name__ == "__main__":
    main()
