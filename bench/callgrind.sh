#!/bin/sh
# Instruction counts (valgrind --tool=callgrind): repeatable whatever else
# the machine is doing, to set beside the timed ratios of bench/run.sh.
# Usage: bench/callgrind.sh [DOCS]   (default 3,000 generated documents)
set -eu
docs=${1:-3000}
root=$(cd "$(dirname "$0")/.." && pwd)
kaudit=${KAUDIT:-$root/build/kaudit}
tmp=${TMPDIR:-/tmp}/kaudit-bench
mkdir -p "$tmp"
cc -O2 -o "$tmp/floor" "$root/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1)
in="$tmp/gen-$docs.yaml"
[ -s "$in" ] || python3 "$root/bench/gen.py" "$docs" > "$in"
count() { # NAME ARGV...
	name=$1; shift
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" >/dev/null 2>"$tmp/cg.err" || true
	ir=$(sed -n 's/^summary: \([0-9]*\).*/\1/p' "$tmp/cg.out")
	echo "$name $ir"
}
echo "input: $docs generated documents (bench/gen.py)"
# From the input's folder: SARIF leaves out the results of a file outside
# the current directory and the repository.
kaudit=$(cd "$(dirname "$kaudit")" && pwd)/$(basename "$kaudit")
cd "$tmp"
in=$(basename "$in")
f=$(count floor "$tmp/floor" "$in" | cut -d' ' -f2)
t=$(count text "$kaudit" --no-config -q -j 1 "$in" | cut -d' ' -f2)
s=$(count sarif "$kaudit" --no-config -q -j 1 -f sarif "$in" | cut -d' ' -f2)
awk -v f="$f" -v t="$t" -v s="$s" 'BEGIN {
	printf "floor (libyaml events)  %6.3f G instructions\n", f / 1e9
	printf "kaudit text             %6.3f G instructions  %.2fx floor\n", t / 1e9, t / f
	printf "kaudit sarif            %6.3f G instructions  %.2fx floor\n", s / 1e9, s / f
}'
