#!/usr/bin/env bash
# Runs Signpost's whole test suite on a fresh machine: installs what the tests
# need (redis-server for the session store tests, chromium for the widget's
# browser tests) when it is missing, then vets and tests every package with
# the race detector. Usage: scripts/test.sh [go test flags...]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || need+=(chromium)
if ((${#need[@]})); then
	echo "== installing ${need[*]}"
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n $unformatted ]]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
echo "== go vet"
go vet ./...
echo "== signpost check (bundled content)"
go run ./cmd/signpost check intents
echo "== go test"
go test -race -count=1 "$@" ./...
echo "== deploy manifests (kustomize build, compose config)"
(cd deploy && go test -count=1 ./...)
