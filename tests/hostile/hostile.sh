#!/bin/sh
# Hostile input: each case runs under a time limit, and must give the
# expected exit status, a finding or message that names the file, and
# still audit the other input given with it (a known privileged Pod).
# Usage: hostile.sh KAUDIT
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
limit=${HOSTILE_TIMEOUT:-120}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: witness}\nspec:\n  containers: [{name: c, image: x, securityContext: {privileged: true}}]\n' >witness.yaml

# case NAME WANT-STATUS PATTERN FILE...: audit FILE... and witness.yaml
case_() {
	name=$1 want=$2 pattern=$3; shift 3
	start=$(date +%s)
	timeout "$limit" "$kaudit" --enable privileged -f json "$@" witness.yaml >out.json 2>err.txt
	got=$?
	took=$(( $(date +%s) - start ))
	if [ "$got" = 124 ]; then bad "$name: timed out after ${limit}s"; return; fi
	if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, want $want"; head -5 err.txt; fi
	if grep -q -e "$pattern" out.json err.txt; then ok; else bad "$name: no '$pattern'"; head -c 600 out.json; fi
	if grep -q '"path": "witness.yaml", "line": 5' out.json; then ok; else bad "$name: the other input was not audited"; fi
	echo "ok: $name (${took}s)"
}

# An alias bomb: 10 levels of 10 aliases (10^10 nodes if expanded).
{
	printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a0: &a0 "lol"\n'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		printf '  a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n' $i $i $p $p $p $p $p $p $p $p $p $p
	done
} >bomb.yaml
case_ "alias bomb" 1 '"message": "document contains excessive aliasing (kubectl refuses it)", "path": "bomb.yaml"' bomb.yaml

python3 -c "print('a: ' + '[' * 100000 + ']' * 100000)" >deep.yaml
case_ "100,000 levels of nesting" 1 'nesting deeper than 10000' deep.yaml

python3 -c "
import sys
sys.stdout.write('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  big: \"')
sys.stdout.write('x' * (100 * 1024 * 1024))
sys.stdout.write('\"\n')" >scalar.yaml
case_ "a 100 MB scalar" 1 '"path": "scalar.yaml", "status": "audited", "documents": 1' scalar.yaml

python3 -c "
import sys
sys.stdout.write('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keys}\ndata:\n')
sys.stdout.write(''.join('  k%d: v\n' % i for i in range(1000000)))
sys.stdout.write('  k999999: again\n')" >keys.yaml
case_ "a mapping with a million keys" 1 "duplicate key 'k999999' (first at line 1000004)" keys.yaml

python3 -c "print('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: line}\ndata:\n  l: ' + 'y' * (1024 * 1024))" >line.yaml
case_ "a 1 MB line" 1 '"path": "line.yaml", "status": "audited"' line.yaml

printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: "a\0b"}\n' >nul.yaml
case_ "NUL bytes" 1 '"path": "nul.yaml", "line": 3,.*"id": "yaml-syntax"\|"id": "yaml-syntax", "level": "error", "message": "control characters are not allowed", "path": "nul.yaml"' nul.yaml

printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers: [{name: "\303(", image: y}]\n  \377key: 1\n' >utf8.yaml
case_ "invalid UTF-8 in keys and values" 1 '"message": "invalid leading UTF-8 octet\|"message": "invalid trailing UTF-8 octet' utf8.yaml

head -c 70 witness.yaml >truncated.yaml
case_ "a truncated file" 1 '"path": "truncated.yaml", "line": [0-9]*, .*"kind": ""\|"path": "truncated.yaml", "status": "audited"' truncated.yaml

mkfifo fifo.yaml
case_ "a FIFO nobody writes to" 1 '"path": "fifo.yaml", "status": "audited", "documents": 0' fifo.yaml
(sleep 1; cat witness.yaml) >fifo.yaml &
timeout "$limit" "$kaudit" --enable privileged fifo.yaml >out.txt 2>&1
if grep -q '^fifo.yaml:5:' out.txt; then ok; else bad "a FIFO with a writer was not read"; cat out.txt; fi
wait
# A writer that holds the FIFO open and never writes: an error after a
# bounded wait, not a hang; the other inputs are still audited.
sleep 30 >fifo.yaml &
writer=$!
timeout 25 "$kaudit" --enable privileged fifo.yaml witness.yaml >out.txt 2>&1
got=$?
kill "$writer" 2>/dev/null; wait 2>/dev/null
if [ "$got" = 2 ] && grep -q "cannot read 'fifo.yaml': its writer sent nothing" out.txt &&
	grep -q '^witness.yaml:5:' out.txt; then ok; else bad "a silent FIFO writer: exit $got"; cat out.txt; fi

case_ "/dev/zero" 2 'cannot read ./dev/zero.: not a regular file' /dev/zero

mkdir -p loop/sub
ln -s .. loop/sub/up
ln -s ../loop loop/self
cp witness.yaml loop/sub/w.yaml
case_ "a symlink loop in a walked directory" 1 '"path": "loop/sub/w.yaml", "status": "audited"' loop

mkdir many
python3 -c "
for i in range(10000):
    open('many/f%05d.yaml' % i, 'w').write('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c%d}\n' % i)"
case_ "a directory of 10,000 small files" 1 '"path": "many/f09999.yaml", "status": "audited"' many
n=$(grep -c '"status": "audited"' out.json)
if [ "$n" = 10001 ]; then ok; else bad "10,000 files: $n inputs audited, want 10001"; fi

# Out of memory (ulimit -v): a clear message and exit 2, never a crash or a
# report that looks complete. (Skipped under ASan, which needs the
# address space.)
awk 'BEGIN { print "apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\n  annotations:";
	for (i = 0; i < 400000; i++) printf "    k%d: v%d\n", i, i;
	print "spec:\n  containers: [{name: a, image: x}]" }' >bigmap.yaml
(ulimit -v 100000; "$kaudit" --no-config -f json bigmap.yaml witness.yaml >out.json 2>err.txt)
got=$?
if grep -q AddressSanitizer err.txt; then
	echo "skip: out of memory (ASan)"
else
	if [ "$got" = 2 ]; then ok; else bad "out of memory: exit $got, want 2"; head -5 err.txt; fi
	if grep -q '^kaudit: error: out of memory; the report is incomplete$' err.txt; then ok; else bad "out of memory: no message"; head -5 err.txt; fi
	if grep -q '"message": "out of memory; the report is incomplete"' out.json; then ok; else bad "out of memory: the JSON report does not say so"; fi
	echo "ok: out of memory"
fi

# Echoed input cannot forge a line or reach the terminal raw: a name with
# an ESC sequence, a C1 control, bidirectional and invisible characters, a
# newline and a GitHub workflow command, in a file named like a location.
cat >'evil:12:3: error: x.yaml' <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: "web\u202Egnp.exe\x9b31m\u200bz\u2066y\e[31mred\n::error file=x::forged"}
spec:
  containers: [{name: a, image: x, securityContext: {privileged: true}}]
YAML
for fmt in text github; do
	"$kaudit" --no-config --enable privileged --color never -f "$fmt" \
		'evil:12:3: error: x.yaml' >out.txt 2>err.txt
	if LC_ALL=C grep -q "$(printf '\033')" out.txt err.txt; then bad "$fmt: a raw ESC"; else ok; fi
	if LC_ALL=C grep -q -e "$(printf '\342\200\256')" -e "$(printf '\302\233')" \
		-e "$(printf '\342\201\246')" -e "$(printf '\342\200\213')" out.txt; then
		bad "$fmt: a raw bidi, C1 or invisible character"
	else ok; fi
	if grep -q '^::error file=x' out.txt; then bad "$fmt: a forged workflow command"; else ok; fi
	if [ "$(wc -l <out.txt)" = 1 ]; then ok; else bad "$fmt: $(wc -l <out.txt) lines, want 1"; fi
done
if grep -q '^evil\\x3a12\\x3a3\\x3a\\x20error\\x3a\\x20x.yaml:5:' out.txt 2>/dev/null ||
	"$kaudit" --no-config --enable privileged --color never 'evil:12:3: error: x.yaml' 2>/dev/null |
	grep -q '^evil\\x3a12\\x3a3\\x3a\\x20error\\x3a\\x20x.yaml:5:'; then ok; else bad "a file name with :12:3: is not escaped"; fi
echo "ok: echoed input is escaped"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
