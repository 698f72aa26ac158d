#!/usr/bin/env python3
"""Authors and dates of pith's records against WCXB's gold, articles only, judged as
`examples/meta_eval.rs` judges the HTML metadata reader, but on whole-pipeline records (so text
and markdown dumps too):

  target/release/pith clean -q --jsonl --ledger offsets ../shared/bench/wcxb/txt | python3 bench/record_meta.py

- authors exact: the record's authors joined with ", " equal the gold author, both lower-cased,
  whitespace collapsed, " and " / " & " / ", and " read as ", ";
- wrong: the record names authors, the gold others; spurious: the gold names none;
- date: the record's published date's first len(gold) characters equal the gold date; wrong: a
  date that does not.
"""
import json
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent.parent / "shared/bench/wcxb/ground-truth.json"


def normalise(text):
    text = " ".join((text or "").split()).lower()
    return text.replace(", and ", ", ").replace(" and ", ", ").replace(" & ", ", ")


def main():
    gold = json.load(open(sys.argv[1] if len(sys.argv) > 1 else GOLD))
    records = {}
    for line in sys.stdin:
        if line.strip():
            record = json.loads(line)
            records[Path(record["source"]).name.split(".")[0]] = record["provenance"]
    authors = exact = wrong = spurious = dates = dated = misdated = 0
    for page, truth in gold.items():
        if truth.get("type") != "article" or page not in records:
            continue
        found = records[page]
        ours = normalise(", ".join(found.get("authors") or []))
        if truth.get("author"):
            authors += 1
            exact += ours == normalise(truth["author"])
            wrong += bool(ours) and ours != normalise(truth["author"])
        elif ours:
            spurious += 1
        if truth.get("published"):
            dates += 1
            ours = found.get("published") or ""
            dated += ours[: len(truth["published"])] == truth["published"]
            misdated += bool(ours) and ours[: len(truth["published"])] != truth["published"]
    print(f"authors exact {exact}/{authors} ({exact / max(authors, 1):.3f}), wrong {wrong}, "
          f"spurious {spurious}; date {dated}/{dates} ({dated / max(dates, 1):.3f}), wrong {misdated}")


if __name__ == "__main__":
    main()
