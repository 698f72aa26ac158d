#!/usr/bin/env python3
"""Peer harness for metadata: trafilatura's author and date on WCXB's article pages, judged as
`cargo run --release --example meta_eval` judges pith's.

usage: target/peers-venv/bin/python bench/peers/meta_trafilatura.py [BENCH_DIR] [--jobs N]

- author exact: trafilatura's authors (it joins them with "; ") joined with ", " equal the gold
  author, both lower-cased, whitespace collapsed, and " and " / " & " / ", and " read as ", ";
- date: the first `len(gold)` characters of trafilatura's date equal the gold `published`.

Settings: trafilatura.bare_extraction(html, with_metadata=True), all else default. BENCH_DIR is
the bench (default ../shared/bench) or a copy of it (`bench/cipher.py --bare DIR`).
"""
import argparse
import gzip
import json
import os
import re
from multiprocessing import Pool

import trafilatura

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def norm(author):
    author = re.sub(r"\s+", " ", author.lower()).strip()
    for sep in (", and ", " and ", " & "):
        author = author.replace(sep, ", ")
    return author


def extract(path):
    """trafilatura's (author, date) for one page; an exception or no result gives neither."""
    try:
        found = trafilatura.bare_extraction(gzip.open(path).read(), with_metadata=True)
        found = found.as_dict() if hasattr(found, "as_dict") else (found or {})
    except Exception:
        found = {}
    return found.get("author") or "", found.get("date") or ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench", nargs="?", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    gold = json.load(open(os.path.join(args.bench, "wcxb", "ground-truth.json"), encoding="utf8"))
    ids = [i for i in sorted(gold) if gold[i].get("type") == "article"]
    with Pool(args.jobs) as pool:
        found = pool.map(extract, [os.path.join(args.bench, "wcxb", "html", f"{i}.html.gz") for i in ids])
    authors = dates = author_exact = date_right = 0
    for i, (author, date) in zip(ids, found):
        want_author, want_date = gold[i].get("author"), gold[i].get("published")
        if want_author:
            authors += 1
            ours = ", ".join(a.strip() for a in author.split(";")) if author else ""
            author_exact += norm(ours) == norm(want_author)
        if want_date:
            dates += 1
            date_right += bool(date) and date[: len(want_date)] == want_date
    print(f"trafilatura {trafilatura.__version__} on {args.bench}: WCXB articles author exact "
          f"{author_exact / authors:.3f} ({author_exact}/{authors}), date {date_right / dates:.3f} ({date_right}/{dates})")


if __name__ == "__main__":
    main()
