#!/bin/sh
# -j: 1,000 generated files, and 10,000 one-Pod files, audited with -j 1
# and -j 2 in interleaved pairs (the median of the RUNS per-pair speed-ups
# and their spread, SARIF and text), and the check that the outputs are
# byte-identical.
# Usage: bench/parallel.sh [PAIRS]   (from the repository root; default 11)
set -eu
runs=${1:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
kaudit=${KAUDIT:-$root/build/kaudit}
dir=${TMPDIR:-/tmp}/kaudit-bench/files
if [ ! -d "$dir" ]; then
	mkdir -p "$dir"
	python3 "$root/bench/gen.py" 20000 7 | python3 -c "
import sys
docs = sys.stdin.read().split('\n---\n')
for i in range(1000):
    open('$dir/f%04d.yaml' % i, 'w').write('---\n' + '\n---\n'.join(docs[i * 20:(i + 1) * 20]) + '\n')"
fi
tiny=${TMPDIR:-/tmp}/kaudit-bench/tiny
if [ ! -d "$tiny" ]; then
	mkdir -p "$tiny"
	python3 -c "
for i in range(10000):
    open('$tiny/p%05d.yaml' % i, 'w').write('apiVersion: v1\nkind: Pod\nmetadata: {name: p%d}\nspec:\n  containers:\n    - {name: a, image: x}\n' % i)"
fi
python3 - "$kaudit" "$runs" "$dir" "$tiny" <<'PY'
import os, statistics, subprocess, sys, time
kaudit, runs = sys.argv[1], int(sys.argv[2])
def once(d, j, fmt):
    t = time.perf_counter()
    # From the folder's parent: SARIF leaves out the results of files
    # outside the current directory and the repository.
    out = subprocess.run([os.path.abspath(kaudit), "--no-config", "-q", "-j", str(j), "-f", fmt,
                          os.path.basename(d)], capture_output=True, cwd=os.path.dirname(d)).stdout
    return time.perf_counter() - t, out
for d, what, target in ((sys.argv[3], "1,000 files", 1.7), (sys.argv[4], "10,000 one-Pod files", 1.5)):
    for fmt in ("sarif", "text"):
        ratios, same = [], True
        for _ in range(runs):  # interleaved: -j 1, -j 2, -j 1, ...
            t1, o1 = once(d, 1, fmt)
            t2, o2 = once(d, 2, fmt)
            ratios.append(t1 / t2)
            same &= o1 == o2
        ratios.sort()
        print(f"{what}, {fmt}: -j 2 speed-up {statistics.median(ratios):.2f}x "
              f"({ratios[0]:.2f}-{ratios[-1]:.2f}, {runs} pairs; target {target}x), "
              f"outputs {'byte-identical' if same else 'DIFFER'}")
PY
