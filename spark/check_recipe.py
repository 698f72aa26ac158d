"""CI check of the Spark recipe: pyspark in local mode over a small corpus built from the
fixtures must give exactly the records of a direct `pith clean --jsonl-in --jsonl` run."""
import json
import os
import subprocess
import sys
import tempfile

from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(__file__))
from pith_on_spark import clean_corpus  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "pith")


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
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write("\n".join(corpus_lines()) + "\n")
        direct = subprocess.run(
            [BINARY, "clean", "--jsonl-in", "--jsonl", corpus], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        ).stdout.decode("utf-8").splitlines()
        spark = SparkSession.builder.master("local[2]").appName("pith-check").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        on_spark = clean_corpus(spark.sparkContext, corpus, BINARY, partitions=3).collect()
        spark.stop()
        assert len(direct) == len(corpus_lines()) - 1, len(direct)
        assert on_spark == direct, "Spark output differs from a direct run"
        print(f"spark recipe: {len(on_spark)} records, identical to a direct run")


if __name__ == "__main__":
    main()
