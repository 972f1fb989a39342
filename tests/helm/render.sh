#!/bin/sh
# Render examples/helm/shop again with helm and compare with the committed
# output. SKIP (77) when helm is not installed.
set -u
root=$1
if ! command -v helm >/dev/null 2>&1; then
	echo "SKIP: helm is not on PATH"
	exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
helm template demo "$root/examples/helm/shop" >"$out" || exit 1
if diff -u "$root/examples/helm/rendered.yaml" "$out"; then
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
	exit 1
fi
