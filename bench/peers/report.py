#!/usr/bin/env python3
"""Score peer predictions the way the figures in /work/shared/bench/README.md are given.

usage: report.py BENCH_DIR PRED.json [PRED.json ...]

For each prediction file named <peer>-<set>-<format>.json (set scrapinghub or wcxb) prints the
shingle metric on scrapinghub, and on wcxb the --words metric on all pages and on the pages
whose gold "type" is "article". Uses BENCH_DIR/score.py itself, so figures are the same as
running score.py by hand.
"""
import importlib.util
import json
import os
import sys


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    bench = argv[1]
    spec = importlib.util.spec_from_file_location("score", os.path.join(bench, "score.py"))
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    golds = {}
    for path in argv[2:]:
        name = os.path.basename(path)[:-len(".json")]
        st = "scrapinghub" if "-scrapinghub-" in name else "wcxb" if "-wcxb-" in name else None
        if st is None:
            print(f"{name}: cannot tell the set from the file name", file=sys.stderr)
            continue
        if st not in golds:
            with open(os.path.join(bench, st, "ground-truth.json"), encoding="utf8") as f:
                golds[st] = json.load(f)
        gold = golds[st]
        with open(path, encoding="utf8") as f:
            pred = json.load(f)
        shingle, _ = score.score(gold, pred)
        line = {"file": name, "shingle_f1": shingle["f1"], "shingle_p": shingle["precision"],
                "shingle_r": shingle["recall"]}
        if st == "wcxb":
            words, _ = score.score_words(gold, pred)
            arts = {k: v for k, v in gold.items() if v.get("type") == "article"}
            aw, _ = score.score_words(arts, pred)
            line.update({"words_f1_all": words["f1"], "words_p_all": words["precision"],
                         "words_r_all": words["recall"], "words_f1_articles": aw["f1"],
                         "n_articles": aw["n"]})
        print(json.dumps(line))


if __name__ == "__main__":
    main(sys.argv)
