"""Run `pith clean` over a JSONL corpus on Apache Spark, one partition at a time.

Each partition's lines go to one `pith clean --jsonl-in --jsonl` process on its stdin (rdd.pipe),
which writes one record per line, in input order. The binary travels with the job
(`spark-submit --files target/release/pith`, or `sc.addFile` as below).

    spark-submit --master yarn --files target/release/pith spark/pith_on_spark.py \
        hdfs:///corpus/*.jsonl hdfs:///cleaned

Usage here: pith_on_spark.py INPUT OUTPUT [PITH_BINARY] [MASTER]
"""
import os
import stat
import sys

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def clean_corpus(sc, input_path, binary, partitions=None):
    """Returns an RDD of JSONL records, one per input line, in input order."""
    sc.addFile(binary)
    name = os.path.basename(binary)
    lines = sc.textFile(input_path, minPartitions=partitions) if partitions else sc.textFile(input_path)

    def run(partition):
        # Workers find the shipped binary in their SparkFiles directory; make sure it can run.
        path = SparkFiles.get(name)
        os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
        import subprocess

        proc = subprocess.run(
            [path, "clean", "--jsonl-in", "--jsonl", "-j", "1", "-"],
            input="\n".join(partition).encode("utf-8") + b"\n",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        # pith reports bad lines on stderr and goes on; the exit code says whether any failed.
        for line in proc.stderr.decode("utf-8", "replace").splitlines():
            print(line, file=sys.stderr)
        return proc.stdout.decode("utf-8").splitlines()

    return lines.mapPartitions(run)


def main(argv):
    input_path, output_path = argv[1], argv[2]
    binary = argv[3] if len(argv) > 3 else "target/release/pith"
    master = argv[4] if len(argv) > 4 else None
    builder = SparkSession.builder.appName("pith")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    clean_corpus(spark.sparkContext, input_path, os.path.abspath(binary)).saveAsTextFile(output_path)
    spark.stop()


if __name__ == "__main__":
    main(sys.argv)
