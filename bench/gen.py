#!/usr/bin/env python3
"""A workload-heavy manifest stream for benchmarks: N documents (default
20,000), fixed seed, a mix of Deployments, StatefulSets, DaemonSets,
CronJobs, Pods, Services and ConfigMaps with realistic pod specs.
Usage: gen.py [N] [SEED] > stream.yaml"""
import random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1404)
out = sys.stdout.write


def container(name, hardened):
    sc = ("          securityContext:\n"
          "            allowPrivilegeEscalation: false\n"
          "            readOnlyRootFilesystem: true\n"
          "            runAsNonRoot: true\n"
          "            capabilities:\n              drop: [\"ALL\"]\n") if hardened else (
          "          securityContext:\n"
          f"            privileged: {rng.choice(['true', 'false'])}\n"
          "            capabilities:\n              add: [NET_ADMIN]\n")
    tag = rng.choice(["1.25.3", "latest", "2.4.1@sha256:" + "%064x" % rng.getrandbits(256)])
    return (f"        - name: {name}\n"
            f"          image: registry.example.com/team-{rng.randint(1, 40)}/{name}:{tag}\n"
            "          ports:\n"
            f"            - containerPort: {rng.choice([80, 8080, 9090])}\n"
            "              protocol: TCP\n"
            "          env:\n"
            + "".join(f"            - name: VAR_{i}\n              value: \"{rng.randint(0, 10**6)}\"\n"
                      for i in range(rng.randint(2, 6)))
            + "          resources:\n            limits: {cpu: 500m, memory: 256Mi}\n"
            "            requests: {cpu: 100m, memory: 128Mi}\n"
            + sc
            + "          volumeMounts:\n            - name: tmp\n              mountPath: /tmp\n"
            "          livenessProbe:\n            httpGet: {path: /healthz, port: 8080}\n"
            "            initialDelaySeconds: 10\n")


def pod_spec(indent):
    body = ("      securityContext:\n        runAsNonRoot: true\n"
            "        seccompProfile: {type: RuntimeDefault}\n"
            "      containers:\n"
            + "".join(container(f"app{i}", rng.random() < 0.6) for i in range(rng.randint(1, 3)))
            + "      volumes:\n        - name: tmp\n          emptyDir: {}\n")
    return "".join((" " * indent) + line + "\n" for line in body.splitlines())


for i in range(n):
    kind = rng.choice(["Deployment"] * 4 + ["StatefulSet", "DaemonSet", "CronJob", "Pod", "Service", "ConfigMap"])
    out(f"---\n# Source: bench/templates/{kind.lower()}-{i}.yaml\n")
    meta = f"metadata:\n  name: {kind.lower()}-{i}\n  namespace: ns-{i % 50}\n  labels:\n    app: a{i}\n    tier: {rng.choice(['web', 'db', 'cache'])}\n"
    if kind == "Service":
        out(f"apiVersion: v1\nkind: Service\n{meta}spec:\n  selector: {{app: a{i}}}\n  ports:\n    - port: 80\n      targetPort: 8080\n")
    elif kind == "ConfigMap":
        out(f"apiVersion: v1\nkind: ConfigMap\n{meta}data:\n" + "".join(f"  key{k}: \"value {rng.random()}\"\n" for k in range(8)))
    elif kind == "Pod":
        out(f"apiVersion: v1\nkind: Pod\n{meta}spec:\n" + pod_spec(-4).replace("\n  ", "\n", 0))
    elif kind == "CronJob":
        out(f"apiVersion: batch/v1\nkind: CronJob\n{meta}spec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n"
            "      template:\n        metadata:\n          labels: {job: x}\n        spec:\n" + pod_spec(4))
    else:
        out(f"apiVersion: apps/v1\nkind: {kind}\n{meta}spec:\n  replicas: {rng.randint(1, 5)}\n"
            f"  selector:\n    matchLabels: {{app: a{i}}}\n  template:\n    metadata:\n      labels: {{app: a{i}}}\n"
            "    spec:\n" + pod_spec(0))
