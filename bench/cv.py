#!/usr/bin/env python3
"""Site-grouped cross-validation figures for pith beside trafilatura and rs-trafilatura.

    python3 bench/cv.py [--bench ../shared/bench] [--no-run] [--formats html,txt,md]
                        [--models DIR] [--out DIR]

For every set (scrapinghub, wcxb) and format (html, txt, md) it runs
`pith eval --cv bench/folds.tsv` (each page cleaned by the models trained without its fold:
out of fold) and `pith eval` with the built-in models (trained on every page: in sample),
then scores both, and the peers' predictions in `target/peers/` (bench/peers/run_all.sh), with
the bench's own score.py: scrapinghub by shingle F1, WCXB by word F1 (all pages and per page
type). Every figure is given per fold and pooled; peers have no training, so their fold
figures are their plain figures on the same pages. It also writes target/cv/summary.json.
`--models DIR` scores another set of models (DIR as `data/model`, with its `cv/fold<K>/`), as
`train/exp.sh` does for an experiment; `--out DIR` keeps its predictions apart.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = {"scrapinghub": "shingle", "wcxb": "words"}
FORMATS = ["html", "txt", "md"]
PEERS = {"trafilatura": FORMATS, "rs-trafilatura": ["html"]}


def load_score(bench):
    spec = importlib.util.spec_from_file_location("score", os.path.join(bench, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def folds():
    out = {}
    for line in open(os.path.join(ROOT, "bench", "folds.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        s, pid, _d, f = line.rstrip("\n").split("\t")
        out[(s, pid)] = int(f)
    return out


def run_pith(bench, s, fmt, out, cv, models):
    args = [os.path.join(ROOT, "target", "release", "pith"), "eval", "--gold", f"{bench}/{s}/ground-truth.json",
            f"{bench}/{s}/{fmt}", "--pred-out", out]
    if cv:
        args += ["--cv", os.path.join(ROOT, "bench", "folds.tsv"), "--cv-models", os.path.join(models, "cv")]
    else:
        args += ["--models", models]
    subprocess.run(args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def f1_of(score, metric, gold, pred):
    if metric == "words":
        return score.score_words(gold, pred)[0]["f1"]
    return score.score(gold, pred)[0]["f1"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--no-run", action="store_true", help="score predictions already in target/cv")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--models", default=os.path.join(ROOT, "data", "model"), help="the models to score (default: the built-in ones)")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "cv"), help="where predictions and summary.json go")
    args = ap.parse_args()
    score = load_score(args.bench)
    fold_of = folds()
    k = max(fold_of.values()) + 1
    os.makedirs(args.out, exist_ok=True)
    summary = {}
    print("| set | format | subset | system | " + " | ".join(f"fold {f}" for f in range(k)) + " | pooled |")
    print("|---|---|---|---|" + "---|" * (k + 1))
    for s, metric in SETS.items():
        gold = json.load(open(f"{args.bench}/{s}/ground-truth.json"))
        subsets = {"all": sorted(gold)}
        if s == "wcxb":
            for t in sorted({v["type"] for v in gold.values()}):
                subsets[t] = sorted(i for i in gold if gold[i]["type"] == t)
        for fmt in args.formats.split(","):
            systems = {}
            for name, cv in [("pith (out of fold)", True), ("pith (in sample)", False)]:
                path = os.path.join(args.out, f"pith-{'oof' if cv else 'ins'}-{s}-{fmt}.json")
                if not args.no_run:
                    run_pith(args.bench, s, fmt, path, cv, args.models)
                systems[name] = json.load(open(path))
            for peer, formats in PEERS.items():
                path = os.path.join(ROOT, "target", "peers", f"{peer}-{s}-{fmt}.json")
                if fmt in formats and os.path.exists(path):
                    systems[peer] = json.load(open(path))
            for subset, ids in subsets.items():
                for name, pred in systems.items():
                    cells = []
                    for f in range(k):
                        fids = [i for i in ids if fold_of[(s, i)] == f]
                        g = {i: gold[i] for i in fids}
                        p = {i: pred.get(i, {"articleBody": ""}) for i in fids}
                        cells.append(f1_of(score, metric, g, p) if fids else float("nan"))
                    pooled = f1_of(score, metric, {i: gold[i] for i in ids}, {i: pred.get(i, {"articleBody": ""}) for i in ids})
                    summary[f"{s}/{fmt}/{subset}/{name}"] = {"folds": cells, "pooled": pooled}
                    print(f"| {s} | {fmt} | {subset} | {name} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | **{pooled:.4f}** |")
    json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
