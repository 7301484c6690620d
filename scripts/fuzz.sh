#!/usr/bin/env bash
# Runs every Go fuzz target for a short time each (default 10s): no panic,
# no 5xx, bounded memory. Usage: scripts/fuzz.sh [duration]
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-10s}
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //'); do
		echo "== fuzz $pkg $target ($dur)"
		go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$dur"
	done
done
