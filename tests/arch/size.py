#!/usr/bin/env python3
"""Size limits that keep modules readable: no C source file over 500 lines,
no function over 80 (kernel style: a body opens with '{' in column 0 and
closes with '}' in column 0). Usage: size.py ROOT"""
import glob
import os
import sys

MAX_FILE, MAX_FUNC = 500, 80


def main():
    root = sys.argv[1]
    files = sorted(glob.glob(os.path.join(root, "src", "*.c")) +
                   glob.glob(os.path.join(root, "checks", "*.c")) +
                   glob.glob(os.path.join(root, "doc", "*.c")))
    bad = 0
    for path in files:
        lines = open(path, encoding="utf-8").read().split("\n")
        rel = os.path.relpath(path, root)
        if len(lines) - 1 > MAX_FILE:
            print(f"{rel}: {len(lines) - 1} lines (at most {MAX_FILE})")
            bad += 1
        start = None
        for i, line in enumerate(lines):
            if line == "{" and i > 0 and ")" in lines[i - 1]:
                start = i
            elif line.startswith("}") and start is not None:
                n = i - start - 1
                if n > MAX_FUNC:
                    name = lines[start - 1].split("(")[0].split()[-1]
                    j = start - 1
                    while "(" not in lines[j]:
                        j -= 1
                    name = lines[j].split("(")[0].split()[-1].lstrip("*")
                    print(f"{rel}:{j + 1}: {name}() is {n} lines (at most {MAX_FUNC})")
                    bad += 1
                start = None
    print(f"{len(files)} files, {bad} over the limits")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
