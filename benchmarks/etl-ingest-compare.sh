#!/bin/bash
# ETL → model, two builds side by side on the same machine: best of 5 reads (after one warm-up) of the
# generated 512 MB benchmark trace, plain and XPRESS, the builds interleaved, uptime before each.
# usage: benchmarks/etl-ingest-compare.sh BEFORE_CLASSES AFTER_CLASSES [BENCHMARKS_JAR [DATA_DIR]]
#   *_CLASSES: a lockscope target/classes folder (put first on the classpath)
#   BENCHMARKS_JAR: benchmarks/target/benchmarks.jar (dependencies); DATA_DIR: its target/data with the
#   lock-holder-etl-512mb[-xpress]-seed1 traces (made by a JMH run of EtlDecodeBenchmark)
set -e
here=$(cd "$(dirname "$0")" && pwd)
jar=${3:-$here/target/benchmarks.jar}
data=${4:-$here/target/data}
tool=$(mktemp -d)
javac -cp "$jar" -d "$tool" "$here/src/main/java/io/lockscope/benchmarks/EtlIngestTiming.java"
for trace in lock-holder-etl-512mb-seed1 lock-holder-etl-512mb-xpress-seed1; do
  for build in "$1" "$2"; do
    echo "$build $trace $(date -u +%FT%TZ) $(uptime | sed 's/.*load/load/')"
    nice java -Xmx8g -cp "$build:$tool:$jar" io.lockscope.benchmarks.EtlIngestTiming "$data/$trace/boot-trace.etl" 6 | tail -1
  done
done
rm -rf "$tool"
