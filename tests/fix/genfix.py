#!/usr/bin/env python3
"""Random valid manifests for tests/fix/fix.py (fixed seed): workloads
written in the styles a fix must respect. Indentation of 2, 3 or 4; list
dashes under their key or indented; block or flow securityContexts, some
empty, some missing; comments after values, on lines of their own
between keys and after the last key; blank lines; quoted and plain
strings; capabilities added (some refused) and dropped; containers that
share a securityContext through an anchor; merge keys; CRLF line ends, a
byte order mark, no final line break; several documents.

Usage: genfix.py DIR N [SEED]   (writes DIR/fixgen-NNNNN.yaml)"""
import os
import random
import sys


def value(rng, s):
    q = rng.choice(["", "", '"', "'"])
    return f"{q}{s}{q}"


def security_context(rng, ind, pad, name, anchors):
    """Lines of a container's securityContext (or none), at pad."""
    kind = rng.random()
    if kind < 0.2:
        return []
    if kind < 0.3 and anchors:
        return [f"{pad}securityContext: *{rng.choice(anchors)}"]
    if kind < 0.45:
        items = rng.sample(["runAsNonRoot: true", "privileged: false", "privileged: true",
                            "readOnlyRootFilesystem: false", "allowPrivilegeEscalation: true",
                            "capabilities: {add: [SYS_ADMIN, NET_BIND_SERVICE]}",
                            "capabilities: {drop: [NET_RAW]}"], rng.randint(0, 3))
        return [f"{pad}securityContext: {{{', '.join(items)}}}"]
    anchor = ""
    if rng.random() < 0.15:
        anchor = f" &sc{name}"
        anchors.append(f"sc{name}")
    out = [f"{pad}securityContext:{anchor}" + (rng.choice(["", "  # hardening"]))]
    inner = pad + " " * ind
    keys = []
    if rng.random() < 0.5:
        keys.append(f"{inner}privileged: {rng.choice(['true', 'false', 'yes', 'Off'])}")
    if rng.random() < 0.4:
        keys.append(f"{inner}allowPrivilegeEscalation: {rng.choice(['true', 'false'])}"
                    + rng.choice(["", "  # why not"]))
    if rng.random() < 0.3:
        keys.append(f"{inner}readOnlyRootFilesystem: {rng.choice(['true', 'false'])}")
    if rng.random() < 0.3:
        keys.append(f"{inner}seccompProfile: {{type: {value(rng, rng.choice(['Unconfined', 'RuntimeDefault']))}}}")
    if rng.random() < 0.2:
        keys.append(f"{inner}<<: {{privileged: true}}")
    if rng.random() < 0.5:
        caps = [f"{inner}capabilities:"]
        dash = inner + " " * ind + (" " * ind if rng.random() < 0.5 else "")
        if rng.random() < 0.6:
            caps.append(f"{inner}{' ' * ind}add:")
            for c in rng.sample(["NET_BIND_SERVICE", "SYS_ADMIN", "NET_RAW", "CHOWN"], rng.randint(1, 3)):
                caps.append(f"{dash}- {value(rng, c)}" + rng.choice(["", "  # needed?"]))
        if rng.random() < 0.5:
            caps.append(f"{inner}{' ' * ind}drop: [{value(rng, 'NET_RAW')}]")
        if len(caps) > 1:
            keys += caps
    if not keys:
        return [f"{pad}securityContext: {{}}"]
    body = []
    for k in keys:
        if rng.random() < 0.1:
            body.append(f"{inner}# a comment of its own")
        if rng.random() < 0.05:
            body.append("")
        body.append(k)
    return out + body


def pod_spec(rng, ind, pad):
    anchors = []
    dash_pad = pad + (" " * ind if rng.random() < 0.5 else "")
    out = []
    if rng.random() < 0.3:
        out.append(f"{pad}hostNetwork: {rng.choice(['true', 'false'])}")
    if rng.random() < 0.3:
        out.append(f"{pad}automountServiceAccountToken: {rng.choice(['true', 'false'])}")
    if rng.random() < 0.3:
        out.append(f"{pad}securityContext: {{runAsNonRoot: {rng.choice(['true', 'false'])}}}")
    out.append(f"{pad}containers:")
    for i in range(rng.randint(1, 3)):
        cpad = dash_pad + "  "
        out.append(f"{dash_pad}- name: {value(rng, f'c{i}')}")
        out.append(f"{cpad}image: {value(rng, rng.choice(['nginx:1.27', 'app:1.0', 'busybox:1.36', 'other:2']))}")
        if rng.random() < 0.5:
            out.append(f"{cpad}resources: {{limits: {{memory: 64Mi}}}}")
        out += security_context(rng, ind, cpad, f"{i}", anchors)
        if rng.random() < 0.3:
            out.append(f"{cpad}volumeMounts: [{{name: tmp, mountPath: /tmp}}]")
            out.append(f"{cpad}# after the last key")
    if any("volumeMounts" in line for line in out):
        out.append(f"{pad}volumes:")
        out.append(f"{dash_pad}- name: tmp")
        out.append(f"{dash_pad}  emptyDir: {rng.choice(['{}', '{medium: Memory}'])}")
    return out


def document(rng, i):
    ind = rng.choice([2, 2, 3, 4])
    p1, p2 = " " * ind, " " * (2 * ind)
    if rng.random() < 0.5:
        head = ["apiVersion: v1", "kind: Pod", f"metadata:", f"{p1}name: fg{i}", "spec:"]
        return head + pod_spec(rng, ind, p1)
    head = ["apiVersion: apps/v1", "kind: Deployment", f"metadata: {{name: fg{i}}}", "spec:",
            f"{p1}template:", f"{p2}spec:"]
    return head + pod_spec(rng, ind, " " * (3 * ind))


def variant(rng, i):
    docs = ["\n".join(document(rng, f"{i}-{k}")) for k in range(rng.randint(1, 3))]
    text = "\n---\n".join(docs) + "\n"
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.1:
        text = text.rstrip("\r\n")
    data = text.encode()
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    return data


def write_variants(directory, n, seed):
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        path = os.path.join(directory, f"fixgen-{i:05d}.yaml")
        with open(path, "wb") as f:
            f.write(variant(rng, i))
        paths.append(path)
    return paths


if __name__ == "__main__":
    os.makedirs(sys.argv[1], exist_ok=True)
    write_variants(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 20261201)
