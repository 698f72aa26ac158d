#!/usr/bin/env bash
# Seeds each target's corpus from the repository's fixtures (the fixtures are the one copy; the
# seeds are made, not committed). The text and warc targets read one selector byte first:
# text's picks the file name (0 .txt, 1 .md, 2 none), warc's parity picks plain or gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/{html,decode,text,warc}
for f in fixtures/html/* fixtures/bad/*.html; do cp "$f" "fuzz/corpus/html/fixture-$(basename "$f")"; done
for f in fixtures/bad/* fixtures/001_*.txt; do cp "$f" "fuzz/corpus/decode/fixture-$(basename "$f")"; done
for f in fixtures/*.txt fixtures/rules/*.txt fixtures/bad/*; do
  (printf '\0'; cat "$f") > "fuzz/corpus/text/fixture-$(basename "$f")"
done
for f in fixtures/rules/*.md; do (printf '\1'; cat "$f") > "fuzz/corpus/text/fixture-$(basename "$f")"; done
for f in fixtures/warc/*; do
  (printf '\0'; cat "$f") > "fuzz/corpus/warc/fixture-$(basename "$f")"
  (printf '\1'; cat "$f") > "fuzz/corpus/warc/fixture-zipped-$(basename "$f")"
done
