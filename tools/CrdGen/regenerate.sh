#!/usr/bin/env bash
# Regenerates crds/Generated from Istio's CRD bundle and the Gateway API's experimental bundle (a superset of the
# standard one: the stack's config rules refuse what its cluster's channel lacks); extra arguments (e.g. --check) pass through.
# Usage: tools/CrdGen/regenerate.sh [istio-bundle.yaml [gateway-api-bundle.yaml]] [--check]
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bundle="../shared/istio/customresourcedefinitions-1.30.3.yaml"
gateway_api_bundle="../shared/gateway-api/experimental-install-v1.5.1.yaml"
if [[ $# -gt 0 && "$1" != --* ]]; then
  bundle="$1"
  shift
fi
if [[ $# -gt 0 && "$1" != --* ]]; then
  gateway_api_bundle="$1"
  shift
fi
cd "$repo_root"
dotnet run --project tools/CrdGen -- --crds "$bundle" --crds "$gateway_api_bundle" --out crds/Generated \
  --kind networking.istio.io/v1/DestinationRule \
  --kind networking.istio.io/v1/Gateway \
  --kind networking.istio.io/v1/VirtualService \
  --kind security.istio.io/v1/PeerAuthentication \
  --kind gateway.networking.k8s.io/v1/Gateway \
  --kind gateway.networking.k8s.io/v1/HTTPRoute \
  "$@"
