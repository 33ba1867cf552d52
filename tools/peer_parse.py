#!/usr/bin/env python3
"""Parse sentences with a peer parser (spaCy) and write Universal Dependencies trees.

Used only to measure what a better parse would give the stance step
(`briefing eval --parses FILE`); spaCy is never a dependency of Briefing.

    briefing eval --split dev --dump-sentences /tmp/dev.jsonl
    python3 tools/peer_parse.py MODEL_DIR < /tmp/dev.jsonl > /tmp/dev-parses.jsonl
    briefing eval --split dev --parses /tmp/dev-parses.jsonl

Input: one {"text": SENTENCE} a line. Output: one {"text", "words"} a line, each word
[start_byte, end_byte, UPOS, head (-1 for a root), relation]. spaCy's English models label
with ClearNLP relations; they are turned into UD ones here (copulas and prepositions moved
as UD attaches them).
"""
import json
import sys

import spacy

RENAME = {
    "ROOT": "root", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "dobj": "obj",
    "auxpass": "aux:pass", "poss": "nmod:poss", "relcl": "acl:relcl", "neg": "advmod",
    "npadvmod": "obl:npmod", "dative": "iobj", "oprd": "xcomp", "quantmod": "advmod",
    "predet": "det", "preconj": "cc", "prt": "compound:prt", "intj": "discourse",
    "attr": "attr", "acomp": "acomp",
}
PREDICATE = {"VERB", "AUX", "ADJ"}


def convert(doc):
    toks = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(toks)}

    def head_of(t):
        h = t.head
        while h.is_space and h.head.i != h.i:
            h = h.head
        if h.i == t.i or h.is_space:
            return -1
        return index[h.i]

    heads = [head_of(t) for t in toks]
    rels = [RENAME.get(t.dep_, t.dep_) for t in toks]
    pos = [t.pos_ for t in toks]
    kids = lambda i: [j for j in range(len(toks)) if heads[j] == i]
    # Prepositions: the object becomes the oblique or nominal modifier, the preposition its case.
    for p in range(len(toks)):
        if rels[p] not in ("prep", "agent"):
            continue
        objs = [j for j in kids(p) if rels[j] == "pobj"]
        comps = [j for j in kids(p) if rels[j] == "pcomp"]
        gov = heads[p]
        if objs:
            o = objs[0]
            heads[o] = gov
            if rels[p] == "agent":
                rels[o] = "obl:agent"
            else:
                rels[o] = "obl" if gov >= 0 and pos[gov] in PREDICATE else "nmod"
            for j in kids(p):
                if j != o:
                    heads[j] = o
            heads[p], rels[p] = o, "case"
        elif comps:
            c = comps[0]
            heads[c], rels[c] = gov, "advcl"
            heads[p], rels[p] = c, "mark"
    # Copulas: the predicate heads the clause, "be" becomes its cop.
    for b in range(len(toks)):
        if toks[b].lemma_ != "be":
            continue
        preds = [j for j in kids(b) if rels[j] in ("attr", "acomp")]
        if not preds:
            continue
        pr = preds[0]
        heads[pr], rels[pr] = heads[b], rels[b]
        for j in kids(b):
            if j != pr:
                heads[j] = pr
        heads[b], rels[b] = pr, "cop"
    for j in range(len(toks)):
        if rels[j] in ("attr", "acomp"):
            rels[j] = "xcomp"
        if rels[j] == "pobj":
            rels[j] = "obl"
    return toks, heads, rels, pos


def main():
    nlp = spacy.load(sys.argv[1])
    lines = [json.loads(line)["text"] for line in sys.stdin if line.strip()]
    for text, doc in zip(lines, nlp.pipe(lines, batch_size=64)):
        toks, heads, rels, pos = convert(doc)
        # Byte offsets of each character.
        at = [0]
        for ch in text:
            at.append(at[-1] + len(ch.encode()))
        words = [[at[t.idx], at[t.idx + len(t.text)], pos[n], heads[n], rels[n]]
                 for n, t in enumerate(toks)]
        print(json.dumps({"text": text, "words": words}, ensure_ascii=False))


if __name__ == "__main__":
    main()
