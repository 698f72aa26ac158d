#!/usr/bin/env python3
"""Peer harness: run trafilatura (pinned in requirements.txt) over a benchmark set.

usage: run_trafilatura.py SET_DIR FORMAT OUT.json [--comments | --no-comments] [--jobs N]

FORMAT is html (reads SET_DIR/html/<id>.html.gz), txt (SET_DIR/txt/<id>.txt) or md
(SET_DIR/md/<id>.md). For txt and md each blank-line-separated block is wrapped in <p> in a
minimal HTML document, which is then given to trafilatura.

Writes {id: {"articleBody": "<plain text>"}} to OUT.json. Any exception on a page, or a
None result, gives an empty body.

Settings: trafilatura.extract(doc, output_format="txt", include_comments=False), all else
default. include_comments=False is the setting that reproduces the published figures
(see bench/peers/README.md); --comments switches to extract()'s own default
(include_comments=True).
"""
import argparse
import gzip
import html
import json
import multiprocessing
import os
import re
import sys

import trafilatura

INCLUDE_COMMENTS = False

BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def text_to_html(text):
    """Wrap each blank-line-separated block of a text dump in <p> in a minimal document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in BLANK_LINE.split(text)]
    body = "\n".join(f"<p>{html.escape(b, quote=False)}</p>" for b in blocks if b)
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head>\n'
            f"<body>\n{body}\n</body></html>\n")


def load(set_dir, fmt, page_id):
    if fmt == "html":
        with gzip.open(os.path.join(set_dir, "html", page_id + ".html.gz"), "rb") as f:
            return f.read()  # bytes: trafilatura detects the encoding itself
    with open(os.path.join(set_dir, fmt, f"{page_id}.{fmt}"), encoding="utf-8", errors="replace") as f:
        return text_to_html(f.read())


def work(task):
    set_dir, fmt, page_id, include_comments = task
    try:
        doc = load(set_dir, fmt, page_id)
        out = trafilatura.extract(doc, output_format="txt", include_comments=include_comments)
        return page_id, out or ""
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the run
        print(f"{page_id}: {type(e).__name__}: {e}", file=sys.stderr)
        return page_id, ""


def page_ids(set_dir, fmt):
    folder, suffix = ("html", ".html.gz") if fmt == "html" else (fmt, "." + fmt)
    return sorted(n[: -len(suffix)] for n in os.listdir(os.path.join(set_dir, folder)) if n.endswith(suffix))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set_dir")
    ap.add_argument("format", choices=["html", "txt", "md"])
    ap.add_argument("out")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--comments", dest="comments", action="store_true", default=INCLUDE_COMMENTS)
    g.add_argument("--no-comments", dest="comments", action="store_false")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()

    ids = page_ids(a.set_dir, a.format)
    tasks = [(a.set_dir, a.format, i, a.comments) for i in ids]
    # maxtasksperchild bounds memory growth from lxml/trafilatura caches.
    with multiprocessing.Pool(max(1, a.jobs), maxtasksperchild=200) as pool:
        results = dict(pool.imap_unordered(work, tasks, chunksize=4))
    preds = {i: {"articleBody": results.get(i, "")} for i in ids}
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    tmp = a.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(preds, f, ensure_ascii=False, indent=1)
    os.replace(tmp, a.out)
    empty = sum(1 for v in preds.values() if not v["articleBody"])
    print(f"trafilatura {trafilatura.__version__} {a.format} comments={a.comments}: "
          f"{len(preds)} pages ({empty} empty) -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
