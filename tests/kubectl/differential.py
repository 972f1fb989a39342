#!/usr/bin/env python3
"""kaudit reads what kubectl reads: a differential test against kubectl.

For every input, `kaudit --format objects` (what kaudit read) is compared
with kubectl's own reading (`kubectl label --local -o json`, offline): the
same objects, or both refuse the file. Inputs: every manifest in
tests/cases and examples, and N variants made by tests/kubectl/gen.py
(fixed seed) that spell security fields through YAML 1.1 forms, tags,
anchors, merges, BOMs, UTF-16, line breaks, styles, markers, lists and
JSON streams.

kubectl comes from $KUBECTL, then PATH, then the cache
../shared/tools/install-k8s-tools fills; without one the test says SKIP.

Usage: differential.py KAUDIT ROOT [N]   (N: variants, default
$KAUDIT_DIFF_VARIANTS or 2000; the seed: $KAUDIT_DIFF_SEED or 20261130)
"""
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402


def find_kubectl():
    # The cache install-k8s-tools fills holds the version kaudit follows.
    cache = os.environ.get("KAUDIT_TOOLS") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
        "kaudit-tools")
    for k in (os.environ.get("KUBECTL"),
              os.path.join(cache, "layer", "kubectl", "kubectl"),
              shutil.which("kubectl")):
        if k and os.access(k, os.X_OK) and version(k) == WANT:
            return k
    return None


# The kubectl whose reading kaudit follows (README); another version may
# read differently (v1.32 refuses flow YAML that starts with '{').
WANT = "v1.34"


def version(kubectl):
    p = subprocess.run([kubectl, "version", "--client"], capture_output=True,
                       text=True)
    for word in p.stdout.split():
        if word.startswith("v1."):
            return ".".join(word.split(".")[:2])
    return None


def normalize(obj):
    """kubectl label adds metadata.labels {} (and metadata): drop both."""
    md = obj.get("metadata")
    if isinstance(md, dict):
        if md.get("labels") == {}:
            del md["labels"]
        if md == {}:
            del obj["metadata"]
    return obj


def kubectl_reading(kubectl, path):
    p = subprocess.run([kubectl, "label", "--local", "-f", path,
                        "kaudit-differential-", "-o", "json"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return "refused", p.stderr.strip()[:300]
    dec, text, i, objs = json.JSONDecoder(), p.stdout, 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        o, i = dec.raw_decode(text, i)
        # Several objects come back wrapped in a List (kubectl flattened
        # every list of the input, so no other List can come back).
        objs.extend(o["items"] if o.get("kind") == "List" and "items" in o
                    else [o])
    return "read", [normalize(o) for o in objs]


def kaudit_reading(kaudit, path):
    p = subprocess.run([kaudit, "--no-config", "-f", "objects", path],
                       capture_output=True, text=True)
    objs, errors = [], []
    for line in p.stdout.split("\n"):
        if not line:
            continue
        rec = json.loads(line)
        if "error" in rec:
            errors.append(rec["error"])
        else:
            objs.append(normalize(rec["object"]))
    if errors or p.returncode != 0:
        return "refused", "; ".join(errors)[:300] or p.stderr.strip()[:300]
    return "read", objs


def first_diff(a, b, where="$"):
    """The path of the first place a and b differ, with both values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: {a.get(k, '<absent>')!r} != " \
                       f"{b.get(k, '<absent>')!r}"
            d = first_diff(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    if a != b or type(a) is not type(b) and not (
            isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return f"{where}: {a!r} != {b!r}"
    return None


def compare(kaudit, kubectl, path):
    ka, kb = kaudit_reading(kaudit, path), kubectl_reading(kubectl, path)
    if ka[0] == kb[0] == "refused":
        return None
    if ka[0] == kb[0] == "read":
        d = first_diff(ka[1], kb[1])
        return f"{path}: kaudit != kubectl at {d}" if d else None
    return f"{path}:\n  kaudit:  {ka[0]} {json.dumps(ka[1])[:400]}\n" \
           f"  kubectl: {kb[0]} {json.dumps(kb[1])[:400]}"


def manifests(root):
    out = []
    for d in ("tests/cases", "examples"):
        for dirpath, dirnames, files in os.walk(os.path.join(root, d)):
            dirnames[:] = sorted(x for x in dirnames
                                 if not x.startswith(".") and x != "templates")
            # A chart's files are helm's (named alone, kaudit renders it).
            if os.path.exists(os.path.join(dirpath, "Chart.yaml")):
                continue
            for f in sorted(files):
                if f.endswith((".yaml", ".yml", ".json")) and \
                        not f.endswith(".kaudit.yaml") and not f.startswith("."):
                    out.append(os.path.join(dirpath, f))
    return out


def main():
    kaudit, root = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else \
        int(os.environ.get("KAUDIT_DIFF_VARIANTS", "2000"))
    kubectl = find_kubectl()
    if not kubectl:
        print(f"SKIP: no kubectl {WANT} (../shared/tools/install-k8s-tools "
              "installs it)")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        paths = manifests(root) + gen.write_variants(
            tmp, n, seed=int(os.environ.get("KAUDIT_DIFF_SEED", "20261130")))
        with concurrent.futures.ThreadPoolExecutor(max_workers=int(os.environ.get("KAUDIT_DIFF_JOBS", "2"))) as ex:
            diffs = [d for d in ex.map(lambda p: compare(kaudit, kubectl, p),
                                       paths) if d]
        for d in diffs[:40]:
            print(d)
        print(f"compared {len(paths)} inputs ({n} generated) with {kubectl}")
        print(f"{len(paths) - len(diffs)} passed, {len(diffs)} failed")
        return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
