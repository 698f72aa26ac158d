"""Makes a JSONL corpus of N documents for speed runs by repeating and perturbing the benchmark's
text dumps.

usage: python3 bench/make_corpus.py N OUT.jsonl [PAGES_DIR] [--copies K]

Without --copies, document i is page i mod 181 with a few words changed and a paragraph dropped
or duplicated: copies of one page are near-duplicates, so groups grow with N (N/181 members).
With --copies K, every K documents are copies of one distinct article (a page whose every third
word is replaced by a token of that article), so groups stay at K members whatever N is: the
corpus to measure memory against N.
"""
import json
import os
import random
import sys


def perturb(text, rng):
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 3 and rng.random() < 0.5:
        del paragraphs[rng.randrange(len(paragraphs))]
    words = "\n\n".join(paragraphs).split(" ")
    for _ in range(3):
        if words:
            words[rng.randrange(len(words))] = rng.choice(["alpha", "beta", "gamma", "delta"])
    return " ".join(words)


def distinct_article(page, article):
    """The page with every third word replaced by a token of this article: no two articles share
    a word 5-shingle, so they never group."""
    words = page.split(" ")
    for i in range(1, len(words), 3):
        words[i] = f"w{article:x}x{i % 97}"
    return " ".join(words)


def main(argv):
    copies = None
    if "--copies" in argv:
        at = argv.index("--copies")
        copies = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    n, out = int(argv[1]), argv[2]
    pages_dir = argv[3] if len(argv) > 3 else os.path.join(os.path.dirname(__file__), "../../shared/bench/scrapinghub/txt")
    names = sorted(os.listdir(pages_dir))
    pages = [open(os.path.join(pages_dir, name), encoding="utf-8").read() for name in names]
    rng = random.Random(7)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            if copies:
                article = i // copies
                page = distinct_article(pages[article % len(pages)], article)
                copy_of = f"article-{article}"
            else:
                page = pages[i % len(pages)]
                copy_of = names[i % len(pages)]
            f.write(json.dumps({"id": f"doc-{i:07d}", "text": perturb(page, rng), "copy_of": copy_of}) + "\n")


if __name__ == "__main__":
    main(sys.argv)
