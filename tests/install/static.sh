#!/bin/sh
# The static binary (meson setup -Dstatic=true): ldd says it is not a
# dynamic executable, --version names kaudit's and libyaml's versions, and
# its report on examples/ is byte for byte the dynamic build's.
# Usage: static.sh KAUDIT SOURCE_ROOT   (KAUDIT: the dynamic build)
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if ! meson setup "$tmp/b" "$root" -Dstatic=true -Dtests=false --buildtype=release >"$tmp/log" 2>&1 ||
	! ninja -C "$tmp/b" kaudit >>"$tmp/log" 2>&1; then
	bad "static build"; tail -30 "$tmp/log"; echo "$pass passed, $fail failed"; exit 1
fi
static=$tmp/b/kaudit
if ldd "$static" 2>&1 | grep -q "not a dynamic executable"; then ok; else bad "ldd: $(ldd "$static" 2>&1)"; fi
if "$static" --version | grep -q '^libyaml [0-9]'; then ok; else bad "--version: $("$static" --version)"; fi
if [ "$("$static" --version | head -n 1)" = "$("$kaudit" --version | head -n 1)" ]; then ok; else bad "versions differ"; fi
cd "$root" || exit 1
for fmt in text json sarif; do
	"$static" --no-config -f "$fmt" examples/insecure examples/hardened >"$tmp/s.$fmt" 2>/dev/null
	s=$?
	"$kaudit" --no-config -f "$fmt" examples/insecure examples/hardened >"$tmp/d.$fmt" 2>/dev/null
	d=$?
	if [ "$s" = 1 ] && [ "$d" = 1 ] && cmp -s "$tmp/s.$fmt" "$tmp/d.$fmt"; then ok; else bad "$fmt: static exit $s, dynamic $d, reports differ"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
