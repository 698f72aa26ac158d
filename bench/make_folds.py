#!/usr/bin/env python3
"""Site-grouped folds over every labelled bench page: bench/folds.tsv (set, id, domain, fold).

Pages are grouped by the registrable domain of their gold URL (tldextract's bundled public
suffix list, no network), so no site is in two folds, across both sets. Domains are dealt to
the fold that is lightest so far, largest domain first, so folds stay balanced in both sets.
Usage: make_folds.py BENCH_DIR OUT.tsv [K]
"""
import json
import sys
from collections import defaultdict

import tldextract

SETS = ["scrapinghub", "wcxb"]


def main():
    bench, out = sys.argv[1], sys.argv[2]
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    pages = []  # (set, id, domain)
    for s in SETS:
        gold = json.load(open(f"{bench}/{s}/ground-truth.json"))
        for pid in sorted(gold):
            url = gold[pid].get("url") or ""
            parts = extract(url)
            domain = parts.top_domain_under_public_suffix or parts.domain or ""
            # A page without a URL is its own site.
            pages.append((s, pid, domain.lower() or f"no-url:{s}:{pid}"))
    size = {s: sum(1 for p in pages if p[0] == s) for s in SETS}
    by_domain = defaultdict(lambda: defaultdict(int))
    for s, _, d in pages:
        by_domain[d][s] += 1
    load = [defaultdict(float) for _ in range(k)]
    fold_of = {}
    weight = lambda counts: sum(c / size[s] for s, c in counts.items())
    for d in sorted(by_domain, key=lambda d: (-weight(by_domain[d]), d)):
        f = min(range(k), key=lambda f: (sum(load[f][s] / size[s] + by_domain[d].get(s, 0) / size[s] for s in SETS), f))
        fold_of[d] = f
        for s, c in by_domain[d].items():
            load[f][s] += c
    with open(out, "w") as fh:
        fh.write("# set\tid\tdomain\tfold (bench/make_folds.py)\n")
        for s, pid, d in pages:
            fh.write(f"{s}\t{pid}\t{d}\t{fold_of[d]}\n")
    for f in range(k):
        print(f"fold {f}: " + ", ".join(f"{s} {int(load[f][s])}" for s in SETS), file=sys.stderr)


if __name__ == "__main__":
    main()
