#!/usr/bin/env bash
# The rollout demo in one command: a Prometheus on 127.0.0.1 holding the recorded Istio series that the
# rollout tests use (tools/IstioSeries, one source for both), so the README's rollout status reproduces.
#
#   tools/rollout-demo.sh [port]        # default port 9090; Ctrl-C stops it and deletes its data
#
# Then, in another shell, from the repository:
#   dotnet run --project tools/Frontend.Cli -p:PulumiOffline=true -- rollout status prod \
#     --prometheus http://127.0.0.1:9090 --time 2025-01-15T12:00:00Z --deployed-at 2025-01-15T11:55:00Z
# Needs prometheus and promtool (Debian: apt-get install prometheus) and the .NET SDK.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port=${1:-9090}
for tool in prometheus promtool dotnet; do
  command -v "$tool" >/dev/null || { echo "rollout-demo: $tool is not on PATH (prometheus and promtool: apt-get install prometheus)" >&2; exit 1; }
done

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet run --project tools/IstioSeries -- "$data/istio.om"
promtool tsdb create-blocks-from openmetrics "$data/istio.om" "$data/tsdb" >/dev/null
printf 'global:\n  scrape_interval: 15s\n' > "$data/prometheus.yml"
echo "rollout-demo: Prometheus on http://127.0.0.1:$port with the recorded series; Ctrl-C to stop"
# Nothing to scrape: the store holds the recorded series only, and retention counts back from the newest one.
prometheus --config.file="$data/prometheus.yml" --storage.tsdb.path="$data/tsdb" \
  --web.listen-address="127.0.0.1:$port" --log.level=warn
