#!/usr/bin/env python3
"""Write the documentation kaudit generates from its registry and option
table: the README checks table, the man page's OPTIONS and CHECKS
sections, both completion scripts and doc/checks/<id>.md.

Usage: generate.py KAUDIT_GENDOC ROOT          rewrite the files
       generate.py --check KAUDIT_GENDOC ROOT  fail when a copy drifted
"""
import os
import subprocess
import sys


def gen(tool, *args):
    return subprocess.run([tool, *args], check=True, capture_output=True,
                          text=True).stdout


def splice(text, begin, end, body, path):
    i = text.find(begin)
    j = text.find(end, i + 1) if i >= 0 else -1
    if i < 0 or j < 0:
        sys.exit(f"{path}: markers {begin!r} ... {end!r} not found")
    return text[:i + len(begin)] + "\n" + body + text[j:]


def wanted(tool, root):
    files = {}
    readme = os.path.join(root, "README.md")
    text = open(readme, encoding="utf-8").read()
    files[readme] = splice(text, "<!-- BEGIN generated: kaudit --list-checks "
                           "--format markdown -->", "<!-- END generated -->",
                           gen(tool, "readme-checks"), readme)
    man = os.path.join(root, "doc", "kaudit.1")
    text = open(man, encoding="utf-8").read()
    text = splice(text, '.\\" BEGIN generated: options', '.\\" END generated: options',
                  gen(tool, "man-options"), man)
    text = splice(text, '.\\" BEGIN generated: checks', '.\\" END generated: checks',
                  gen(tool, "man-checks"), man)
    files[man] = text
    files[os.path.join(root, "completions", "kaudit.bash")] = gen(tool, "bash")
    files[os.path.join(root, "completions", "_kaudit")] = gen(tool, "zsh")
    for cid in gen(tool, "ids").split():
        files[os.path.join(root, "doc", "checks", cid + ".md")] = gen(tool, "check", cid)
    return files


def main():
    args = sys.argv[1:]
    check = args and args[0] == "--check"
    if check:
        args = args[1:]
    tool, root = args
    files = wanted(tool, root)
    checks_dir = os.path.join(root, "doc", "checks")
    stale = [os.path.join(checks_dir, f) for f in sorted(os.listdir(checks_dir))
             if os.path.join(checks_dir, f) not in files] \
        if os.path.isdir(checks_dir) else []
    drift = 0
    for path, body in files.items():
        have = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if have == body:
            continue
        if check:
            print(f"{os.path.relpath(path, root)} differs from what kaudit "
                  f"generates: run doc/generate.py build/kaudit-gendoc .")
            drift += 1
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
    for path in stale:
        if check:
            print(f"{os.path.relpath(path, root)} documents no check")
            drift += 1
        else:
            os.remove(path)
    if check:
        print(f"{len(files) - drift} passed, {drift} failed")
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
