#!/usr/bin/env bash
# How lockscope scales with the size of a case and with cores (issue 12's scaling table):
#
#  1. `analyze` of generated lock-holder procmon boot logs of 250,000 / 1,000,000 / 4,000,000 events,
#     CSV (27 columns) or, with FORMAT=pml, PML: wall time, max RSS, time per event and the time per event each size adds over the one
#     before (linear time shows as a flat "added"), and the live heap the model keeps per event after a
#     full GC (io.lockscope.benchmarks.Retained).
#  2. `batch --jobs J` for J = 1, 2, 4, … up to the cores of the machine, over N cases of EVENTS events
#     (every scenario in turn, CSV): cases/min, the speedup over --jobs 1 and the CPU the process used.
#     With JFR=1 one more, untimed run at the most jobs records a JFR file and prints where the CPU
#     went (Java samples by thread, top methods), its GC pauses, the JIT compiler's time and monitor waits.
#     N=0 leaves this part out.
#
# Needs target/lockscope.jar (mvn -q -B package -DskipTests) and benchmarks/target/benchmarks.jar
# (mvn -q -B install -DskipTests && (cd benchmarks && mvn -q -B package)); inputs are generated once
# into ${LOCKSCOPE_BENCH_DATA:-benchmarks/target/data}/scaling (about 2.6 GB).
#
#   benchmarks/scaling.sh        SIZES="250000 1000000" N=48 EVENTS=200000 JFR=1 benchmarks/scaling.sh
#   FORMAT=pml N=0 benchmarks/scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/lockscope.jar
bench=benchmarks/target/benchmarks.jar
[ -f "$jar" ] && [ -f "$bench" ] || { echo "build first: see the header of $0" >&2; exit 2; }
data=${LOCKSCOPE_BENCH_DATA:-benchmarks/target/data}/scaling
sizes=${SIZES:-250000 1000000 4000000}
format=${FORMAT:-csv}
heap=${HEAP:-6g}
n=${N:-24}
events=${EVENTS:-50000}
cores=$(nproc)
mkdir -p "$data"

echo "machine: $cores cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "analyze (-Xmx$heap)"
# µs/event counts the JVM's start and warm-up in every size; "added" is the time per event the size
# added over the size before it, what a linear time shows as constant
printf '%10s %9s %8s %10s %8s %9s %s\n' events "$format MB" "wall s" "µs/event" added "RSS MB" "live heap (Retained)"
previous_events=0
previous_wall=0
for e in $sizes; do
  case_dir="$data/$format-$e"
  log="$case_dir/boot_log.$format"
  [ -f "$log" ] || java -jar "$jar" generate lock-holder -o "$case_dir" --events "$e" --formats "$format",logs -q > /dev/null
  mb=$(( $(stat -c %s "$log") / 1000000 ))
  /usr/bin/time -f '%e %M' -o "$data/time.txt" java -Xmx"$heap" -jar "$jar" analyze "$case_dir" --format json \
      -o "$data/report-$e.json" -q
  read -r wall rss < "$data/time.txt"
  live=$(java -Xmx"$heap" -cp "$bench" io.lockscope.benchmarks.Retained "$log" \
      | sed -n 's/.*: \([0-9.]*\) bytes\/event (distinct.*/\1 B\/event, distinct strings apart/p')
  added=$(echo "($wall - $previous_wall) * 1000000 / ($e - $previous_events)" | bc -l)
  printf '%10d %9d %8.1f %10.2f %8.2f %9d %s\n' "$e" "$mb" "$wall" "$(echo "$wall * 1000000 / $e" | bc -l)" "$added" \
      $(( rss / 1024 )) "$live"
  previous_events=$e
  previous_wall=$wall
done

[ "$n" -gt 0 ] || exit 0
echo
scenarios="lock-holder decoy compatible-agent two-holders pid-reuse filter-denial delete-pending registry-corrupt clean unknown-agent miradisp"
count=$(echo $scenarios | wc -w)
cases="$data/batch-$n-$events"
if [ ! -d "$cases" ]; then
  for i in $(seq 0 $(( n - 1 ))); do
    scenario=$(echo $scenarios | cut -d' ' -f$(( i % count + 1 )))
    java -jar "$jar" generate "$scenario" -o "$cases/$(printf 'case-%03d' "$i")" --events "$events" \
        --formats csv,logs --seed $(( i + 1 )) -q > /dev/null
  done
fi
echo "batch of $n cases x $events events (-Xmx$heap)"
# CPU: the process's user + system time over its wall time (200 % = both cores of a 2-core machine busy)
printf '%6s %8s %10s %8s %7s\n' jobs "wall s" cases/min speedup CPU
jobs=1
base=
while [ "$jobs" -le "$cores" ]; do
  rm -rf "$data/out"
  /usr/bin/time -f '%e %U %S' -o "$data/time.txt" \
      java -Xmx"$heap" -jar "$jar" batch "$cases"/* -o "$data/out" --jobs "$jobs" -q 2> "$data/batch.err" || true
  read -r wall user system < "$data/time.txt"
  base=${base:-$wall}
  printf '%6d %8.1f %10.0f %7.2fx %6.0f%%\n' "$jobs" "$wall" "$(echo "$n * 60 / $wall" | bc -l)" \
      "$(echo "$base / $wall" | bc -l)" "$(echo "($user + $system) * 100 / $wall" | bc -l)"
  last=$jobs
  jobs=$(( jobs * 2 ))
done

[ "${JFR:-0}" = 1 ] || exit 0
# a separate, untimed run at the most jobs with Flight Recorder's profile settings: where the CPU went
recording="$data/batch-$last.jfr"
rm -rf "$data/out"
java -Xmx"$heap" -XX:StartFlightRecording=filename="$recording",settings=profile -jar "$jar" batch "$cases"/* \
    -o "$data/out" --jobs "$last" -q > /dev/null 2>&1 || true
echo
echo "JFR of --jobs $last ($recording): CPU samples by thread, then the top methods of the batch threads"
jfr print --events jdk.ExecutionSample "$recording" | sed -n 's/.*sampledThread = "\([^"]*\)".*/\1/p' \
    | sed 's/[0-9]*$//' | sort | uniq -c | sort -rn | head -6 | sed 's/^/  /'
jfr print --events jdk.ExecutionSample --stack-depth 1 "$recording" | grep -A1 'stackTrace = \[' \
    | grep -v -e 'stackTrace' -e '^--' | sed 's/ *line:.*//; s/^ *//' | sort | uniq -c | sort -rn | head -12 | sed 's/^/  /'
jfr print --events jdk.GarbageCollection "$recording" | sed -n 's/.*sumOfPauses = \([0-9.]*\) ms.*/\1/p' \
    | awk '{ total += $1; n++ } END { printf "  GC: %d collections, %.0f ms of pauses in all\n", n, total }'
jfr print --events jdk.CompilerStatistics "$recording" | grep -E 'compileCount|totalTimeSpent' | tail -2 | paste - - \
    | sed 's/[[:space:]]*compileCount = \([0-9]*\)[[:space:]]*totalTimeSpent = \(.*\)/  JIT: \1 methods compiled, \2 of compiler threads in all/'
jfr print --events jdk.JavaMonitorEnter "$recording" | grep -c 'jdk.JavaMonitorEnter {' \
    | sed 's/^/  monitor waits over 20 ms: /' || true
