#!/bin/sh
# Speed and memory of kaudit against a libyaml event-parse floor.
# Usage: bench/run.sh [RUNS]    (from the repository root, after building)
# Inputs: ../shared/corpus/bench/all.yaml when present, and a generated
# workload-heavy stream of 20,000 documents (bench/gen.py, fixed seed) at
# 1x, 4x and 16x for the memory curve.
set -eu
runs=${1:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
kaudit=${KAUDIT:-$root/build/kaudit}
tmp=${TMPDIR:-/tmp}/kaudit-bench
mkdir -p "$tmp"
cc -O2 -o "$tmp/floor" "$root/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1)
[ -s "$tmp/gen-1x.yaml" ] || python3 "$root/bench/gen.py" 20000 > "$tmp/gen-1x.yaml"
[ -s "$tmp/gen-4x.yaml" ] || python3 "$root/bench/gen.py" 80000 > "$tmp/gen-4x.yaml"
[ -s "$tmp/gen-16x.yaml" ] || python3 "$root/bench/gen.py" 320000 > "$tmp/gen-16x.yaml"
files="$tmp/gen-1x.yaml"
[ -f "$root/../shared/corpus/bench/all.yaml" ] && files="$root/../shared/corpus/bench/all.yaml $files"
python3 "$root/bench/run.py" "$kaudit" "$tmp/floor" "$runs" $files
echo
echo "memory against stream length (1 run each):"
python3 "$root/bench/run.py" "$kaudit" "$tmp/floor" 1 "$tmp/gen-4x.yaml" "$tmp/gen-16x.yaml"
