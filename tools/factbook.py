#!/usr/bin/env python3
"""Writes assets/lexicon/leaders.txt and assets/lexicon/armed-groups.ron from the CIA World
Factbook, as kept by the factbook/factbook.json repository (its JSON is dedicated to the public
domain under CC0 1.0; the Factbook itself is a US government work in the public domain).

    python3 tools/factbook.py GIT_DIR leaders > assets/lexicon/leaders.txt
    python3 tools/factbook.py GIT_DIR groups > assets/lexicon/armed-groups.ron

GIT_DIR is a clone of https://github.com/factbook/factbook.json (a bare one will do: the files
are read with `git show`). Its history holds the Factbook as it stood over the years; one
snapshot a year from 2017 on is read, so that the leaders of the years news is written in are
known, not only today's.

leaders.txt, in the gazetteer's plain format with a third column (one person a line: names
separated by "|", a tab, the lexicon id of the country, a tab, the title):
- chiefs of state and heads of government, with their deputies and vice presidents, from
  Government › Executive branch;
- candidates named with a party in that branch's election results;
- party leaders named in brackets in "Political parties and leaders".
The United States is left out (tools/gazetteer.py gives its people with their party). A name
that two countries' people share, a name of one word and a name of more than four words are
left out, and so is a person whose first given name is not a given name the bundled list
knows and is a common English word (Zipf frequency 3.5 or more by the `wordfreq` package, a
developer's tool only: "Grant", "Young", "Jordan") or the name of a country or demonym: news
would read such a word as the start of a name.

armed-groups.ron: the groups named under Terrorism › Terrorist group(s), each with the names
in brackets after it ("(AUM/Aleph)"), as actors of kind group. Groups the hand-written lexicon
already has, under its spelling or the Factbook's (Hizballah, al-Qa'ida), are left to it.
"""
import collections
import html
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEXICON = os.path.join(HERE, "..", "assets", "lexicon")

# Words of a title before a name ("Crown Prince and Second Deputy Prime Minister").
TITLE_WORDS = set(
    """President Vice Prime Minister Premier Deputy First Second Third King Queen Crown Prince
    Princess Supreme Leader Emir Amir Sultan Chancellor Federal Governor General Governor-General
    Chief Executive Secretary Chairman Chairwoman Chairperson State Counsellor Counselor Co-prince
    Co-Prince Grand Duke Duchess Sheikh Shaykh Acting Interim Transitional Council Head Captains
    Regent Regents Sovereign Pope Cardinal Archbishop Bishop Representative Administrator
    Commissioner Minister-President Taoiseach Tanaiste Mayor Lord Lady Sir Dame Dr. Gen. Lt.
    Col. Maj. Adm. Marshal Field Brig. Justice Speaker Minister-in-Charge Chief-of-Staff
    Commander Commander-in-Chief Presidential Presidents Ministers Premiers Kings Ruler Chair
    Elect President-elect President-Elect Former Late""".split()
)
# Titles kept as a person's role, longest first.
ROLES = [
    "Supreme Leader", "Crown Prince", "Vice President", "Deputy Prime Minister",
    "Prime Minister", "First Minister", "Chancellor", "Governor General", "Governor-General",
    "President", "Premier", "King", "Queen", "Emir", "Amir", "Sultan", "Grand Duke", "Prince",
]
# Particles inside a surname, written in lower case ("al-ASAD", "VON DER LEYEN").
PARTICLES = {"al", "el", "bin", "bint", "ibn", "ben", "de", "da", "del", "della", "der", "di",
             "do", "dos", "du", "la", "le", "van", "von", "y", "abu", "ould", "ag", "ter", "ten"}
# The Factbook's spelling of a group the hand-written lexicon has under another.
SPELLINGS = {
    "Hizballah": "Hezbollah",
    "al-Qa'ida": "al-Qaeda",
    "al-Qa‘ida": "al-Qaeda",
    "HAMAS": "Hamas",
    "Islamic State of Iraq and ash-Sham": "Islamic State",
    "Islamic State of Iraq and ash Sham": "Islamic State",
}


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True, text=True).stdout


def snapshots(git_dir):
    """The last commit of each year from 2017 on."""
    last = {}
    for line in git(git_dir, "log", "--format=%H %ad", "--date=short").splitlines():
        commit, date = line.split()
        year = date[:4]
        if year >= "2017" and year not in last:
            last[year] = commit
    return [last[y] for y in sorted(last)]


def countries(git_dir, commit):
    for path in git(git_dir, "ls-tree", "-r", "--name-only", commit).splitlines():
        if re.fullmatch(r"[a-z-]+/[a-z]{2}\.json", path):
            try:
                yield json.loads(git(git_dir, "show", f"{commit}:{path}"))
            except (json.JSONDecodeError, subprocess.CalledProcessError):
                continue


def field(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return ""
        d = d[k]
    if isinstance(d, dict):
        d = d.get("text", "")
    return d if isinstance(d, str) else ""


def clean(text):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text.replace("\xa0", " ")


def lexicon_names():
    """Every name of the hand-written and generated actor files, and each country's id by its
    names."""
    names, country_ids = set(), {}
    for file in ["actors.ron", "countries.ron", "parties.ron"]:
        with open(os.path.join(LEXICON, file), encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r'\(id: "([^"]+)", name: "([^"]+)", kind: (\w+),\s*names: \[([^\]]*)\]',
                             text):
            entry_names = re.findall(r'"([^"]*)"', m.group(4)) + [m.group(2)]
            names.update(entry_names)
            if m.group(3) == "country":
                for n in entry_names:
                    country_ids.setdefault(n, m.group(1))
    return names, country_ids


def is_caps(word):
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def cap(word):
    """A surname word as news writes it: "PUTIN" "Putin", "MCCONNELL" "McConnell",
    "O'NEILL" "O'Neill", "al-ASAD" "al-Asad"."""
    if "-" in word:
        head, _, rest = word.partition("-")
        if head.lower() in PARTICLES:
            return f"{head.lower()}-{cap(rest)}"
        return f"{cap(head)}-{cap(rest)}"
    if not is_caps(word):
        return word
    if word.lower() in PARTICLES:
        return word.lower()
    out = word[0] + word[1:].lower()
    for pre in ("Mc", "O'", "O’"):
        if out.startswith(pre) and len(out) > len(pre):
            out = pre + out[len(pre)].upper() + out[len(pre) + 1:]
    return out


def person(segment):
    """(role, given names, surname) of one "Title Given SURNAME" segment, or None."""
    segment = re.sub(r"\([^)]*\)", " ", segment)
    words = segment.replace(",", " ").split()
    caps = [i for i, w in enumerate(words) if is_caps(w.split("-")[-1]) and w.lower() not in PARTICLES]
    if not caps:
        return None
    end = caps[-1]
    start = end
    while start > 0 and (is_caps(words[start - 1].split("-")[-1]) or words[start - 1].lower() in PARTICLES):
        start -= 1
    surname = words[start:end + 1]
    given = []
    i = start - 1
    while i >= 0 and words[i][:1].isupper() and words[i] not in TITLE_WORDS and not is_caps(words[i]):
        given.insert(0, words[i])
        i -= 1
    if (not given or len(given) > 3 or not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?", given[0])
            or any(not re.fullmatch(r"[A-Z][\w'’.-]*", g) for g in given)):
        return None
    title = " ".join(w for w in words[: i + 1] if w in TITLE_WORDS)
    role = next((r for r in ROLES if r in title), None)
    return role, given, [cap(w) for w in surname]


def forms(given, surname):
    """The names a person goes by: first given name and surname, and every given name."""
    out = [" ".join([given[0], *surname])]
    if len(given) > 1:
        out.append(" ".join([*given, *surname]))
    return [f for f in out
            if 2 <= len(f.split()) <= 4 and all(w[:1].isalpha() for w in f.split())]


def plausible_given(known, country_words):
    from wordfreq import zipf_frequency

    with open(os.path.join(LEXICON, "given-names.ron"), encoding="utf-8") as f:
        given = set(re.findall(r'"([^"]+)"', f.read()))

    def ok(word):
        if word in given:
            return True
        return (word not in country_words and word not in known and word not in TITLE_WORDS
                and zipf_frequency(word.lower(), "en") < 3.5)
    return ok


def leaders(git_dir):
    known, country_ids = lexicon_names()
    with open(os.path.join(LEXICON, "countries.ron"), encoding="utf-8") as f:
        country_words = {w for n in re.findall(r'"([^"]+)"', f.read()) for w in n.split()}
    given_ok = plausible_given(known, country_words)
    people = {}  # the first form -> (forms, country id, role)
    for commit in snapshots(git_dir):
        for d in countries(git_dir, commit):
            short = field(d, "Government", "Country name", "conventional short form")
            country = country_ids.get(short)
            if not country or country == "united-states":
                continue
            texts = []
            for key in ["chief of state", "head of government"]:
                for seg in re.split(r";", clean(field(d, "Government", "Executive branch", key))):
                    # "Deputy Premiers A B, C D" lists several people after one title.
                    title = re.match(r"^\s*((?:[A-Z][\w-]*\s)+?)(?=[A-Z][\w'-]*\s+[A-Z]{2})", seg)
                    parts = seg.split(",")
                    texts.append((parts[0], True))
                    for p in parts[1:]:
                        texts.append((p, title is not None))
            results = clean(field(d, "Government", "Executive branch", "election results"))
            for m in re.finditer(r"((?:[A-Z][\w'’.-]+\s){1,3}(?:(?:al|el|de|da|van|von|bin)[- ])?[A-Z][A-Z'’-]+(?:\s[A-Z][A-Z'’-]+)?)\s\([^)0-9]+\)", results):
                texts.append((m.group(1), True))
            parties = clean(field(d, "Government", "Political parties and leaders"))
            for bracket in re.findall(r"\[([^\]]+)\]", parties):
                for p in bracket.split(","):
                    texts.append((p, True))
            for text, _ in texts:
                found = person(text)
                if not found:
                    continue
                role, given, surname = found
                if not given_ok(given[0]):
                    continue
                names = forms(given, surname)
                if not names:
                    continue
                entry = people.setdefault(names[0], [set(), country, None])
                entry[0].update(names)
                if entry[1] != country:
                    entry[1] = None  # two countries' people: left out below
                entry[2] = role or entry[2]
    count = collections.Counter(n for names, _, _ in people.values() for n in names)
    print("# Generated by tools/factbook.py from the CIA World Factbook (public domain), as kept by")
    print("# github.com/factbook/factbook.json (CC0 1.0), one snapshot a year from 2017: heads of")
    print("# state and government, their deputies, election candidates and party leaders.")
    print("# One person a line: names separated by |, a tab, their country's lexicon id, a tab,")
    print("# their title. Regenerate, do not edit.")
    for first in sorted(people):
        names, country, role = people[first]
        if country is None:
            continue
        names = sorted((n for n in names if count[n] == 1), key=lambda n: (n != first, n))
        if names:
            print(f"{'|'.join(names)}\t{country}\t{role or ''}")


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def groups(git_dir):
    known, _ = lexicon_names()
    known_lower = {k.lower() for k in known}
    found = {}
    taken = set()
    for commit in snapshots(git_dir):
        for d in countries(git_dir, commit):
            text = clean(field(d, "Terrorism", "Terrorist group(s)")).replace("’", "'")
            # Items are separated by ";" (and sometimes by "," outside brackets).
            for item in re.split(r";|\n|,\s(?![^()]*\))", text):
                item = re.sub(r"\s*\((?:19|20)\d\d\)\s*$", "", item).strip(" .")
                if not item or len(item) > 80 or item.lower().startswith("note"):
                    continue
                m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", item)
                name, extra = (m.group(1).strip(" ."), m.group(2)) if m else (item, "")
                # Only abbreviations are taken from the brackets: other bracketed words name
                # an affiliate or a note ("disbanded 2018").
                aliases = [a.strip() for a in re.split(r"/|,| or ", extra)
                           if re.fullmatch(r"[A-Z]{3,6}", a.strip())]
                own = SPELLINGS.get(name, name)
                if any(n.lower() in known_lower for n in [name, own, *aliases]):
                    continue
                key = slug(name)
                entry = found.setdefault(key, [name, [name]])
                for a in aliases:
                    if a not in entry[1] and a not in taken:
                        entry[1].append(a)
                        taken.add(a)
    print("// Armed groups from the CIA World Factbook's Terrorism field (public domain), as kept by")
    print("// github.com/factbook/factbook.json (CC0 1.0), made by tools/factbook.py. Do not edit")
    print("// by hand: add or correct groups in actors.ron, which wins over this file.")
    print("(")
    print("    actors: [")
    for key in sorted(found):
        name, names = found[key]
        quoted = ", ".join(json.dumps(n, ensure_ascii=False) for n in names)
        print(f'        (id: "group:{key}", name: {json.dumps(name, ensure_ascii=False)}, kind: group, names: [{quoted}]),')
    print("    ],")
    print(")")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in ("leaders", "groups"):
        sys.exit(__doc__)
    {"leaders": leaders, "groups": groups}[sys.argv[2]](sys.argv[1])
