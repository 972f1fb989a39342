#!/usr/bin/env python3
"""SARIF primaryLocationLineHash is the value github/codeql-action/
upload-sarif computes from the file (so the action logs no "inconsistent
fingerprint" warning and the REST API gets one too): each result's value
is compared with tests/sarif/linehash.js, an independent reading of the
action's algorithm run by Node's own UTF-8 decoder, on the cases, the
examples and hostile bytes (CR, CRLF, invalid UTF-8, astral characters, a
BOM). stdin and a chart's templates get theirs too. SKIP (77) without node.
Usage: linehash.py KAUDIT SOURCE_ROOT"""
import glob, json, os, random, shutil, subprocess, sys, tempfile

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
if not shutil.which("node"):
    print("SKIP: no node")
    sys.exit(77)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


def reference(path):
    out = subprocess.run(["node", "tests/sarif/linehash.js", path], capture_output=True, text=True, check=True).stdout
    return dict(l.split(" ", 1) for l in out.split("\n") if l)


def results(args, stdin=None):
    p = subprocess.run([kaudit, "--no-config", "-f", "sarif", *args], input=stdin, capture_output=True)
    check(p.returncode in (0, 1), f"{args}: exit {p.returncode}")
    return json.loads(p.stdout)["runs"][0]["results"]


def compare(path, res, what):
    ref = reference(path)
    for r in res:
        line = str(r["locations"][0]["physicalLocation"]["region"]["startLine"])
        got = r["partialFingerprints"].get("primaryLocationLineHash")
        check(got == ref.get(line), f"{what} line {line}: {got} != {ref.get(line)}")


files = sorted(glob.glob("tests/cases/*.yaml"))[:60] + sorted(glob.glob("examples/insecure/*.yaml"))
n = 0
for path in files:
    res = results([path])
    compare(path, [r for r in res if r["locations"][0]["physicalLocation"]["artifactLocation"].get("uri", "").endswith(os.path.basename(path))], path)
    n += len(res)
check(n > 100, f"only {n} results compared")

random.seed(7)
pod = b"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n"
with tempfile.TemporaryDirectory() as tmp:
    for i in range(40):
        junk = bytes(random.choice(b"A \t\r\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\xed\xa0#") for _ in range(random.randint(0, 300)))
        body = (b"\xef\xbb\xbf" if i % 5 == 0 else b"") + pod.replace(b"\n", b"\r\n" if i % 3 == 0 else b"\n")
        path = os.path.join(tmp, f"f{i}.yaml")
        with open(path, "wb") as f:
            f.write(body + b"    # " + junk.replace(b"\n", b" ").replace(b"\r", b" ") + b"\n" + b"#" + junk + b"\n")
        compare(path, results([path]), f"generated {i}")
    # stdin: hashed from kaudit's copy of it, as the file it came from.
    with open("examples/insecure/web.yaml", "rb") as f:
        compare("examples/insecure/web.yaml", results(["-"], stdin=f.read()), "stdin")

# GitHub's own example (codeql-action's testdata): line 1 of this file.
with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
    f.write("var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n")
check(reference(f.name).get("1") == "5e4d5a9cf1294ad9:1", "the reference disagrees with GitHub's example")
os.unlink(f.name)

finish()
