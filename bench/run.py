#!/usr/bin/env python3
"""kaudit against the libyaml event-parse floor, run alternately.
Prints per input: median seconds, MB/s, documents/s, peak RSS, and the
kaudit/floor ratio paired run by run (median of the ratios, and their
smallest and largest: the spread on a shared, noisy machine).
Usage: bench/run.py KAUDIT FLOOR RUNS FILE..."""
import os, statistics, subprocess, sys, time


TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run(argv, cwd=None):
    """Wall time, and peak RSS in MB from GNU time (the child's own, not
    the forked Python's), or 0 when GNU time is not installed."""
    if TIME:
        argv = [TIME, "-f", "KAUDIT_MAXRSS %M"] + argv
    t = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    elapsed = time.perf_counter() - t
    rss = 0.0
    for line in p.stderr.decode(errors="replace").splitlines():
        if line.startswith("KAUDIT_MAXRSS "):
            rss = int(line.split()[1]) / 1024.0
    return elapsed, rss


kaudit, floor, runs, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
print(f"machine: {os.uname().machine}, {os.cpu_count()} cores; {runs} runs each, alternating")
print(f"{'input':28} {'program':22} {'median s':>9} {'MB/s':>7} {'docs/s':>9} {'peak RSS':>9} {'x floor':>8} {'ratio min-max':>14}")
for path in files:
    size = os.path.getsize(path) / 1e6
    with open(path, "rb") as f:
        docs = sum(1 for line in f if line.startswith(b"---")) or 1
    # From the input's folder: SARIF leaves out the results of a file
    # outside the current directory and the repository.
    here, name = os.path.dirname(os.path.abspath(path)), os.path.basename(path)
    progs = {"floor (libyaml events)": [os.path.abspath(floor), name],
             "kaudit text": [os.path.abspath(kaudit), "--no-config", "-q", name],
             "kaudit json": [os.path.abspath(kaudit), "--no-config", "-q", "-f", "json", name],
             "kaudit sarif": [os.path.abspath(kaudit), "--no-config", "-q", "-f", "sarif", name]}
    times = {k: [] for k in progs}
    rss = {k: 0.0 for k in progs}
    for _ in range(runs):
        for k, argv in progs.items():
            t, m = run(argv, here)
            times[k].append(t)
            rss[k] = max(rss[k], m)
    for k in progs:
        med = statistics.median(times[k])
        ratios = [a / b for a, b in zip(times[k], times['floor (libyaml events)'])]
        ratio = "" if k.startswith("floor") else f"{statistics.median(ratios):.2f}"
        spread = "" if k.startswith("floor") else f"{min(ratios):.2f}-{max(ratios):.2f}"
        print(f"{os.path.basename(path)[:28]:28} {k:22} {med:9.3f} {size / med:7.1f} {docs / med:9.0f} "
              f"{rss[k]:7.1f}MB {ratio:>8} {spread:>14}")
