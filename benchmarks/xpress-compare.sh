#!/bin/bash
# The native XPRESS decoder against a changed copy of it, before a change to native-helpers/xpress.c is
# kept: same results on every compressed buffer of a trace and on damaged copies, then the time of each.
# usage: benchmarks/xpress-compare.sh TRIED.c [ETL]
#   TRIED.c: a copy of native-helpers/xpress.c with the change; ETL: a compressed trace (default: the
#   512 MB benchmark trace's XPRESS form, generated under benchmarks/target/data when missing)
#   CFLAGS (default: the build's, -O2) for the tried copy; ROUNDS (default 10)
# Needs gcc and benchmarks/target/benchmarks.jar (see the header of benchmarks/scaling.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tried=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
java -cp target/benchmarks.jar io.lockscope.benchmarks.XpressStreams "$work/streams" ${2:+"$2"}
gcc -O2 -std=c99 -fPIC -c -Dlockscope_xpress_decode=decode_kept ../native-helpers/xpress.c -o "$work/kept.o"
gcc ${CFLAGS:--O2} -std=c99 -Wall -Wextra -fPIC -c -Dlockscope_xpress_decode=decode_tried "$tried" -o "$work/tried.o"
gcc -O2 -std=c99 -Wall -Wextra src/main/c/xpress-compare.c "$work/kept.o" "$work/tried.o" -o "$work/compare"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(gcc --version | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/compare" "$work/streams" "${ROUNDS:-10}"
