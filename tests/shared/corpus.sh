#!/bin/sh
# Scan the real-world manifests and Helm renders in ../shared/corpus: no
# crash, no kaudit failure, and no yaml-syntax finding on files kubectl
# reads. SKIP (77) when ../shared is not there.
set -u
kaudit=$1
corpus=$2/../shared/corpus
if [ ! -d "$corpus/real" ] || [ ! -d "$corpus/helm" ]; then
	echo "SKIP: $corpus not present"
	exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
pass=0 fail=0
for dir in real helm; do
	"$kaudit" -q -f json "$corpus/$dir" >"$out" 2>&1
	rc=$?
	if [ $rc -le 1 ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: kaudit exited $rc on corpus/$dir"; fi
	if grep -q '"id": "yaml-syntax"' "$out"; then
		fail=$((fail + 1)); echo "FAIL: yaml-syntax finding in corpus/$dir:"
		grep '"id": "yaml-syntax"' "$out" | head
	else pass=$((pass + 1)); fi
	# Every file is audited, or skipped as no Kubernetes manifest (values).
	n=$(grep -c '"status": "audited"\|"reason": "not a Kubernetes manifest"' "$out")
	want=$(find "$corpus/$dir" -name '.*' -prune -o -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print | wc -l)
	if [ "$n" = "$want" ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL: corpus/$dir: $n files audited or not manifests, $want on disk"; fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
