#!/usr/bin/env python3
"""--format gitlab (GitLab Code Quality) and --format junit (JUnit XML):
the fields GitLab's documentation requires (description, check_name,
fingerprint, severity in info/minor/major/critical/blocker,
location.path, location.lines.begin), fingerprints unique and stable when
lines move; JUnit well-formed XML (hostile names included), one test case
per resource and check, counts that match. Both are validated against
schemas written from what GitLab and Jenkins publish (tests/cli/schemas/;
xmllint and python3-jsonschema, SKIP without them).
Usage: ci_formats.py KAUDIT ROOT"""
import json, os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

kaudit, root = os.path.abspath(sys.argv[1]), sys.argv[2]
os.chdir(root)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from tally import check, finish  # noqa: E402


def run(*args, cwd=None):
    return subprocess.run([kaudit, "--no-config", *args], capture_output=True, cwd=cwd)


schemas = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
try:
    import jsonschema
except ImportError:
    jsonschema = None
    print("SKIP: GitLab report against its schema (no python3-jsonschema)")
xmllint = shutil.which("xmllint")
if not xmllint:
    print("SKIP: JUnit report against its schema (no xmllint: apt-get install libxml2-utils)")


def gitlab_valid(issues, what):
    if jsonschema:
        with open(os.path.join(schemas, "gitlab-codequality.json")) as f:
            errs = list(jsonschema.Draft7Validator(json.load(f)).iter_errors(issues))
        check(not errs, f"gitlab schema ({what}): {[e.message for e in errs[:3]]}")


def junit_valid(xml, what):
    if xmllint:
        p = subprocess.run([xmllint, "--noout", "--schema", os.path.join(schemas, "junit.xsd"), "-"],
                           input=xml, capture_output=True)
        check(p.returncode == 0, f"junit schema ({what}): {p.stderr[-600:]}")


p = run("-f", "gitlab", "examples/insecure")
issues = json.loads(p.stdout)
check(p.returncode == 1 and isinstance(issues, list) and len(issues) > 20, f"gitlab: {p.returncode}")
for i in issues:
    ok = (isinstance(i.get("description"), str) and i["description"] and isinstance(i.get("check_name"), str)
          and isinstance(i.get("fingerprint"), str) and i.get("severity") in ("info", "minor", "major", "critical", "blocker")
          and isinstance(i["location"]["path"], str) and not i["location"]["path"].startswith("/")
          and isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1)
    check(ok, f"gitlab issue shape: {i}")
check(len({i["fingerprint"] for i in issues}) == len(issues), "gitlab fingerprints unique")
gitlab_valid(issues, "examples")
with tempfile.TemporaryDirectory() as d:
    src = open("examples/insecure/web.yaml").read()
    for name, text in (("a.yaml", src), ("b.yaml", "# moved\n\n\n" + src)):
        os.makedirs(os.path.join(d, name[0]))
        with open(os.path.join(d, name[0], "web.yaml"), "w") as f:
            f.write(text)
    fa = {i["fingerprint"] for i in json.loads(run("-f", "gitlab", os.path.join(d, "a", "web.yaml")).stdout)}
    fb = {i["fingerprint"] for i in json.loads(run("-f", "gitlab", os.path.join(d, "b", "web.yaml")).stdout)}
    # Other folder, other file: the identity includes the file, not the lines.
    check(len(fa) == len(fb) > 10, "gitlab on a moved file")

    hostile = os.path.join(d, "hostile.yaml")
    with open(hostile, "wb") as f:
        f.write(b'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "a]]><x\\u0001&amp;\\"\'\\u0000\\uFFFE\\uFFFF\\U0010FFFF"\n'
                b"spec:\n  containers:\n  - name: \"\\e[31m<b>\"\n    image: x\xff\n"
                b"    securityContext: {privileged: true}\n")
    p = run("-f", "junit", hostile)
    junit_valid(p.stdout, "hostile names")
    q = run("-f", "gitlab", "hostile.yaml", cwd=d)
    gitlab_valid(json.loads(q.stdout), "hostile names")
    try:
        suites = ET.fromstring(p.stdout)
        check(True, "")
    except ET.ParseError as e:
        suites = None
        check(False, f"junit not well-formed: {e}\n{p.stdout[:600]}")
p = run("-f", "junit", "examples/insecure")
junit_valid(p.stdout, "examples")
for fmt, valid in (("junit", junit_valid), ("gitlab", gitlab_valid)):
    q = run("-f", fmt, "examples/hardened")
    check(q.returncode == 0, f"{fmt} on a clean tree: {q.returncode}")
    valid(json.loads(q.stdout) if fmt == "gitlab" else q.stdout, "no findings")
suites = ET.fromstring(p.stdout)
cases = suites.findall("./testsuite/testcase")
check(p.returncode == 1 and suites.tag == "testsuites" and int(suites.get("tests")) == len(cases)
      and int(suites.get("failures")) == len(cases) > 10, f"junit counts: {suites.attrib} {len(cases)}")
keys = [(c.get("classname"), c.get("name")) for c in cases]
check(len(keys) == len(set(keys)), "one test case per resource and check")
check(all(c.find("failure") is not None and c.get("file") and int(c.get("line")) >= 1 for c in cases), "failures with location")
multi = [c for c in cases if "\n" in (c.find("failure").text or "")]
check(multi, "a case listing several findings of one check")

finish()
