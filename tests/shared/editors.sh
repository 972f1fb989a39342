#!/bin/sh
# kaudit's text output for all of tests/cases (and a Helm render), through
# the real clients: Vim's quickfix, VS Code's problem matcher, Emacs's
# compilation mode (../shared/tools). SKIP (77) without ../shared; a client
# whose editor is not installed is skipped (CI installs vim and emacs-nox).
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
tools=$root/../shared/tools
if [ ! -x "$tools/check-quickfix" ]; then
	echo "SKIP: ../shared/tools not present"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
cd "$root" || exit 1
"$kaudit" --color never tests/cases examples/helm/rendered.yaml >"$tmp/out.txt" 2>/dev/null
# A file named like a location must not be read as one.
mkdir -p "$tmp/evil"
cp tests/cases/workloads.yaml "$tmp/evil/app:12:3: error: x.yaml"
(cd "$tmp/evil" && "$kaudit" --color never "app:12:3: error: x.yaml") >>"$tmp/out.txt" 2>/dev/null
lines=$(wc -l <"$tmp/out.txt")
if [ "$lines" -gt 100 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: only $lines lines"; fi
client() { # NAME NEEDS SCRIPT
	if ! command -v "$2" >/dev/null 2>&1; then
		echo "skip: $1 ($2 not installed)"; skip=$((skip + 1)); return
	fi
	if "$tools/$3" "$tmp/out.txt" >"$tmp/$3.log" 2>&1 &&
		! grep -q "$(printf '^1\tapp\t12\t3')" "$tmp/$3.log"; then
		pass=$((pass + 1)); echo "ok: $1: $(tail -n 1 "$tmp/$3.log")"
	else
		fail=$((fail + 1)); echo "FAIL: $1"; grep -v '^1' "$tmp/$3.log" | head -20
	fi
}
client "Vim quickfix" vim check-quickfix
client "VS Code problem matcher" node check-vscode-matcher
client "Emacs compilation mode" emacs check-emacs-compile
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
