#!/bin/sh
# -j: 1,000 generated files audited with -j 1 and -j 2 (median of RUNS),
# and the check that the outputs are byte-identical.
# Usage: bench/parallel.sh [RUNS]    (from the repository root)
set -eu
runs=${1:-5}
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
python3 - "$kaudit" "$dir" "$runs" <<'PY'
import os, statistics, subprocess, sys, time
kaudit, d, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def once(j):
    t = time.perf_counter()
    # From the folder's parent: SARIF leaves out the results of files
    # outside the current directory and the repository.
    out = subprocess.run([os.path.abspath(kaudit), "--no-config", "-q", "-j", str(j), "-f", "sarif",
                          os.path.basename(d)], capture_output=True, cwd=os.path.dirname(d)).stdout
    return time.perf_counter() - t, out
res = {1: [], 2: []}
outs = {}
for _ in range(runs):
    for j in (1, 2):
        t, o = once(j)
        res[j].append(t)
        outs[j] = o
m1, m2 = statistics.median(res[1]), statistics.median(res[2])
print(f"1,000 files, {runs} runs each: -j 1 {m1:.3f} s, -j 2 {m2:.3f} s, speed-up {m1 / m2:.2f}x (target 1.7x)")
print("outputs byte-identical" if outs[1] == outs[2] else "OUTPUTS DIFFER")
PY
