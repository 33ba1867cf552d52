#!/usr/bin/env python3
"""Peer measurement: trafilatura's main-text extraction on the article-extraction benchmark.

Not part of the project and never a dependency of it. Run it from a throwaway venv:

    git clone https://github.com/scrapinghub/article-extraction-benchmark /tmp/aeb
    python3 -m venv /tmp/traf-venv
    /tmp/traf-venv/bin/pip install trafilatura==2.3.1 lxml_html_clean
    /tmp/traf-venv/bin/python tools/peer-trafilatura.py /tmp/aeb /tmp/trafilatura.json
    cargo bench --bench extraction -- /tmp/aeb --peer /tmp/trafilatura.json

This script only extracts; it scores nothing. It writes, for every page named in the benchmark's
ground-truth.json, the title and text trafilatura found and the seconds its call took, so that
benches/extraction.rs scores both extractors with one piece of code.

Each page's bytes are read (and un-gzipped) before the clock starts; the clock covers
`trafilatura.bare_extraction(bytes, with_metadata=True)` alone, default settings. A warm-up call
on the first page comes first, so that lazy imports are not charged to it.
"""
import gzip
import json
import sys
import time
from pathlib import Path

START = time.perf_counter()
import trafilatura  # noqa: E402  (the import is timed as part of the wall time)

IMPORTED = time.perf_counter()


def page_bytes(folder, page_id):
    plain = folder / "html" / f"{page_id}.html"
    if plain.exists():
        return plain.read_bytes()
    return gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    pages = {i: page_bytes(folder, i) for i in ids}
    trafilatura.bare_extraction(pages[ids[0]], with_metadata=True)
    results = {}
    extract_secs = 0.0
    for i in ids:
        t0 = time.perf_counter()
        doc = trafilatura.bare_extraction(pages[i], with_metadata=True)
        secs = time.perf_counter() - t0
        extract_secs += secs
        results[i] = {
            "title": getattr(doc, "title", None) if doc is not None else None,
            "text": (getattr(doc, "text", None) or "") if doc is not None else "",
            "secs": secs,
        }
    report = {
        "tool": f"trafilatura {trafilatura.__version__}",
        "import_secs": IMPORTED - START,
        "extract_secs": extract_secs,
        "wall_secs": time.perf_counter() - START,
        "pages": results,
    }
    out.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    print(
        f"{report['tool']}: {len(ids)} pages, extraction {extract_secs:.2f} s "
        f"({len(ids) / extract_secs:.1f} pages/s), process {report['wall_secs']:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
