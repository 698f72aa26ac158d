#!/usr/bin/env bash
# Run the pinned peer extractors over the labelled benchmark sets and write predictions
#   target/peers/<peer>-<set>-<format>.json     ({id: {"articleBody": "..."}})
# peer: trafilatura (formats html, txt, md) and rs-trafilatura (html).
#
#   bash bench/peers/run_all.sh [BENCH_DIR]      (default: /work/shared/bench, or $BENCH_DIR)
# Uses at most 2 processes at a time (JOBS=2). Prints the scores at the end (bench/peers/report.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="${1:-${BENCH_DIR:-/work/shared/bench}}"
OUT="$ROOT/target/peers"
JOBS="${JOBS:-2}"
SETS=(scrapinghub wcxb)
mkdir -p "$OUT"

# 1. trafilatura (Python) — venv with pinned requirements
bash "$ROOT/bench/peers/setup.sh"
PY="$ROOT/target/peers-venv/bin/python"

# 2. rs-trafilatura (Rust) — standalone crate, pinned =0.2.2 with its own Cargo.lock
export CARGO_TARGET_DIR="$ROOT/target/peers-rs"
(cd "$ROOT/bench/peers/rs-trafilatura" && cargo build --release --locked -j "$JOBS")
RS="$CARGO_TARGET_DIR/release/peer-rs-trafilatura"

for set in "${SETS[@]}"; do
  for fmt in html txt md; do
    echo "== trafilatura $set $fmt"
    "$PY" "$ROOT/bench/peers/run_trafilatura.py" "$BENCH/$set" "$fmt" "$OUT/trafilatura-$set-$fmt.json" --jobs "$JOBS"
  done
  echo "== rs-trafilatura $set html"
  "$RS" "$BENCH/$set" "$OUT/rs-trafilatura-$set-html.json" --jobs "$JOBS"
done

echo "== scores"
python3 "$ROOT/bench/peers/report.py" "$BENCH" "$OUT"/{trafilatura,rs-trafilatura}-{scrapinghub,wcxb}-*.json | tee "$OUT/scores.jsonl"
