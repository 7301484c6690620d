#!/usr/bin/env bash
# Renders the Kubernetes manifests for an overlay with the content of intents/
# as the signpost-content ConfigMap. Needs kubectl (kubectl kustomize) or kustomize.
#   scripts/k8s-build.sh [overlay] > signpost.yaml     (default overlay: example)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
overlay=${1:-example}
go run "$root/cmd/signpost" check "$root/intents" >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/deploy/k8s" "$tmp/"
dir="$tmp/k8s/overlays/$overlay"
mkdir -p "$dir/content"
cp "$root"/intents/*.yaml "$dir/content/"
{
	echo "configMapGenerator:"
	echo "  - name: signpost-content"
	echo "    options: {disableNameSuffixHash: true}"
	echo "    files:"
	for f in "$dir"/content/*.yaml; do echo "      - content/$(basename "$f")"; done
} >>"$dir/kustomization.yaml"
if command -v kustomize >/dev/null; then kustomize build "$dir"; else kubectl kustomize "$dir"; fi
