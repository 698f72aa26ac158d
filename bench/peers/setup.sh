#!/usr/bin/env bash
# Make the peer-extractor virtualenv at target/peers-venv (repo-relative; target/ is gitignored)
# and install the pinned requirements. Idempotent: does nothing if the venv already has them.
#   bash bench/peers/setup.sh [--force]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/target/peers-venv"
REQ="$ROOT/bench/peers/requirements.txt"
PYTHON="${PYTHON:-python3}"

if [[ "${1:-}" == "--force" ]]; then rm -rf "$VENV"; fi

# Up to date when the venv's pip reports exactly the pinned set.
if [[ -x "$VENV/bin/python" ]] &&
   diff -q <(grep -v '^#' "$REQ" | grep . | sort -f) <("$VENV/bin/pip" freeze 2>/dev/null | sort -f) >/dev/null; then
  echo "peers venv up to date: $VENV"
  exit 0
fi

mkdir -p "$ROOT/target"
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ"
"$VENV/bin/python" -c 'import trafilatura; print("trafilatura", trafilatura.__version__, "installed in '"$VENV"'")'
