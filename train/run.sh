#!/usr/bin/env bash
# Trains every model pith ships, from the labelled bench pages, in the order they depend on
# each other, and writes them to data/model/ (built in) and data/model/cv/fold<K>/ (the fold
# models `pith eval --cv` uses for out-of-fold figures):
#   1. page type   — page features from the rules' first decision; for HTML a second model for
#                    pages that declare no type, trained on the pages and on their copy
#                    without metadata (bench/cipher.py --bare, written to target/train-bare-bench);
#   2. block model — block features with each page's type from the fold model that did not
#                    see it (so training sees the type errors inference will make);
#   3. thresholds  — the HTML block model's threshold per page type, chosen out of fold
#                    (train/thresholds.py; the block model must be built in first; for
#                    dumps it measured no gain out of fold, so they keep one threshold);
#   4. confidence  — the word F1 each page reached out of fold, and how the decision went.
# Usage: [FORMATS=html,txt,md] [AUGMENT=DIR] train/run.sh [BENCH_DIR]   (default ../shared/bench;
# about 8 minutes on 2 cores, plus the virtualenv). FORMATS retrains only those formats' models (a
# change to HTML features leaves the dumps' models as they are); the others are left untouched.
# AUGMENT=DIR trains the page-type and block models on another guise of the same pages as well
# (a copy of the bench written by bench/cipher.py; each copy in its page's fold).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH="${1:-../shared/bench}"
FORMATS="${FORMATS:-html,txt,md}"
DATA=target/train
mkdir -p "$DATA"
train/setup.sh
PY=target/train-venv/bin/python
cargo build --release --locked --quiet
P=target/release/pith
AUGMENT="${AUGMENT:-}"
AUG_DATA=$DATA-augment
AUG_FLAGS=()
if [[ -n "$AUGMENT" ]]; then
  mkdir -p "$AUG_DATA"
  AUG_FLAGS=(--augment "$AUG_DATA")
fi
dump() {
  for set in scrapinghub wcxb; do
    for fmt in ${FORMATS//,/ }; do
      "$P" train-data "$@" --gold "$BENCH/$set/ground-truth.json" --set "$set" "$BENCH/$set/$fmt" --out "$DATA/$set-$fmt"
      if [[ -n "$AUGMENT" ]]; then
        "$P" train-data "$@" --gold "$AUGMENT/$set/ground-truth.json" --set "$set" "$AUGMENT/$set/$fmt" --out "$AUG_DATA/$set-$fmt"
      fi
    done
  done
}
dump --rules-only
TYPE_FLAGS=()
if [[ ",$FORMATS," == *,html,* ]]; then
  # The pages as they would come without their metadata: the model of pages that declare no type.
  BARE=$DATA-bare-bench
  mkdir -p "$DATA-bare"
  python3 bench/cipher.py --bare "$BARE" --bench "$BENCH"
  for set in scrapinghub wcxb; do
    "$P" train-data --rules-only --gold "$BARE/$set/ground-truth.json" --set "$set" "$BARE/$set/html" --out "$DATA-bare/$set-html"
  done
  TYPE_FLAGS=(--undeclared "$DATA-bare")
fi
"$PY" train/train.py pagetype "$DATA" --formats "$FORMATS" "${AUG_FLAGS[@]}" "${TYPE_FLAGS[@]}"
# The fold models this dump loads are the page-type models just trained and the block models of
# the last run; the last run's confidence models may read another feature list (they are
# retrained in step 4), so they go first.
for fmt in ${FORMATS//,/ }; do rm -f data/model/cv/fold*/confidence-"$fmt".json; done
dump --rules-only --cv bench/folds.tsv
"$PY" train/train.py block "$DATA" --formats "$FORMATS" "${AUG_FLAGS[@]}"
cargo build --release --locked --quiet
if [[ ",$FORMATS," == *,html,* ]]; then
  "$PY" train/thresholds.py --bench "$BENCH" --formats html --write
  cargo build --release --locked --quiet
fi
dump --cv bench/folds.tsv
"$PY" train/train.py confidence "$DATA" --formats "$FORMATS"
echo "models written to data/model/; rebuild pith (cargo build --release) to build them in"
