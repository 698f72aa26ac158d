#!/usr/bin/env bash
# One experiment: train into target/exp/NAME with the given train.py flags, then print
# in-sample and out-of-fold F1 for FORMAT on scrapinghub (shingles), WCXB (words, all pages)
# and WCXB articles, scored by bench/cv.py (the same harness as the committed figures).
# Usage: [DATA=target/train] [ALSO_BENCH=DIR] exp.sh NAME FORMAT [train flags]
# ALSO_BENCH scores the same models on another copy of the bench as well (bench/cipher.py's: the
# pages in a language no word list knows), on a second line.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 fmt=$2; shift 2
out=target/exp/$name
target/train-venv/bin/python train/train.py block "${DATA:-target/train}" --formats "$fmt" --out "$out" "$@" 2>&1 | grep -v "^  top" || true
# The page-type and confidence models the block model works with: the committed ones.
for f in data/model/page-type-*.json data/model/confidence-*.json; do cp "$f" "$out/"; done
for k in 0 1 2 3 4; do cp data/model/cv/fold$k/page-type-*.json data/model/cv/fold$k/confidence-*.json "$out/cv/fold$k/"; done
python3 bench/cv.py --formats "$fmt" --models "$out" --out "$out" >/dev/null
report() {
python3 - "$1" "$fmt" "$2" <<'PY'
import json, sys
summary, fmt, name = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
cells = []
for s, subset in [("scrapinghub", "all"), ("wcxb", "all"), ("wcxb", "article")]:
    for run, system in [("ins", "pith (in sample)"), ("oof", "pith (out of fold)")]:
        cells.append(f"{s}/{subset} {run} {summary[f'{s}/{fmt}/{subset}/{system}']['pooled']:.4f}")
print(name, fmt, " | ".join(cells))
PY
}
report "$out/summary.json" "$name"
if [[ -n "${ALSO_BENCH:-}" ]]; then
  python3 bench/cv.py --bench "$ALSO_BENCH" --formats "$fmt" --models "$out" --out "$out/also" >/dev/null
  report "$out/also/summary.json" "$name@$(basename "$ALSO_BENCH")"
fi
