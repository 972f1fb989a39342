#!/usr/bin/env python3
"""Editor and pre-commit latency: kaudit on a 3-document manifest against
starting /bin/true, run alternately. Prints medians and the difference.
Usage: bench/latency.py [KAUDIT] [RUNS]   (default build/kaudit, 300)"""
import os, statistics, subprocess, sys, tempfile, time

kaudit = sys.argv[1] if len(sys.argv) > 1 else "build/kaudit"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 300
DOC = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: nginx:1.27.3
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers: [{name: sh, image: busybox, securityContext: {privileged: true}}]
"""


def once(argv):
    t = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as f:
    f.write(DOC)
try:
    base, tool = [], []
    for _ in range(runs):
        base.append(once(["/bin/true"]))
        tool.append(once([kaudit, "--no-config", f.name]))
    mb, mt = statistics.median(base), statistics.median(tool)
    print(f"runs: {runs} each, alternating ({os.uname().machine}, {os.cpu_count()} cores)")
    print(f"/bin/true            median {mb * 1000:.2f} ms")
    print(f"kaudit 3-doc file    median {mt * 1000:.2f} ms  (p90 {sorted(tool)[int(runs * 0.9)] * 1000:.2f} ms)")
    print(f"kaudit - /bin/true   {(mt - mb) * 1000:.2f} ms (target: under 5 ms, within 2 ms of /bin/true)")
finally:
    os.unlink(f.name)
