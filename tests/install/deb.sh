#!/bin/sh
# The Debian package, as a user gets it: built with dpkg-buildpackage from
# a copy of the source (the files git knows of, as in the working tree), installed
# with apt-get, run, then removed. Needs root, apt and debhelper; SKIP (77)
# otherwise. Run by .ci/run, not by meson test (it installs into /usr).
# Usage: deb.sh SOURCE_ROOT
set -u
root=$(cd "$1" && pwd)
for tool in dpkg-buildpackage dh apt-get git; do
	command -v "$tool" >/dev/null || { echo "SKIP: no $tool"; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

version=$(sed -n "s/^  version: '\(.*\)',$/\1/p" "$root/meson.build")
deb_version=$(sed -n '1s/^kaudit (\(.*\)) .*/\1/p' "$root/debian/changelog")
if [ -n "$version" ] && [ "$version" = "$deb_version" ]; then ok; else bad "meson version '$version', debian/changelog '$deb_version'"; fi

. "$root/tests/lib/source_copy.sh"
source_copy "$root" "$tmp/kaudit-$version"
(cd "$tmp/kaudit-$version" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1
deb=$(ls "$tmp"/kaudit_"$version"_*.deb 2>/dev/null | head -n 1)
if [ -n "$deb" ]; then ok; else bad "dpkg-buildpackage made no .deb"; tail -30 "$tmp/build.log"; echo "$pass passed, $fail failed"; exit 1; fi

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/kaudit ./usr/share/man/man1/kaudit.1.gz ./usr/share/bash-completion/completions/kaudit \
	./usr/share/zsh/vendor-completions/_kaudit ./usr/share/doc/kaudit/copyright ./usr/share/doc/kaudit/README.md.gz; do
	if echo "$contents" | grep -q " $f\$"; then ok; else bad "the package lacks $f"; fi
done

# Installed with apt (dependencies resolved), run, removed.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1 || { bad "apt-get install"; tail "$tmp/apt.log"; }
if [ "$(/usr/bin/kaudit --version | head -n 1)" = "kaudit $version" ]; then ok; else bad "installed --version: $(/usr/bin/kaudit --version)"; fi
/usr/bin/kaudit --no-config "$root/examples/insecure" >"$tmp/out" 2>/dev/null
got=$?
if [ "$got" = 1 ] && grep -q '\[privileged\]' "$tmp/out"; then ok; else bad "installed kaudit on examples/insecure: exit $got"; fi
/usr/bin/kaudit --no-config "$root/examples/hardened" >/dev/null 2>&1 && ok || bad "installed kaudit on examples/hardened"
if man -w kaudit >/dev/null 2>&1 || [ -f /usr/share/man/man1/kaudit.1.gz ]; then ok; else bad "no man page"; fi
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq kaudit >/dev/null 2>&1
if [ ! -e /usr/bin/kaudit ]; then ok; else bad "apt-get remove left /usr/bin/kaudit"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
