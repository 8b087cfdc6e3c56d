#!/bin/bash
# Reading into the model, two builds side by side on the same machine: the best and median of the reads
# after the first third (warm-up) of RUNS reads of each FILE, the builds interleaved, uptime before each.
# On a shared machine these and the reading thread's CPU time say more than a mean.
# usage: benchmarks/ingest-compare.sh BEFORE_CLASSES AFTER_CLASSES [FILE...]
#   *_CLASSES: a lockscope target/classes folder (put first on the classpath)
#   FILE: any input lockscope reads; default: the generated 512 MB ETL benchmark traces, plain and XPRESS
#   (made by a JMH run of EtlDecodeBenchmark under benchmarks/target/data)
#   RUNS (default 9), ROUNDS (default 1: the builds alternate this many times per file, so that the
#   machine's drift within minutes shows as the spread of each build's rounds),
#   BENCH_JAR (default benchmarks/target/benchmarks.jar: the dependencies), JAVA_OPTS (default -Xmx8g)
set -e
here=$(cd "$(dirname "$0")" && pwd)
jar=${BENCH_JAR:-$here/target/benchmarks.jar}
before=$1
after=$2
shift 2
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  files=("$here/target/data/lock-holder-etl-512mb-seed1/boot-trace.etl"
         "$here/target/data/lock-holder-etl-512mb-xpress-seed1/boot-trace.etl")
fi
tool=$(mktemp -d)
javac -cp "$jar" -d "$tool" "$here/src/main/java/io/lockscope/benchmarks/IngestTiming.java"
for file in "${files[@]}"; do
  for round in $(seq "${ROUNDS:-1}"); do
    for build in "$before" "$after"; do
      echo "$build $file $(date -u +%FT%TZ) $(uptime | sed 's/.*load/load/')"
      nice java ${JAVA_OPTS:--Xmx8g} -cp "$build:$tool:$jar" io.lockscope.benchmarks.IngestTiming "$file" "${RUNS:-9}" | tail -1
    done
  done
done
rm -rf "$tool"
