"""Makes a JSONL corpus of N documents for speed runs by repeating and perturbing the benchmark's
text dumps: each document is one page with a few words changed and a paragraph dropped or
duplicated, so copies are near-duplicates, not identical.

usage: python3 bench/make_corpus.py N OUT.jsonl [PAGES_DIR]
"""
import json
import os
import random
import sys


def main(argv):
    n, out = int(argv[1]), argv[2]
    pages_dir = argv[3] if len(argv) > 3 else os.path.join(os.path.dirname(__file__), "../../shared/bench/scrapinghub/txt")
    names = sorted(os.listdir(pages_dir))
    pages = [open(os.path.join(pages_dir, name), encoding="utf-8").read() for name in names]
    rng = random.Random(7)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            page = pages[i % len(pages)]
            paragraphs = page.split("\n\n")
            if len(paragraphs) > 3 and rng.random() < 0.5:
                del paragraphs[rng.randrange(len(paragraphs))]
            words = "\n\n".join(paragraphs).split(" ")
            for _ in range(3):
                if words:
                    words[rng.randrange(len(words))] = rng.choice(["alpha", "beta", "gamma", "delta"])
            f.write(json.dumps({"id": f"doc-{i:07d}", "text": " ".join(words), "copy_of": names[i % len(pages)]}) + "\n")


if __name__ == "__main__":
    main(sys.argv)
