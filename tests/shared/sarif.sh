#!/bin/sh
# SARIF for every case in tests/cases, the examples, and every file in
# ../shared/corpus/real and helm, checked by ../shared/tools/validate-sarif
# (schema, GitHub's rules, Microsoft's SARIF Multitool): zero errors and
# zero warnings. SKIP (77) without ../shared. The multitool is required in
# CI (.ci/run installs it); elsewhere it is used when installed.
set -u
kaudit=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
shared=$root/../shared
validate=$shared/tools/validate-sarif
if [ ! -x "$validate" ] || [ ! -d "$shared/corpus/real" ]; then
	echo "SKIP: $shared not present"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# Each log is made from inside its tree, so URIs are repository-relative
# the way they are in a real checkout.
sarif() { # NAME DIR ARGS...
	name=$1 dir=$2; shift 2
	(cd "$dir" && "$kaudit" -q --format sarif --sarif-category "kaudit/$name/" "$@") >"$tmp/$name.sarif"
	rc=$?
	if [ $rc -le 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: kaudit exited $rc for $name"; fi
}
# The cases, in groups of fewer than 900 results: the Multitool holds a
# log to GitHub's display limit of 1,000 results (GH1004).
group= total=0 k=0
for f in "$root"/tests/cases/*.yaml "$root"/tests/cases/*.json; do
	f=cases/$(basename "$f")
	n=$(cd "$root/tests" && "$kaudit" -q --format json "$f" 2>/dev/null | grep -c '^    {"id"')
	if [ -n "$group" ] && [ $((total + n)) -ge 900 ]; then
		k=$((k + 1)); sarif "cases-$k" "$root/tests" --skip-non-manifests $group
		group= total=0
	fi
	group="$group $f" total=$((total + n))
done
k=$((k + 1)); sarif "cases-$k" "$root/tests" --skip-non-manifests $group
sarif examples "$root" --helm "$root/tests/helm/fake-helm" examples
sarif stdin "$root" - <"$root/examples/insecure/web.yaml"
sarif real "$shared/corpus" real
sarif helm "$shared/corpus" helm
for f in "$shared"/corpus/real/*/*.yaml; do
	n=$(basename "$(dirname "$f")")-$(basename "$f" .yaml)
	sarif "real-$n" "$shared/corpus/real" "$(basename "$(dirname "$f")")/$(basename "$f")"
done

require=
if [ "${CI:-}" = true ]; then require=--require-multitool; fi
if "$validate" --strict $require "$tmp"/*.sarif >"$tmp/report" 2>&1; then
	pass=$((pass + 1))
else
	fail=$((fail + 1)); echo "FAIL: validate-sarif:"; grep -v ': SUMMARY .* 0 error(s), 0 warning(s)' "$tmp/report" | head -40
fi
grep -q 'multitool' "$tmp/report" || echo "note: the SARIF Multitool is not installed; schema and GitHub rules only"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
