#!/usr/bin/env bash
# A virtualenv with the pinned training dependencies at target/train-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x target/train-venv/bin/python ]; then
  python3 -m venv target/train-venv
fi
target/train-venv/bin/pip install -q -r train/requirements.txt
