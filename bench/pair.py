#!/usr/bin/env python3
"""Two kaudit builds timed as interleaved pairs (new, old, new, old, ...)
on one input, -j 1: prints the median of the per-pair ratios new/old and
their smallest and largest, the figure that survives a shared, noisy
machine. Run it from the input's folder with a relative INPUT (SARIF
leaves out files outside the current directory and the repository).
Usage: bench/pair.py NEW OLD INPUT FORMAT [PAIRS]   (default 11 pairs)"""
import statistics, subprocess, sys, time

new, old, inp, fmt = sys.argv[1:5]
pairs = int(sys.argv[5]) if len(sys.argv) > 5 else 11


def once(binary):
    t = time.perf_counter()
    subprocess.run([binary, "--no-config", "-q", "-j", "1", "-f", fmt, inp],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


ratios = sorted(once(new) / once(old) for _ in range(pairs))
print(f"{fmt}: new/old median {statistics.median(ratios):.3f}, spread {ratios[0]:.3f}-{ratios[-1]:.3f} "
      f"({pairs} pairs)")
