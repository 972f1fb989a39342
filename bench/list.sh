#!/bin/sh
# One big `kind: List` (the form of `kubectl get pods -A -o yaml`): kaudit
# reads it one item at a time, so peak memory stays flat as the list grows
# and time stays linear. Prints bench/run.py's table for a 100,000-Pod
# list (RUNS alternating runs against the libyaml floor), then one run
# each at 100,000, 200,000 and 400,000 Pods in every format, and from a
# pipe.
# Usage: bench/list.sh [RUNS]   (from the repository root, after building)
set -eu
runs=${1:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
kaudit=${KAUDIT:-$root/build/kaudit}
tmp=${TMPDIR:-/tmp}/kaudit-bench
mkdir -p "$tmp"
cc -O2 -o "$tmp/floor" "$root/bench/floor.c" $(pkg-config --cflags --libs yaml-0.1)
for n in 100000 200000 400000; do
	[ -s "$tmp/list-$n.yaml" ] || python3 "$root/bench/genlist.py" $n > "$tmp/list-$n.yaml"
done
python3 "$root/bench/run.py" "$kaudit" "$tmp/floor" "$runs" "$tmp/list-100000.yaml"
echo
echo "peak RSS and time, one run each (findings: 6 per Pod):"
# From the inputs' folder: SARIF leaves out the results of a file outside
# the current directory and the repository.
kaudit=$(cd "$(dirname "$kaudit")" && pwd)/$(basename "$kaudit")
cd "$tmp"
printf '%-8s %-8s %10s %9s\n' pods format "peak RSS" seconds
for n in 100000 200000 400000; do
	for f in text json sarif github; do
		/usr/bin/time -f "%M %e" -o "$tmp/list.time" \
			"$kaudit" --no-config -q -j 1 -f "$f" "list-$n.yaml" >/dev/null || true
		awk -v n=$n -v f=$f 'END {printf "%-8s %-8s %8.1fMB %9.2f\n", n, f, $1 / 1024, $2}' "$tmp/list.time"
	done
	/usr/bin/time -f "%M %e" -o "$tmp/list.time" sh -c \
		"cat '$tmp/list-$n.yaml' | '$kaudit' --no-config -q -j 1 - >/dev/null" || true
	awk -v n=$n 'END {printf "%-8s %-8s %8.1fMB %9.2f\n", n, "stdin", $1 / 1024, $2}' "$tmp/list.time"
done
