#!/usr/bin/env python3
"""Chooses the block model's decision threshold per page type, out of fold.

    train/thresholds.py [--bench DIR] [--formats html,txt,md] [--grid 0.1,0.15,...] [--write]

A page's type says where its content sits on the block model's probability: an article's body
is what the model is surest of, a collection's content is its item cards, which it half
believes in. One threshold for every non-article type (0.3) leaves that to a constant; this
script measures each type at each threshold and keeps, per type, the one that did best.

How, for each format:
1. For every threshold T of the grid, `pith eval --cv` cleans every labelled bench page
   (scrapinghub and WCXB) with its fold's models, every type's threshold set to T (copies of
   `data/model/cv/` under `target/thresholds/`). With every type's threshold at T a page is
   decided at T whatever its type's probabilities, so one uniform run per T measures every type
   at T. (pith decides a page by its types' thresholds weighed by their probabilities,
   `classify::model_threshold`: a type's choice here is judged on the pages typed so, which
   holds where the type is sure and approximates where it is not.)
2. Each page gets its F1 (WCXB: word F1; scrapinghub: shingle F1, as `bench/score.py`). For
   each type (as the fold's page-type model predicted it) and each fold K, the threshold with
   the highest summed F1 over that type's pages *outside* fold K is fold K's; the one over all
   pages is the built-in model's. Ties go to the default (article: the model's own threshold;
   other types: 0.3).
3. It prints the figures pith reaches out of fold with the chosen thresholds (each fold's pages
   cleaned with thresholds chosen without them: the figure `bench/cv.py` then reports), beside
   the defaults and the in-sample figure (thresholds chosen on every page).
4. With `--write` it stores the choices as `type_thresholds` in `data/model/<format>.json` and
   `data/model/cv/fold<K>/<format>.json` (nothing else in those files changes).

Measured on the dumps (stop 22) and not used there: txt scrapinghub / WCXB all / WCXB
articles 0.9225 / 0.7978 / 0.9209 -> 0.9217 / 0.7988 / 0.9213 out of fold, md 0.9260 / 0.7974 /
0.9232 -> 0.9260 / 0.7971 / 0.9234 (in sample +0.0017 / +0.0018 on WCXB all: the choices do not
carry to unseen sites; a dump's type is told less well, and moves a threshold only when sure).
Measured again once a dump's type moved its threshold at any probability (stop 45; figures as
this script computes them, each page at its most probable type's threshold): txt 0.9270 /
0.8094 / 0.9239 -> 0.9259 / 0.8142 / 0.9247, md 0.9278 / 0.8131 / 0.9311 -> 0.9260 / 0.8128 /
0.9295: scrapinghub loses on both, md loses everywhere, so the dumps keep their defaults.

Needs a release build (`cargo build --release`) and the bench pages; about 2 minutes a
threshold and format on 2 cores.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SETS = ["scrapinghub", "wcxb"]
TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
FOLDS = 5
# The default for a type the model names no threshold for (classify/mod.rs,
# NON_ARTICLE_THRESHOLD); an article uses the block model's own threshold.
NON_ARTICLE_DEFAULT = 0.3
MODEL_FILE = {"html": "html.json", "txt": "txt.json", "md": "md.json"}


def load_score(bench):
    spec = importlib.util.spec_from_file_location("score", os.path.join(bench, "score.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_folds():
    folds = {}
    with open(os.path.join(ROOT, "bench", "folds.tsv")) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            s, pid, _domain, fold = line.rstrip("\n").split("\t")
            folds[(s, pid)] = int(fold)
    return folds


def read_json(path):
    with open(path) as fh:
        return json.load(fh)


def write_json(path, value):
    # The same compact form train.py writes.
    with open(path, "w") as fh:
        json.dump(value, fh, separators=(",", ":"))
        fh.write("\n")


def page_f1(score, s, gold, pred):
    """Each page's F1 under its set's metric."""
    out = {}
    for pid, g in gold.items():
        body = pred.get(pid, {}).get("articleBody", "")
        if s == "wcxb":
            out[pid] = score.word_prf(g.get("articleBody", ""), body)[2]
        else:
            tp, fp, fn = score.tp_fp_fn(g.get("articleBody", ""), body)
            out[pid] = 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if fp + fn == 0 else 0.0)
    return out


def run_grid(args, fmt, grid):
    """One `pith eval --cv` per threshold and set; returns predictions[(set, T)]."""
    pith = os.path.join(ROOT, "target", "release", "pith")
    predictions = {}
    for t in grid:
        models = os.path.join(ROOT, "target", "thresholds", fmt, f"t{t}")
        if args.reuse and all(os.path.exists(os.path.join(models, f"{s}-{fmt}.json")) for s in SETS):
            for s in SETS:
                predictions[(s, t)] = read_json(os.path.join(models, f"{s}-{fmt}.json"))
            continue
        for k in range(FOLDS):
            src = os.path.join(ROOT, "data", "model", "cv", f"fold{k}")
            dst = os.path.join(models, f"fold{k}")
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst)
            model = read_json(os.path.join(dst, MODEL_FILE[fmt]))
            model["type_thresholds"] = {ty: t for ty in TYPES}
            write_json(os.path.join(dst, MODEL_FILE[fmt]), model)
        for s in SETS:
            out = os.path.join(models, f"{s}-{fmt}.json")
            subprocess.run(
                [pith, "eval", "--cv", os.path.join(ROOT, "bench", "folds.tsv"), "--cv-models", models,
                 "--set", s, "--gold", os.path.join(args.bench, s, "ground-truth.json"),
                 os.path.join(args.bench, s, fmt), "--pred-out", out],
                check=True, stdout=subprocess.DEVNULL)
            predictions[(s, t)] = read_json(out)
        print(f"  {fmt}: threshold {t} done", file=sys.stderr)
    return predictions


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--formats", default="html")
    ap.add_argument("--grid", default="0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.5,0.6")
    # An article keeps the block model's own threshold. Chosen like the others it would be
    # 0.35-0.4: WCXB all 0.8536 -> 0.8547 (pages typed article that are not), but scrapinghub's
    # news 0.9778 -> 0.9737 and WCXB's articles no better (0.9490 -> 0.9496).
    ap.add_argument("--types", default=",".join(t for t in TYPES if t != "article"),
                    help="the types to choose a threshold for; the others keep the default")
    ap.add_argument("--reuse", action="store_true",
                    help="score the predictions of an earlier run (target/thresholds/) instead of cleaning again")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    score = load_score(args.bench)
    folds = load_folds()
    gold = {s: read_json(os.path.join(args.bench, s, "ground-truth.json")) for s in SETS}
    for fmt in args.formats.split(","):
        grid = [float(g) for g in args.grid.split(",")]
        built_in = read_json(os.path.join(ROOT, "data", "model", MODEL_FILE[fmt]))
        defaults = {ty: (built_in.get("threshold", 0.5) if ty == "article" else NON_ARTICLE_DEFAULT) for ty in TYPES}
        for ty, d in defaults.items():
            if d not in grid:
                sys.exit(f"the grid must hold each default threshold ({ty}: {d})")
        predictions = run_grid(args, fmt, grid)
        f1 = {(s, t): page_f1(score, s, gold[s], predictions[(s, t)]) for s in SETS for t in grid}
        # The type each page was given (the same in every run: thresholds come after it).
        typed = {(s, pid): predictions[(s, grid[0])].get(pid, {}).get("page_type") for s in SETS for pid in gold[s]}

        def choose(ty, held_out):
            if ty not in args.types.split(","):
                return defaults[ty]
            pages = [(s, pid) for (s, pid), t in typed.items() if t == ty and folds.get((s, pid)) != held_out]
            return max(grid, key=lambda t: (sum(f1[(s, t)][pid] for s, pid in pages), t == defaults[ty]))

        chosen = {k: {ty: choose(ty, k) for ty in TYPES} for k in range(FOLDS)}
        chosen_all = {ty: choose(ty, None) for ty in TYPES}
        print(f"{fmt}: threshold per type (built in; folds 0-4)")
        for ty in TYPES:
            n = sum(1 for t in typed.values() if t == ty)
            print(f"  {ty:14s} {chosen_all[ty]:<5} ({', '.join(str(chosen[k][ty]) for k in range(FOLDS))}; {n} pages)")

        def assembled(s, pick):
            out = {}
            for pid in gold[s]:
                ty = typed[(s, pid)]
                t = pick(folds.get((s, pid)), ty) if ty else defaults["article"]
                out[pid] = predictions[(s, t)].get(pid, {"articleBody": ""})
            return out

        for label, pick in [("defaults", lambda k, ty: defaults[ty]),
                            ("chosen on all pages", lambda k, ty: chosen_all[ty]),
                            ("chosen out of fold", lambda k, ty: chosen[k][ty] if k is not None else chosen_all[ty])]:
            cells = []
            for s in SETS:
                pred = assembled(s, pick)
                if s == "wcxb":
                    articles = [p for p in gold[s] if gold[s][p].get("type") == "article"]
                    cells.append(f"wcxb all {score.score_words(gold[s], pred)[0]['f1']:.4f}")
                    cells.append("wcxb articles {:.4f}".format(score.score_words(
                        {p: gold[s][p] for p in articles}, {p: pred[p] for p in articles})[0]["f1"]))
                else:
                    cells.append(f"scrapinghub {score.score(gold[s], pred)[0]['f1']:.4f}")
            print(f"  {label:20s} " + " | ".join(cells))
        if args.write:
            path = os.path.join(ROOT, "data", "model", MODEL_FILE[fmt])
            built_in["type_thresholds"] = chosen_all
            write_json(path, built_in)
            for k in range(FOLDS):
                path = os.path.join(ROOT, "data", "model", "cv", f"fold{k}", MODEL_FILE[fmt])
                model = read_json(path)
                model["type_thresholds"] = chosen[k]
                write_json(path, model)
            print(f"  written: data/model/{MODEL_FILE[fmt]} and its five fold models")


if __name__ == "__main__":
    main()
