#!/usr/bin/env python3
"""--format github writes errors, then warnings, then notices (GitHub
shows 10 of each per step) and appends the Markdown summary to
$GITHUB_STEP_SUMMARY, keeping what is there; --format markdown writes that
summary: counts per check and level, the first findings; names from the
input cannot make links, HTML, mentions or table cells.
Usage: formats.py KAUDIT SOURCE_ROOT"""
import os, re, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


with tempfile.TemporaryDirectory() as d:
    summary = os.path.join(d, "summary.md")
    with open(summary, "w") as f:
        f.write("earlier step\n")
    env = dict(os.environ, GITHUB_STEP_SUMMARY=summary)
    p = subprocess.run([kaudit, "--no-config", "-f", "github", "examples/insecure"], capture_output=True,
                       text=True, env=env)
    check(p.returncode == 1, f"github exit {p.returncode}")
    rank = {"error": 2, "warning": 1, "notice": 0}
    levels = [rank[l.split(" ", 1)[0][2:]] for l in p.stdout.splitlines()]
    check(len(levels) > 20 and levels == sorted(levels, reverse=True), f"github order: {levels}")
    text = open(summary).read()
    check(text.startswith("earlier step\n## kaudit: "), f"summary appended: {text[:80]!r}")
    m = re.search(r"## kaudit: (\d+) findings \((\d+) errors, (\d+) warnings", text)
    check(m and int(m.group(2)) == levels.count(2) and int(m.group(3)) == levels.count(1), f"counts: {text[:200]}")
    check("| `privileged` | 2 | 0 | 0 |" in text, "per-check row")

    hostile = os.path.join(d, "hostile.yaml")
    with open(hostile, "w") as f:
        f.write('apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x](https://evil.example/) <img src=x> @octocat | a"\n'
                "spec:\n  containers:\n  - name: '[c](javascript:alert(1))'\n    image: x\n"
                "    securityContext: {privileged: true}\n")
    p = subprocess.run([kaudit, "--no-config", "-f", "markdown", hostile], capture_output=True, text=True)
    check(p.returncode == 1, f"markdown exit {p.returncode}")
    out = p.stdout
    check("## kaudit: " in out and "### errors" in out, f"markdown: {out[:200]}")
    check("<img" not in out and "](" not in out and " @octocat" not in out,
          f"markdown not inert: {out}")
    items = [l for l in out.splitlines() if l.startswith("- ")]
    check(items and all(l.count("|") == l.count("\\|") for l in items), f"table cells from input: {items}")

finish()
