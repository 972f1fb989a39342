#!/usr/bin/env python3
"""--fix and --diff keep their promises (issue 18), on every case file,
every example, N generated variants
(tests/kubectl/gen.py: YAML 1.1 spellings, anchors, merges, flow and JSON,
CRLF and other line breaks, byte order marks, UTF-16, lists), N written
in the styles a fix must respect (tests/fix/genfix.py: indentation,
dashes, comments between and after keys, blank lines, quotes, shared
securityContexts, merge keys, CRLF, no final break), the
golden cases of tests/fix/golden (each fixed must be its .fixed, byte for
byte: block and flow style, indentation, comments, CRLF, a byte order
mark, no final line break, JSON, anchors and merges) and, when
../shared is there, every file of ../shared/corpus/real. For each file,
in a folder of its own:

- `--diff` applies with `git apply` and gives the bytes `--fix` writes;
  both say the same count of fixed findings;
- after --fix, no finding is new (by fingerprint, which does not move
  with lines) and exactly the fixed count of fixable checks' findings are
  gone (a fix may close others too: a host port without hostNetwork, a
  mistyped value it replaced);
- each line --fix removed comes back with the same key (and the same
  trailing comment), or whole after entries put before it, or was an
  item of a list (a capability taken out): the other lines are untouched;
- every distinct SARIF fix of the log (--no-truncate), applied by a small
  applier (libyaml's lines, code-point columns), gives those bytes too;
- --fix a second time changes nothing;
- images listed in tests/fix/pins.txt are pinned (--pin-digests, given to
  every run that fixes);
- with kubectl (as tests/kubectl/differential.py finds it), kubectl's
  reading of the fixed file differs from the original's only in fixed
  fields, each set to its fix value; a file kubectl read still reads.

Usage: fix.py KAUDIT ROOT [N]   (N variants of each generator, default
$KAUDIT_FIX_VARIANTS or 150)"""
import collections
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "kubectl"))
from tally import check, finish  # noqa: E402
import differential  # noqa: E402
import gen  # noqa: E402
sys.path.insert(0, HERE)
import genfix  # noqa: E402

FIXABLE = {"privileged", "allow-privilege-escalation", "read-only-root-filesystem",
           "run-as-non-root", "capabilities-drop-all", "seccomp-profile", "seccomp-unconfined",
           "host-namespaces", "automount-service-account-token", "emptydir-size-limit",
           "proc-mount", "capabilities-baseline", "capabilities-restricted", "image-digest"}
PINS_FILE = os.path.join(HERE, "pins.txt")
PINS = {}
for _line in open(PINS_FILE):
    _words = _line.split("#")[0].replace("@", " ").split()
    if _words:
        PINS[_words[0]] = _words[1]
# The fields a fix may change in kubectl's reading, and the value it sets.
FIELDS = [(re.compile(r"securityContext\.privileged$"), False),
          (re.compile(r"securityContext\.allowPrivilegeEscalation$"), False),
          (re.compile(r"securityContext\.readOnlyRootFilesystem$"), True),
          (re.compile(r"securityContext\.runAsNonRoot$"), True),
          (re.compile(r"securityContext\.seccompProfile\.type$"), "RuntimeDefault"),
          (re.compile(r"securityContext\.procMount$"), "Default"),
          (re.compile(r"[sS]pec\.(hostNetwork|hostPID|hostIPC)$"), False),
          (re.compile(r"[sS]pec\.automountServiceAccountToken$"), False),
          (re.compile(r"emptyDir\.sizeLimit$"), "1Gi")]


def kaudit_run(kaudit, args, cwd):
    pins = ["--pin-digests", PINS_FILE] if {"--fix", "--diff", "sarif"} & set(args) else []
    return subprocess.run([kaudit, "--no-config", "-j", "1"] + pins + args, cwd=cwd,
                          capture_output=True)


def fixed_count(stderr):
    m = re.search(rb"kaudit: (?:would fix|fixed) (\d+) finding", stderr)
    return int(m.group(1)) if m else None


def findings(kaudit, name, cwd):
    p = kaudit_run(kaudit, ["-f", "json", name], cwd)
    try:
        return [(f["fingerprint"], f["id"]) for f in json.loads(p.stdout)["findings"]]
    except (ValueError, KeyError):
        return None


ITEM_LINE = re.compile(rb"^\s*- [A-Za-z_\"']+\s*(#.*)?\r?$")
DROP = re.compile(r"securityContext\.capabilities\.drop$")
ADD = re.compile(r"securityContext\.capabilities\.add$")
IMAGE = re.compile(r"[cC]ontainers\[\d+\]\.image$")
# Findings a fix may close besides its own: a host port is the node's
# only with hostNetwork; a mistyped value the fix replaces is not invalid.
SIDE_EFFECTS = {"host-ports", "invalid-value"}


def flatten(v, path, out):
    """Leaves by path; a capabilities.drop list is one leaf (a tuple), as
    the fix puts ALL first and moves the rest."""
    if isinstance(v, list) and (DROP.search(path) or ADD.search(path)):
        out[path] = tuple(v)
    elif isinstance(v, dict):
        for k, x in v.items():
            flatten(x, f"{path}.{k}" if path else k, out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            flatten(x, f"{path}[{i}]", out)
    else:
        out[path] = v
    return out


def diff_removed_lines(patch):
    """(removed, added) line lists of each hunk of a unified diff."""
    hunks, cur = [], None
    for line in patch.split(b"\n"):
        if line.startswith(b"@@"):
            cur = ([], [])
            hunks.append(cur)
        elif cur is not None and line.startswith(b"-") and not line.startswith(b"---"):
            cur[0].append(line[1:])
        elif cur is not None and line.startswith(b"+") and not line.startswith(b"+++"):
            cur[1].append(line[1:])
    return hunks


def key_prefix(line):
    i = line.find(b":")
    return line[:i + 1] if i >= 0 else line


def comment_of(line):
    i = line.find(b" #")
    return line[i:] if i >= 0 else b""


BREAK = re.compile("\r\n|\r|\n|\u0085|\u2028|\u2029")


def sarif_applied(kaudit, name, cwd):
    """The file with every distinct SARIF fix of its log applied (regions
    in libyaml's lines and code points), or None without fixes."""
    p = kaudit_run(kaudit, ["-f", "sarif", "--no-truncate", name], cwd)
    edits = set()
    for r in json.loads(p.stdout)["runs"][0]["results"]:
        for fx in r.get("fixes", []):
            for ch in fx["artifactChanges"]:
                for rep in ch["replacements"]:
                    d = rep["deletedRegion"]
                    edits.add((d["startLine"], d["startColumn"], d["endLine"],
                               d["endColumn"], rep["insertedContent"]["text"]))
    if not edits:
        return None
    text = open(os.path.join(cwd, name), "rb").read().decode("utf-8")
    starts, bom = [0], 1 if text.startswith("\ufeff") else 0
    starts += [m.end() for m in BREAK.finditer(text)]

    def at(line, col):
        return starts[line - 1] + (bom if line == 1 else 0) + col - 1
    for l1, c1, l2, c2, new in sorted(edits, reverse=True):
        a, b = at(l1, c1), at(l2, c2)
        text = text[:a] + new + text[b:]
    return text.encode("utf-8")


def one(kaudit, kubectl, src, tmp):
    """Check one file; returns a list of failures."""
    bad = []
    name = os.path.basename(src)
    a, b, c = (os.path.join(tmp, d) for d in "abc")
    for d in (a, b, c):
        os.makedirs(d)
        shutil.copyfile(src, os.path.join(d, name))
    orig = open(src, "rb").read()
    before = findings(kaudit, name, b)
    pd = kaudit_run(kaudit, ["--diff", name], a)
    pf = kaudit_run(kaudit, ["--fix", name], b)
    nd, nf = fixed_count(pd.stderr), fixed_count(pf.stderr)
    if nd is None or nf is None or nd != nf:
        return [f"{src}: --diff says {nd}, --fix says {nf} fixed ({pf.stderr[-300:]!r})"]
    fixed = open(os.path.join(b, name), "rb").read()
    if nf == 0:
        if pd.stdout or fixed != orig:
            bad.append(f"{src}: nothing fixed, yet a diff or a change")
        return bad
    patch = os.path.join(tmp, "p.diff")
    with open(patch, "wb") as f:
        f.write(pd.stdout)
    g = subprocess.run(["git", "apply", patch], cwd=a, capture_output=True)
    if g.returncode != 0:
        bad.append(f"{src}: git apply: {g.stderr.decode(errors='replace')[:300]}")
    elif open(os.path.join(a, name), "rb").read() != fixed:
        bad.append(f"{src}: the applied diff differs from --fix")
    after = findings(kaudit, name, b)
    if before is None or after is None:
        bad.append(f"{src}: no JSON report before or after")
    else:
        cb, ca = collections.Counter(before), collections.Counter(after)
        new = ca - cb
        gone = cb - ca
        if new:
            bad.append(f"{src}: new findings after --fix: {sorted(new)[:3]}")
        closed = sum(c for (_, i), c in gone.items() if i in FIXABLE)
        if closed != nf:
            bad.append(f"{src}: {closed} findings of fixable checks gone, {nf} said fixed")
        wrong = {i for (_, i) in gone if i not in FIXABLE | SIDE_EFFECTS}
        if wrong:
            bad.append(f"{src}: findings of {sorted(wrong)} went away")
    for removed, added in diff_removed_lines(pd.stdout):
        for r in removed:
            if ITEM_LINE.match(r):  # a capability taken out of a block list
                continue
            # Its key kept (a value replaced, entries added after it), or
            # the whole line kept after entries added before it.
            if not any((x.startswith(key_prefix(r)) and x.endswith(comment_of(r))) or
                       x.endswith(r.lstrip()) for x in added):
                bad.append(f"{src}: removed line {r!r} has no fixed partner")
    if sarif_applied(kaudit, name, c) != fixed:
        bad.append(f"{src}: its SARIF fixes, applied, do not give --fix's bytes")
    again = kaudit_run(kaudit, ["--fix", name], b)
    if fixed_count(again.stderr) != 0 or open(os.path.join(b, name), "rb").read() != fixed:
        bad.append(f"{src}: a second --fix changed the file again")
    if kubectl:
        r0 = differential.kubectl_reading(kubectl, src)
        r1 = differential.kubectl_reading(kubectl, os.path.join(b, name))
        if r0[0] == "read" and r1[0] != "read":
            bad.append(f"{src}: kubectl no longer reads the fixed file: {r1[1]}")
        elif r0[0] == "read":
            f0, f1 = flatten(r0[1], "", {}), flatten(r1[1], "", {})
            for k in sorted(set(f0) | set(f1)):
                if f0.get(k, "<absent>") == f1.get(k, "<absent>"):
                    continue
                want = [v for rx, v in FIELDS if rx.search(k)]
                if DROP.search(k):
                    want = [("ALL",) + tuple(f0.get(k, ()))]
                elif ADD.search(k):  # items removed, the rest in order
                    rest = iter(f0.get(k, ()))
                    after = f1.get(k, ())
                    after = () if after in ("<absent>", None) else after
                    want = [f1.get(k, "<absent>")] if all(a in rest for a in after) else []
                elif IMAGE.search(k) and f0.get(k) in PINS:
                    want = [f"{f0[k]}@{PINS[f0[k]]}"]
                if not want or f1.get(k, "<absent>") != want[0]:
                    bad.append(f"{src}: kubectl sees {k} change {f0.get(k, '<absent>')!r} -> "
                               f"{f1.get(k, '<absent>')!r}")
    return bad


def golden(kaudit, root, work):
    """tests/fix/golden: each file fixed is byte for byte its .fixed."""
    for src in sorted(glob.glob(os.path.join(root, "tests", "fix", "golden", "*"))):
        if src.endswith(".fixed"):
            continue
        d = os.path.join(work, "golden-" + os.path.basename(src))
        os.makedirs(d)
        dst = os.path.join(d, os.path.basename(src))
        shutil.copyfile(src, dst)
        kaudit_run(kaudit, ["-q", "--fix", os.path.basename(src)], d)
        want = open(os.path.splitext(src)[0] + ".fixed", "rb").read()
        check(open(dst, "rb").read() == want, f"{src}: --fix does not give its .fixed")


def nested_config(kaudit, work):
    """A folder with its own .kaudit.yaml is fixed too (its scope takes
    the run's --fix), and SARIF fixes reach it."""
    d = os.path.join(work, "nested", "team")
    os.makedirs(d)
    with open(os.path.join(d, ".kaudit.yaml"), "w") as f:
        f.write("enable:\n  - privileged\n")
    pod = ("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
           "  containers: [{name: a, image: x, securityContext: {privileged: true}}]\n")
    path = os.path.join(d, "pod.yaml")
    with open(path, "w") as f:
        f.write(pod)
    top = os.path.join(work, "nested")
    p = subprocess.run([kaudit, "-f", "sarif", "team"], cwd=top, capture_output=True)
    check(b'"fixes"' in p.stdout, "a folder with its own .kaudit.yaml: no SARIF fixes")
    subprocess.run([kaudit, "--fix", "team"], cwd=top, capture_output=True)
    check("privileged: false" in open(path).read(),
          "a folder with its own .kaudit.yaml: --fix left it as it was")


def configured_size_limit(kaudit, work):
    """emptydir-fix-size-limit in .kaudit.yaml sets the sizeLimit given;
    a value that is not one positive quantity is an error at its line."""
    d = os.path.join(work, "sized")
    os.makedirs(d)
    with open(os.path.join(d, "p.yaml"), "w") as f:
        f.write("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n"
                "    - {name: a, image: x, volumeMounts: [{name: t, mountPath: /tmp}]}\n"
                "  volumes:\n    - {name: t, emptyDir: {}}\n")
    cfg = os.path.join(d, ".kaudit.yaml")
    with open(cfg, "w") as f:
        f.write("emptydir-fix-size-limit: 256Mi\n")
    p = subprocess.run([kaudit, "--diff", "p.yaml"], cwd=d, capture_output=True)
    check(b"emptyDir: {sizeLimit: 256Mi}" in p.stdout, "emptydir-fix-size-limit: not used")
    with open(cfg, "w") as f:
        f.write("emptydir-fix-size-limit: [lots]\n")
    p = subprocess.run([kaudit, "p.yaml"], cwd=d, capture_output=True)
    check(p.returncode == 2 and b".kaudit.yaml:1:" in p.stderr and b"'lots'" in p.stderr,
          f"emptydir-fix-size-limit: lots: {p.returncode} {p.stderr[:200]!r}")


def main():
    kaudit, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else int(os.environ.get("KAUDIT_FIX_VARIANTS", 150))
    kubectl = differential.find_kubectl()
    if not shutil.which("git"):
        print("SKIP: git is needed (git apply)")
        return 77
    print(f"kubectl: {kubectl or 'not found, its reading is not compared'}")
    with tempfile.TemporaryDirectory() as work:
        files = sorted(glob.glob(os.path.join(root, "tests", "cases", "*.yaml")) +
                       [p for p in glob.glob(os.path.join(root, "tests", "fix", "golden", "*"))
                        if not p.endswith(".fixed")] +
                       glob.glob(os.path.join(root, "examples", "**", "*.yaml"), recursive=True))
        real = os.path.join(root, "..", "shared", "corpus", "real")
        if os.path.isdir(real):
            files += sorted(p for p in glob.glob(os.path.join(real, "**", "*"), recursive=True)
                            if p.endswith((".yaml", ".yml", ".json")))
        gen_dir = os.path.join(work, "variants")
        os.makedirs(gen_dir)
        files += gen.write_variants(gen_dir, n, 20261201)
        files += genfix.write_variants(gen_dir, n, 20261201)
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            jobs = [pool.submit(one, kaudit, kubectl, f, os.path.join(work, f"t{i}"))
                    for i, f in enumerate(files)]
            for f, j in zip(files, jobs):
                problems = j.result()
                check(not problems, "; ".join(problems[:3]))
        print(f"{len(files)} files")
        golden(kaudit, root, work)
        nested_config(kaudit, work)
        configured_size_limit(kaudit, work)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
