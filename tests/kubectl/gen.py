#!/usr/bin/env python3
"""Variants of manifests for the differential test against kubectl.

Each variant starts from a small Pod (or a workload) and mutates how its
security fields are written: YAML 1.1 spellings of booleans and integers,
quoting, explicit tags, anchors, aliases and merge keys, byte order marks
in every position, UTF-16, CR/NEL/LS/PS line breaks, flow and block
styles, document markers, `items` lists and JSON streams. A fixed seed
makes every failure reproduce: `gen.py DIR N SEED` writes them.
"""
import json
import os
import random
import sys

BOOLS_TRUE = ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
              "y", "Y"]
BOOLS_FALSE = ["false", "False", "FALSE", "no", "No", "NO", "off", "Off",
               "OFF", "n", "N"]
INTS_ZERO = ["0", "00", "0x0", "0o0", "-0", "+0", "0_0", "0b0", "0.0"]
OTHER = ["~", "null", "", '"true"', "'yes'", "!!bool true", "!!str true",
         "!!bool 1", "!!int '0'", "!!binary dHJ1ZQ==", ".inf", "1e400",
         "!!float 0", "!!null ~", "!!timestamp 2001-12-14", "[true]", "{}"]

BREAKS = ["\r\n", "\r", "\u0085", "\u2028", "\u2029"]


def scalar(rng, kind):
    r = rng.random()
    if r < 0.15:
        return rng.choice(OTHER)
    if kind == "bool":
        return rng.choice(BOOLS_TRUE + BOOLS_FALSE)
    return rng.choice(INTS_ZERO + ["1000", "1_000", "0777", "08", "-1"])


def fields(rng):
    """The container securityContext fields, as (key, value text) pairs."""
    out = []
    for key, kind in (("privileged", "bool"), ("runAsNonRoot", "bool"),
                      ("readOnlyRootFilesystem", "bool"),
                      ("allowPrivilegeEscalation", "bool"),
                      ("runAsUser", "int")):
        if rng.random() < 0.7:
            out.append((key, scalar(rng, kind)))
    rng.shuffle(out)
    if rng.random() < 0.2 and out:
        out.append(out[0][:1] + (scalar(rng, "bool"),))  # a duplicate key
    return out


def block_pod(rng, name):
    sc = fields(rng)
    anchor = rng.random() < 0.3
    merge = rng.random() < 0.3
    lines = ["apiVersion: v1", "kind: Pod", "metadata:", f"  name: {name}",
             "spec:"]
    if rng.random() < 0.3:
        lines += [f"  hostPID: {scalar(rng, 'bool')}"]
    lines += ["  containers:", "    - name: app", "      image: nginx:1.25",
              "      securityContext:" + (" &sc" if anchor else "")]
    if merge:
        order = rng.random() < 0.5
        m = "        <<: {privileged: %s}" % rng.choice(BOOLS_TRUE + BOOLS_FALSE)
        body = [f"        {k}: {v}" for k, v in sc]
        lines += ([m] + body) if order else (body + [m])
    else:
        lines += [f"        {k}: {v}" for k, v in sc] or ["        {}"[2:]]
        if not sc:
            lines[-1] = "      securityContext: {}"
    if anchor:
        lines += ["    - name: sidecar", "      image: busybox:1",
                  "      securityContext: *sc"]
    return "\n".join(lines) + "\n"


def flow_pod(rng, name):
    sc = ", ".join(f"{k}: {v}" for k, v in fields(rng)
                   if not v.startswith(("!!", "[", "{")) and v not in ("",))
    return ("{apiVersion: v1, kind: Pod, metadata: {name: %s}, spec: "
            "{containers: [{name: app, image: nginx, securityContext: {%s}}]}}\n"
            % (name, sc))


# JSON text Go's encoding/json reads differently from YAML: surrogate
# escapes (a pair, a lone half), numbers past float64, exponents.
JSON_STRINGS = ['"\\ud83d\\ude00"', '"\\ud83d"', '"\\ude00x"',
                '"\\ud83d\\u0041"', '"a\\/b"', '"\\u00e9"']
JSON_NUMBERS = ["1e400", "-1e400", "1.5", "1e21", "1E2", "-0", "0.5e-400",
                "12345678901234567890", "0.0000001"]


def json_pod(rng, name):
    sc = {}
    for k, v in fields(rng):
        try:
            sc[k] = json.loads(v.lower()) if v.lower() in ("true", "false") \
                else int(v)
        except ValueError:
            sc[k] = v
    text = json.dumps({"apiVersion": "v1", "kind": "Pod",
                       "metadata": {"name": name, "annotations": {"a": "@S"}},
                       "spec": {"containers": [{"name": "app", "image": "nginx",
                                                "securityContext": sc}],
                                "priority": "@N"}})
    edge = rng.random() < 0.3
    return text.replace('"@S"', rng.choice(JSON_STRINGS) if edge else '"x"') \
        .replace('"@N"', rng.choice(JSON_NUMBERS) if edge else "0")


def as_list(rng, docs):
    kind = rng.choice(["List", "PodList", "ConfigMap"])
    items = []
    for d in docs:
        body = d.split("\n")
        if kind == "PodList" and rng.random() < 0.5:
            body = [ln for ln in body
                    if not ln.startswith(("apiVersion:", "kind:"))]
        items.append("\n".join("  " + ("- " if i == 0 else "  ") + ln
                               for i, ln in enumerate(b for b in body if b)))
    return f"apiVersion: v1\nkind: {kind}\nitems:\n" + "\n".join(items) + "\n"


def variant(rng, i):
    style = rng.random()
    names = [f"v{i}-{k}" for k in range(rng.randint(1, 3))]
    if style < 0.15:
        # JSON values, then maybe YAML: kubectl reads YAML after a syntax
        # error in the first or second value, and stops after more.
        text = "".join((flow_pod(rng, n) if rng.random() < 0.1
                        else json_pod(rng, n)) +
                       rng.choice(["\n", " ", "", "\t ", "\n---\n", "\u2028---\n",
                                   "\n ", " \n"])
                       for n in names)
        if rng.random() < 0.3:
            text += block_pod(rng, f"v{i}-yaml")
        return text.encode(), "json"
    docs = [flow_pod(rng, n) if rng.random() < 0.2 else block_pod(rng, n)
            for n in names]
    if rng.random() < 0.15:
        text = as_list(rng, [d for d in docs if not d.startswith("{")] or docs)
    else:
        sep = rng.choice(["---\n", "--- # next\n", "---\n...\n---\n"])
        text = sep.join(docs)
        if rng.random() < 0.2:
            text = rng.choice(["---\n", "--- # start\n", "# c\n---\n",
                               "...\n"]) + text
    if rng.random() < 0.15:  # other line breaks
        b = rng.choice(BREAKS)
        text = text.replace("\n", b)
        if b in ("\r", "\u0085", "\u2028", "\u2029"):
            text = text.replace("---" + b, "---\n")
    if rng.random() < 0.1:  # a byte order mark somewhere
        lines = text.split("\n")
        k = rng.randrange(len(lines))
        lines[k] = "\ufeff" + lines[k]
        text = "\n".join(lines)
    enc = "utf-8"
    if rng.random() < 0.05:
        enc = rng.choice(["utf-16", "utf-16-be"])
        data = text.encode(enc)
        if enc == "utf-16-be":
            data = b"\xfe\xff" + data
        return data, "yaml"
    if rng.random() < 0.05:
        return b"\xef\xbb\xbf" + text.encode(), "yaml"
    return text.encode(enc), "yaml"


def write_variants(directory, n, seed):
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        data, ext = variant(rng, i)
        path = os.path.join(directory, f"variant-{i:05d}.{ext}")
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    os.makedirs(sys.argv[1], exist_ok=True)
    write_variants(sys.argv[1], int(sys.argv[2]),
                   int(sys.argv[3]) if len(sys.argv) > 3 else 20261130)
