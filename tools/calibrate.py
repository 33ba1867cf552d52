#!/usr/bin/env python3
"""Fit the stance confidence calibration (assets/lexicon/calibration.ron).

    briefing eval --split dev --predictions /tmp/dev.csv
    python3 tools/calibrate.py /tmp/dev.csv > assets/lexicon/calibration.ron
    briefing eval --split test --predictions /tmp/test.csv
    python3 tools/calibrate.py --report /tmp/test.csv   # reliability on the test half

A logistic regression (L2-regularised, fitted by gradient descent; plain Python) from the
signals each evidence sentence carries (the `signals` column) to whether a label confirms it
(`right`). `--report` prints the reliability table, the expected calibration error and the
precision at each threshold for the confidences the predictions were made with.
"""
import csv
import math
import sys

L2 = 0.05
STEPS = 20000
RATE = 0.5


def read(path):
    rows = list(csv.DictReader(open(path, newline="")))
    return [(set(r["signals"].split()), r["right"] == "true", float(r["confidence"])) for r in rows]


def fit(rows):
    names = sorted({n for s, _, _ in rows for n in s})
    w = {n: 0.0 for n in names}
    for _ in range(STEPS):
        grad = {n: 0.0 for n in names}
        for signals, right, _ in rows:
            z = sum(w[n] for n in signals)
            p = 1.0 / (1.0 + math.exp(-z))
            for n in signals:
                grad[n] += (p - right) / len(rows)
        for n in names:
            penalty = 0.0 if n == "bias" else L2 * w[n]
            w[n] -= RATE * (grad[n] + penalty)
    return w


def report(rows):
    bins = [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01]
    ece = 0.0
    print("| confidence | suggestions | mean confidence | share right |")
    print("|---|---:|---:|---:|")
    for lo, hi in zip(bins, bins[1:]):
        inside = [(c, r) for _, r, c in rows if lo <= c < hi]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        right = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / len(rows) * abs(mean - right)
        print(f"| {lo:.1f}–{min(hi, 1.0):.1f} | {len(inside)} | {mean:.2f} | {right:.2f} |")
    print(f"\nexpected calibration error: {ece:.3f}\n")
    print("| shown at or above | suggestions shown | right | precision |")
    print("|---:|---:|---:|---:|")
    for t in [0.0, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8]:
        shown = [r for _, r, c in rows if c >= t]
        prec = sum(shown) / len(shown) if shown else 0.0
        print(f"| {t:.2f} | {len(shown)} | {sum(shown)} | {prec:.2f} |")


def main():
    if sys.argv[1] == "--report":
        report(read(sys.argv[2]))
        return
    rows = read(sys.argv[1])
    w = fit(rows)
    right = sum(r for _, r, _ in rows)
    print("// Stance confidence calibration: logistic weights per signal, made by")
    print("// tools/calibrate.py from `briefing eval --split dev --predictions`.")
    print("(")
    print(f'    fitted_on: "labelled dev half: {len(rows)} evidence sentences, {right} right",')
    print("    weights: {")
    for n in sorted(w):
        print(f'        "{n}": {w[n]:.3f},')
    print("    },")
    print(")")


if __name__ == "__main__":
    main()
