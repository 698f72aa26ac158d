#!/usr/bin/env bash
# One experiment: train into target/exp/NAME with the given train.py flags, then print
# in-sample and out-of-fold F1 for FORMAT on scrapinghub (shingles), WCXB (words, all pages)
# and WCXB articles. Usage: exp.sh NAME FORMAT [train flags]
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 fmt=$2; shift 2
out=target/exp/$name
target/train-venv/bin/python train/train.py block target/train --formats "$fmt" --out "$out" "$@" 2>&1 | grep -v "^  top" || true
# The page-type and confidence models the block model works with: the committed ones.
for f in data/model/page-type-*.json data/model/confidence-*.json; do cp "$f" "$out/"; done
for k in 0 1 2 3 4; do cp data/model/cv/fold$k/page-type-*.json data/model/cv/fold$k/confidence-*.json "$out/cv/fold$k/"; done
B=../shared/bench P=./target/release/pith
for s in scrapinghub wcxb; do
  $P eval --models $out --gold $B/$s/ground-truth.json $B/$s/$fmt --pred-out $out/ins-$s-$fmt.json >/dev/null
  $P eval --cv bench/folds.tsv --cv-models $out/cv --gold $B/$s/ground-truth.json $B/$s/$fmt --pred-out $out/oof-$s-$fmt.json >/dev/null
done
python3 - "$B" "$out" "$fmt" "$name" <<'PY'
import importlib.util, json, sys
bench, out, fmt, name = sys.argv[1:]
spec = importlib.util.spec_from_file_location("score", f"{bench}/score.py")
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)
cells = []
for s in ["scrapinghub", "wcxb"]:
    gold = json.load(open(f"{bench}/{s}/ground-truth.json"))
    subsets = {"all": list(gold)}
    if s == "wcxb":
        subsets["article"] = [i for i in gold if gold[i]["type"] == "article"]
    for subset, ids in subsets.items():
        for run in ["ins", "oof"]:
            pred = json.load(open(f"{out}/{run}-{s}-{fmt}.json"))
            g = {i: gold[i] for i in ids}
            p = {i: pred.get(i, {"articleBody": ""}) for i in ids}
            f1 = (score.score_words if s == "wcxb" else score.score)(g, p)[0]["f1"]
            cells.append(f"{s}/{subset} {run} {f1:.4f}")
print(name, fmt, " | ".join(cells))
PY
