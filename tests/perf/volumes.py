#!/usr/bin/env python3
"""No volumes x mounts path: a pod with N emptyDir volumes, each mounted
once (at /mN, and under /etc where writable-system-path looks each volume
up), audited at N = 2,000 and 16,000 with every check on. Linear work
grows 8x; volumes x mounts grew 64x (16,000 took 20 s before). Fails
when the CPU time grows more than 24x, a ratio generous enough for a
noisy machine and far below quadratic; the small size is repeated so
that it takes long enough to measure. Usage: volumes.py KAUDIT"""
import os, sys, tempfile

kaudit = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402
from cpu import cpu_seconds  # noqa: E402


def pod(n, prefix):
    lines = ["apiVersion: v1", "kind: Pod", "metadata: {name: many}", "spec:", "  containers:",
             "    - name: a", "      image: x", "      volumeMounts:"]
    lines += [f"        - {{name: v{i}, mountPath: {prefix}/m{i}}}" for i in range(n)]
    lines += ["  volumes:"] + [f"    - {{name: v{i}, emptyDir: {{}}}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def cpu(path, times=1):
    total = 0.0
    for _ in range(times):
        code, seconds = cpu_seconds([kaudit, "--no-config", "-q", "-j", "1", path])
        check(code == 1, f"{path}: exit {code}")
        total += seconds
    return total / times


with tempfile.TemporaryDirectory() as d:
    for prefix in ("", "/etc"):
        small, big = os.path.join(d, "small.yaml"), os.path.join(d, "big.yaml")
        with open(small, "w") as f:
            f.write(pod(2000, prefix))
        with open(big, "w") as f:
            f.write(pod(16000, prefix))
        s, b = cpu(small, 5), cpu(big)
        ratio = b / max(s, 1e-3)
        print(f"mounts at {prefix or '/'}: 2,000 volumes {s:.3f} s, 16,000 {b:.3f} s: {ratio:.1f}x")
        check(ratio < 24, f"volumes x mounts: {ratio:.1f}x for 8x the volumes")
finish()
