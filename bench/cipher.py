#!/usr/bin/env python3
"""Writes a copy of the labelled bench in a language no word list knows: every ASCII letter of
the pages' visible text, of their text and markdown dumps and of the gold is replaced by another
through one fixed permutation (upper case as lower), so that a page keeps its structure, its
markup, its punctuation, its numbers and the frequency of each of its words, but no cue phrase,
stop word, month name or byline label of any language matches it any more.

    python3 bench/cipher.py OUT_DIR [--bench ../shared/bench]
    python3 bench/cv.py --bench OUT_DIR --out target/cv-cipher

What pith loses on the copy is what it owes to its word lists: the part of its figures that does
not carry to pages in a language it has no lists for (the bench is 98% English, so the
multilingual pages it is judged on elsewhere cannot be measured here directly).

HTML: only text between tags is changed, never tags, attributes, entities (`&amp;`, `&#8217;`),
nor the contents of <script>, <style> and <template> (JSON-LD keeps its English: metadata is not
what this measures). The gold's `articleBody`, `title`, `with` and `without` are changed the same
way, so word F1 on the copy compares like with like. Deterministic: the same bench gives the same
bytes.

`--bare` writes another guise instead: the pages' text as it is, but without the metadata a page
may or may not carry (every `<meta>` but the charset and viewport, JSON-LD, microdata
attributes), as a third of the multilingual unseen pages and a fifth of the unseen news
articles come: what pith owes to metadata its pages happen to have (page type from `og:type`,
the body named by `itemprop`). The dumps and the gold are copied unchanged.

    python3 bench/cipher.py --bare OUT_DIR
    python3 bench/cv.py --bench OUT_DIR --formats html --out target/cv-bare

`--caseless` writes a third: the cipher's permutation, but every letter written in a script
that has no capitals (the Arabic alphabet, one letter for each Latin one, upper case as lower),
words still separated by spaces: what pith owes to capital letters, which Arabic, Hebrew, Hindi,
Thai, Korean, Chinese and Japanese pages do not have (a headline, a name, a menu in title case,
a sentence that opens with one). The text is read as UTF-8 (a page in another encoding keeps
its other bytes as they are, and gains the letters as UTF-8).

    python3 bench/cipher.py --caseless OUT_DIR

`--plain` writes a fourth: the pages with no names on their markup (no class, id or role
attribute; `<article>`, `<main>`, `<nav>`, `<aside>`, `<header>`, `<footer>` and `<section>`
written as `<div>`), as pages made before HTML5, or by builders that name nothing, come: what
pith owes to the names a page gives its boxes rather than to its text and structure. Text,
metadata, every other attribute, the dumps and the gold are as they were.

    python3 bench/cipher.py --plain OUT_DIR
    python3 bench/cv.py --bench OUT_DIR --formats html --out target/cv-plain
"""
import argparse
import gzip
import json
import os
import random
import re
import shutil

SETS = ("scrapinghub", "wcxb")
# A fixed permutation of the 26 letters (seeded, so every run writes the same copy), upper case
# as lower; one table for text, the same for bytes.
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_SHUFFLED = list(_LOWER)
random.Random(20261206).shuffle(_SHUFFLED)
_FROM = _LOWER + _LOWER.upper()
_TO = "".join(_SHUFFLED) + "".join(_SHUFFLED).upper()
TABLE = str.maketrans(_FROM, _TO)
BYTE_TABLE = bytes.maketrans(_FROM.encode(), _TO.encode())

# A tag, a comment, a doctype or processing instruction, or a raw-text element whole.
MARKUP = re.compile(
    rb"<!--.*?-->|<(script|style|template|textarea|title)\b[^>]*>.*?</\1\s*>|<[!?/]?[a-zA-Z][^>]*>",
    re.S | re.I,
)
ENTITY = re.compile(rb"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);?")


# The caseless guise: the permutation's letters written in the Arabic alphabet (26 of its 28
# letters, isolated forms' code points; a renderer joins them, pith and the metric read them as
# letters of words).
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنه"
CASELESS = str.maketrans(_FROM, "".join(_ARABIC[_LOWER.index(c)] for c in _SHUFFLED) * 2)


def cipher_text(data: bytes, caseless: bool = False) -> bytes:
    """Every ASCII letter replaced (by a Latin letter, or by an Arabic one when `caseless`);
    other bytes (UTF-8 sequences, other encodings' high bytes) kept as they are."""
    if caseless:
        return data.decode("utf-8", "surrogateescape").translate(CASELESS).encode("utf-8", "surrogateescape")
    return data.translate(BYTE_TABLE)


def cipher_html(page: bytes, caseless: bool = False) -> bytes:
    out = []
    at = 0
    for m in MARKUP.finditer(page):
        out.append(_cipher_chars(page[at:m.start()], caseless))
        tag = m.group(0)
        # A <title>'s text is visible text too (in the tab): cipher it, keep its tags.
        if m.group(1) and m.group(1).lower() == b"title":
            open_end = tag.index(b">") + 1
            close_start = tag.lower().rindex(b"</")
            tag = tag[:open_end] + _cipher_chars(tag[open_end:close_start], caseless) + tag[close_start:]
        out.append(tag)
        at = m.end()
    out.append(_cipher_chars(page[at:], caseless))
    return b"".join(out)


def _cipher_chars(text: bytes, caseless: bool) -> bytes:
    """Character data: letters changed, entity references kept."""
    out = []
    at = 0
    for m in ENTITY.finditer(text):
        out.append(cipher_text(text[at:m.start()], caseless))
        out.append(m.group(0))
        at = m.end()
    out.append(cipher_text(text[at:], caseless))
    return b"".join(out)


# A <meta> that declares the page's encoding or layout (kept: the text cannot be read without
# the first, and the second is not metadata about the page's content).
KEPT_META = re.compile(rb"charset|http-equiv|viewport", re.I)
META = re.compile(rb"<meta\b[^>]*>", re.I)
JSON_LD = re.compile(rb"<script\b[^>]*application/ld\+json[^>]*>.*?</script\s*>", re.S | re.I)
MICRODATA = re.compile(rb"\s(?:itemprop|itemscope|itemtype|itemid|itemref)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?(?=[\s/>])", re.I)
TAG = re.compile(rb"<[a-zA-Z][^>]*>")


def bare_html(page: bytes) -> bytes:
    """The page without its metadata: `<meta>` tags (but the charset and viewport), JSON-LD
    and microdata attributes; every other byte as it was."""
    page = JSON_LD.sub(b"", page)
    page = META.sub(lambda m: m.group(0) if KEPT_META.search(m.group(0)) else b"", page)
    return TAG.sub(lambda m: MICRODATA.sub(b"", m.group(0)), page)


# The plain guise: no names on the markup. Class, id and role attributes go, and HTML5's
# sectioning elements become <div>s, as pages written before them, or by builders that name
# nothing, come.
NAMES = re.compile(rb"\s(?:class|id|role)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?(?=[\s/>])", re.I)
SECTIONING = re.compile(rb"<(/?)(?:article|main|nav|aside|header|footer|section)(?=[\s/>])", re.I)


def plain_html(page: bytes) -> bytes:
    """The page with no names on its markup: no class, id or role attribute, and <div> for
    <article>, <main>, <nav>, <aside>, <header>, <footer> and <section>; text, metadata and
    every other attribute as they were."""
    page = SECTIONING.sub(rb"<\1div", page)
    return TAG.sub(lambda m: NAMES.sub(b"", m.group(0)), page)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    guise = ap.add_mutually_exclusive_group()
    guise.add_argument("--bare", action="store_true", help="strip metadata instead of ciphering letters")
    guise.add_argument("--caseless", action="store_true", help="cipher letters into a script without capitals")
    guise.add_argument("--plain", action="store_true", help="strip class, id and role attributes and sectioning tags instead")
    ap.add_argument("--bench", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
    args = ap.parse_args()
    table = CASELESS if args.caseless else TABLE
    # The guises that keep the text change only the pages' markup; the dumps and gold stay.
    markup_only = bare_html if args.bare else plain_html if args.plain else None
    os.makedirs(args.out, exist_ok=True)
    shutil.copy(os.path.join(args.bench, "score.py"), os.path.join(args.out, "score.py"))
    for s in SETS:
        src, dst = os.path.join(args.bench, s), os.path.join(args.out, s)
        gold = json.load(open(os.path.join(src, "ground-truth.json"), encoding="utf8"))
        if markup_only is None:
            for entry in gold.values():
                for field in ("articleBody", "title", "with", "without"):
                    if isinstance(entry.get(field), str):
                        entry[field] = entry[field].translate(table)
        os.makedirs(dst, exist_ok=True)
        with open(os.path.join(dst, "ground-truth.json"), "w", encoding="utf8") as f:
            json.dump(gold, f, ensure_ascii=False, sort_keys=True)
        for fmt in ("html", "txt", "md"):
            os.makedirs(os.path.join(dst, fmt), exist_ok=True)
            for name in sorted(os.listdir(os.path.join(src, fmt))):
                path = os.path.join(src, fmt, name)
                gz = name.endswith(".gz")
                data = gzip.open(path).read() if gz else open(path, "rb").read()
                if markup_only is not None:
                    data = markup_only(data) if fmt == "html" else data
                else:
                    data = cipher_html(data, args.caseless) if fmt == "html" else cipher_text(data, args.caseless)
                # Gzipped as the bench is (the peers' harness reads `<id>.html.gz`), with no
                # time stamp in the header, so that the copy's bytes are the same every run.
                with open(os.path.join(dst, fmt, name), "wb") as f:
                    f.write(gzip.compress(data, mtime=0) if gz else data)
        print(f"{s}: {len(gold)} pages")


if __name__ == "__main__":
    main()
