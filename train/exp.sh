#!/usr/bin/env bash
# One experiment: train into target/exp/NAME with the given train.py flags, then print
# in-sample and out-of-fold F1 on both sets for FORMAT. Usage: exp.sh NAME FORMAT [train flags]
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
  m=""; [ $s = wcxb ] && m="--words"
  ins=$($P eval $m --models $out --gold $B/$s/ground-truth.json $B/$s/$fmt | sed 's/.*"f1":\([0-9.]*\).*/\1/')
  oof=$($P eval $m --cv bench/folds.tsv --cv-models $out/cv --gold $B/$s/ground-truth.json $B/$s/$fmt | sed 's/.*"f1":\([0-9.]*\).*/\1/')
  echo "$name $fmt $s in-sample $ins oof $oof"
done
