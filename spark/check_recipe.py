"""CI check of the Spark recipe: pyspark in local mode over a small corpus built from the
fixtures must give exactly the records of a direct `pith clean --jsonl-in --jsonl` run.

Usage: check_recipe.py [PITH_BINARY]; the binary is also taken from $PITH_BIN (.ci/spark-check
passes it), else target/release/pith of the checkout."""
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(__file__))
from pith_on_spark import clean_corpus  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary():
    given = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PITH_BIN")
    path = given or os.path.join(ROOT, "target", "release", "pith")
    if not os.path.isfile(path):
        sys.exit(f"check_recipe.py: no pith binary at {path} (build it, then pass its path or set PITH_BIN)")
    return os.path.abspath(path)


def corpus_lines():
    lines = []
    for folder in ["fixtures", "fixtures/rules", "fixtures/html"]:
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            path = os.path.join(ROOT, folder, name)
            if not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as f:
                body = f.read()
            field = "html" if name.endswith(".html") else "text"
            lines.append(json.dumps({"id": f"{folder}/{name}", field: body, "batch": 1}, ensure_ascii=False))
    lines.append("{not json")  # a bad line: reported, the rest goes on
    return lines


def main():
    pith = binary()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("\n".join(corpus_lines()) + "\n")
        run = subprocess.run([pith, "clean", "--jsonl-in", "--jsonl", corpus], capture_output=True, check=False)
        direct = run.stdout.decode("utf-8").splitlines()
        report = run.stderr.decode("utf-8", "replace")
        # The bad line is reported by its number, and the exit code says an input failed.
        bad_line = len(corpus_lines())
        assert run.returncode == 1 and f"corpus.jsonl:{bad_line}: not a JSON object" in report, report
        spark = SparkSession.builder.master("local[2]").appName("pith-check").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        on_spark = clean_corpus(spark.sparkContext, corpus, pith, partitions=3).collect()
        spark.stop()
        assert len(direct) == len(corpus_lines()) - 1, len(direct)
        assert on_spark == direct, "Spark output differs from a direct run"
        print(f"spark recipe: {len(on_spark)} records, identical to a direct run")


if __name__ == "__main__":
    main()
