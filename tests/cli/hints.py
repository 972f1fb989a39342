#!/usr/bin/env python3
"""The fix-it note (--hints, and on a terminal): after one container's
findings, the securityContext block that closes those a single value
closes. Applied to the file as printed (inserted after the container's
first line, at the note's indentation), it closes exactly those findings;
a container with a securityContext gets the keys to set under it; flow
style gets flow style; a Helm render gets none; a pipe gets none unless
--hints; a terminal gets it. Usage: hints.py KAUDIT ROOT"""
import os, pty, re, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402

POD = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.0@sha256:%s
          ports: [{containerPort: 8080}]
        - name: side
          image: registry.example.com/side:1.0@sha256:%s
          securityContext:
            privileged: true
            runAsNonRoot: true
""" % ("1" * 64, "2" * 64)
FIXABLE = {"allow-privilege-escalation", "capabilities-drop-all", "read-only-root-filesystem",
           "run-as-non-root", "seccomp-profile", "privileged"}


# The checks a securityContext block does not close, and that report
# nearly every pod, are left out: the notes are about the others.
OTHER = "--disable=memory-limit,default-service-account,automount-service-account-token"


def run(path, *args, **kw):
    return subprocess.run([kaudit, "--no-config", OTHER, *args, path], capture_output=True, text=True,
                          **kw).stdout


def notes(out):
    """note line -> (line, col, container, block lines)"""
    got, lines = [], out.splitlines()
    for i, ln in enumerate(lines):
        m = re.match(r"^.*:(\d+):(\d+): note: container '([^']+)': .* closes (\d+) of its findings:$", ln)
        if m:
            block = []
            for b in lines[i + 1:]:
                if re.match(r"^.*:\d+:\d+: ", b):
                    break
                block.append(b)
            got.append((int(m.group(1)), int(m.group(2)), m.group(3), int(m.group(4)), block))
    return got


with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "web.yaml")
    with open(path, "w") as f:
        f.write(POD)
    plain = run(path)
    check("note:" not in plain, "a pipe without --hints has no note")
    out = run(path, "--hints")
    n = notes(out)
    check([x[2] for x in n] == ["app", "side"], f"a note per container: {out}")
    app = n[0] if n else (0, 0, "", 0, [])
    check(app[:2] == (8, 11) and app[4][0] == " " * 10 + "securityContext:" and app[3] == 5,
          f"app's note: at its first key, indented for it: {app}")
    side = n[1] if len(n) > 1 else (0, 0, "", 0, [])
    check(side[:2] == (13, 11) and side[4][0] == " " * 10 + "securityContext:"
          and " " * 12 + "privileged: false" in side[4] and not any("runAsNonRoot" in b for b in side[4]),
          f"side's note: the keys to set under its securityContext: {side}")
    # Applied as printed, app's block closes exactly its fixable findings.
    before = [l for l in plain.splitlines() if ":8:11:" in l]
    lines = POD.split("\n")
    fixed = lines[:app[0]] + app[4] + lines[app[0]:]
    with open(path, "w") as f:
        f.write("\n".join(fixed))
    after = run(path)
    check({re.search(r"\[([a-z-]+)\]$", l).group(1) for l in before} <= FIXABLE and len(before) == 5
          and ":8:11:" not in after and "container 'app'" not in after and "[yaml-syntax]" not in after,
          f"applied: {before}\n{after}")

    flow = os.path.join(d, "flow.yaml")
    with open(flow, "w") as f:
        f.write("kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: 'x:1@sha256:%s'}]\n" % ("3" * 64))
    n = notes(run(flow, "--hints"))
    check(len(n) == 1 and len(n[0][4]) == 1 and n[0][4][0].strip().startswith("securityContext: {allowPrivilegeEscalation: false,"),
          f"flow style: {n}")
    # A Helm render: the fix belongs in the chart.
    render = os.path.join(d, "render.yaml")
    with open(render, "w") as f:
        f.write("---\n# Source: shop/templates/web.yaml\n" + POD)
    check(not notes(run(render, "--hints")), "no note on a Helm render")
    # On a terminal, without --hints.
    master, slave = pty.openpty()
    p = subprocess.run([kaudit, "--no-config", "--color", "never", path.replace("web.yaml", "flow.yaml")],
                       stdout=slave, stderr=subprocess.DEVNULL)
    os.close(slave)
    data = b""
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    os.close(master)
    check(b"note: container 'a'" in data, f"a terminal gets the note: {data[-300:]!r}")

finish()
