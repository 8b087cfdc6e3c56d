#!/usr/bin/env sh
# Measures `lockscope batch`: generates N synthetic cases (every scenario in turn, a different seed
# each, every fourth one zipped), runs `batch --jobs 2` over them with a GC log, then again with
# --resume. Prints cases/min, the peak heap from the GC log and the --resume time. Nothing it writes
# goes into the project: everything lands in WORKDIR (default /tmp/lockscope-batch-bench).
#
#   mvn -q -B -o package -DskipTests && benchmarks/batch-200.sh [WORKDIR]
#   N=200 EVENTS=3000 HEAP=1g JOBS=2 benchmarks/batch-200.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/lockscope.jar"
work=${1:-/tmp/lockscope-batch-bench}
n=${N:-200}
events=${EVENTS:-3000}
heap=${HEAP:-1g}
jobs=${JOBS:-2}
[ -f "$jar" ] || { echo "build first: mvn -q -B -o package -DskipTests" >&2; exit 2; }
scenarios="lock-holder decoy compatible-agent two-holders pid-reuse filter-denial delete-pending registry-corrupt clean unknown-agent miradisp"
count=$(echo $scenarios | wc -w)

if [ ! -d "$work/cases" ]; then
  mkdir -p "$work/cases"
  i=0
  while [ $i -lt $n ]; do
    k=$(( i % count + 1 ))
    scenario=$(echo $scenarios | cut -d' ' -f$k)
    name=$(printf 'case-%03d' $i)
    format=csv; [ $(( i % 2 )) -eq 1 ] && format=xml
    java -jar "$jar" generate "$scenario" -o "$work/cases/$name" --events "$events" --formats "$format,logs" \
        --seed $(( i + 1 )) > /dev/null
    if [ $(( i % 4 )) -eq 3 ]; then
      (cd "$work/cases/$name" && zip -qr "../$name.zip" . ) && rm -r "$work/cases/$name"
    fi
    i=$(( i + 1 ))
  done
fi

rm -rf "$work/out"
start=$(date +%s.%N)
java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" -jar "$jar" batch "$work"/cases/* -o "$work/out" --jobs "$jobs" \
    2> "$work/batch.err" || true
end=$(date +%s.%N)
start2=$(date +%s.%N)
java -Xmx"$heap" -jar "$jar" batch "$work"/cases/* -o "$work/out" --jobs "$jobs" --resume 2> "$work/resume.err" || true
end2=$(date +%s.%N)

tail -n 1 "$work/batch.err"
tail -n 1 "$work/resume.err"
awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { t = e - s; printf "first run: %d cases in %.1f s = %.1f cases/min\n", n, t, n * 60 / t }'
awk -v s="$start2" -v e="$end2" 'BEGIN { printf "--resume run: %.1f s\n", e - s }'
# "[gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 151M->38M(256M) 4.1ms": before->after(committed)
sed -n 's/.* \([0-9]*\)M->\([0-9]*\)M(\([0-9]*\)M).*/\1 \2 \3/p' "$work/gc.log" | awk '
  { if ($1 > before) before = $1; if ($2 > after) after = $2; if ($3 > committed) committed = $3; gcs++ }
  END { printf "heap: peak used %d MiB (before a GC), peak live %d MiB (after a GC), peak committed %d MiB, %d GCs\n", before, after, committed, gcs }'
