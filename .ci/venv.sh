# Sourced by .ci/python-check and .ci/spark-check: the cargo target directory, and one
# virtualenv inside it for the Python the checks need (never the system's Python).

# The cargo target directory (CARGO_TARGET_DIR when set, else target/ of the checkout).
target_dir() {
  cargo metadata --format-version 1 --no-deps \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}

# Makes (or reuses) the virtualenv TARGET/venv and sets $venv to it. Returns 1, having said why,
# when this Python cannot make one.
ensure_venv() {
  venv="$1/venv"
  if "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    return 0
  fi
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    rm -rf "$venv"
    echo "python3 cannot make a virtualenv: its venv module or ensurepip is missing (Debian: apt-get install python3-venv)" >&2
    return 1
  fi
}
