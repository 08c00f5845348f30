#!/usr/bin/env bash
# Regenerates crds/Generated from an Istio CRD bundle; extra arguments (e.g. --check) pass through.
# Usage: tools/CrdGen/regenerate.sh [bundle.yaml] [--check]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bundle="../shared/istio/customresourcedefinitions-1.30.3.yaml"
if [[ $# -gt 0 && "$1" != --* ]]; then
  bundle="$1"
  shift
fi
cd "$repo_root"
dotnet run --project tools/CrdGen -- --crds "$bundle" --out crds/Generated \
  --kind networking.istio.io/v1/DestinationRule \
  --kind networking.istio.io/v1/Gateway \
  --kind networking.istio.io/v1/VirtualService \
  --kind security.istio.io/v1/PeerAuthentication \
  "$@"
