#!/usr/bin/env python3
"""One `kind: List` document of N Pods, as `kubectl get pods -A -o yaml`
writes it (kind and metadata after the items). About 150 bytes a Pod: the
100,000-Pod list is 15 MB.
Usage: bench/genlist.py N > list.yaml"""
import sys

n = int(sys.argv[1])
out = sys.stdout
out.write("apiVersion: v1\nitems:\n")
for i in range(n):
    out.write(f"- apiVersion: v1\n  kind: Pod\n  metadata:\n"
              f"    name: pod-{i:06d}\n    namespace: ns-{i % 50}\n"
              f"  spec:\n    containers:\n    - image: nginx:1.25\n"
              f"      name: app\n")
out.write('kind: List\nmetadata:\n  resourceVersion: ""\n')
