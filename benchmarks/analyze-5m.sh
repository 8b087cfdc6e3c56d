#!/usr/bin/env bash
# Generates a 5,000,000-event lock-holder boot log (procmon CSV, all 27 columns, ~2.8 GB) and times
# `lockscope analyze` on it within a 2 GB heap. Needs the built jar (mvn -q -B package -DskipTests)
# and ~3 GB of disk under ${LOCKSCOPE_BENCH_DATA:-benchmarks/target/data}.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${LOCKSCOPE_BENCH_DATA:-benchmarks/target/data}/analyze-5m
mkdir -p "$data"
if [ ! -f "$data/case/boot_log.csv" ]; then
  java -jar target/lockscope.jar generate lock-holder -o "$data/case" --events 5000000 --formats csv -q
fi
ls -l "$data/case/boot_log.csv"
/usr/bin/time -f 'analyze: %e s wall, %M KB max RSS' \
  java -Xmx2g -jar target/lockscope.jar analyze "$data/case" --format json -o "$data/report.json"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); v=r['verdict']; print('verdict:', v['kind'], v['confidence'], (v['culprit'] or {}).get('process'), '| events', r['inputs'][0]['events'], 'skipped', r['inputs'][0]['skipped'])" "$data/report.json"
