#!/usr/bin/env bash
# The byte-identity check for a change meant not to change output: the SHA-256 of every record
# pith writes for each bench folder, the fixtures and the seeds. Run it with the build before and
# the build after and compare the two listings (`diff <(bench/identical.sh OLD) <(bench/identical.sh NEW)`).
#
#   bench/identical.sh [PITH_BINARY] [BENCH_DIR]   (defaults: target/release/pith, ../shared/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
PITH="${1:-target/release/pith}"
BENCH="${2:-../shared/bench}"
for dir in "$BENCH"/{scrapinghub,wcxb}/{html,txt,md} fixtures ../shared/seeds; do
  [ -d "$dir" ] || { echo "$dir: missing" >&2; continue; }
  printf '%s %s\n' "$dir" "$("$PITH" clean -q -j2 --jsonl "$dir" | sha256sum | cut -c1-16)"
done
