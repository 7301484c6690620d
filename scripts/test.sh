#!/usr/bin/env bash
# Runs Signpost's whole test suite on a fresh machine: installs what the tests
# need (redis-server and redis-cli for the Redis, Sentinel and Cluster tests,
# chromium for the widget's browser tests, gcc for the race detector, which
# needs cgo) when it is missing, then vets and tests every package with the
# race detector. Without a C compiler it runs without -race and says so.
# Usage: scripts/test.sh [go test flags...]
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v chromium >/dev/null 2>&1 || [[ -x /usr/bin/chromium ]] || need+=(chromium)
if ((${#need[@]})); then
	echo "== installing ${need[*]}"
	sudo=""
	[[ $(id -u) -eq 0 ]] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	if command -v apt-get >/dev/null 2>&1 && { [[ -z $sudo ]] || command -v sudo >/dev/null 2>&1; }; then
		$sudo apt-get update -qq
		$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || echo "== could not install ${need[*]}"
	else
		echo "== cannot install ${need[*]} here (no apt-get or sudo)"
	fi
fi

# The race detector needs cgo and a C compiler.
race=(-race)
if ! command -v gcc >/dev/null 2>&1 && ! command -v cc >/dev/null 2>&1; then
	echo "== WARNING: no C compiler, so the tests run WITHOUT the race detector (install gcc for -race)"
	race=()
else
	export CGO_ENABLED=1
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
# The corpus's tuning part as a regression check: these floors are what the
# engine reached when they were last raised (docs/clinical-safety.md); a change
# that loses ground fails here. Content was written against these messages, so
# they read higher than first-sight blind batches, whose targets (emergencies
# and crises 98%, overall 90%, over-triage 5%) are what issue 11 measures.
echo "== signpost eval (eval/tuning, regression floors)"
tmp_eval_bin=$(mktemp -d)/signpost
trap 'rm -rf "$(dirname "$tmp_eval_bin")"' EXIT
go build -o "$tmp_eval_bin" ./cmd/signpost
"$tmp_eval_bin" eval -show none -min-overall 93.8 -min-emergency 99.5 -min-crisis 95.4 -max-overtriage 2.0 -max-stranded 0 eval/tuning/*.jsonl | tail -n 1
# The rules alone, without the trained second opinion: no model may be the only
# thing between a patient and 999, and the model is retrained on every content
# edit, so the rules must keep the emergencies and crises by themselves.
echo "== signpost eval (eval/tuning, the rules alone)"
"$tmp_eval_bin" eval -show none -second-opinion=false -min-overall 91.3 -min-emergency 98.7 -min-crisis 79.9 -max-overtriage 1.9 -max-stranded 0 eval/tuning/*.jsonl | tail -n 1
echo "== go test"
# cmd/signpost starts real servers, each training the second opinion, and under
# the race detector on a small shared machine it can pass go test's default
# 10-minute limit per package, so the limit is raised (to 75 minutes: cmd/signpost
# took 43 under -race on a busy 2-core machine).
go test "${race[@]}" -count=1 -timeout 75m "$@" ./...
echo "== deploy manifests (kustomize build, compose config)"
(cd deploy && go test -count=1 ./...)
