#!/usr/bin/env bash
# `render prod` as CI runs it (docs/performance.md) against a bare `dotnet` console hello-world start, side by side
# in one hyperfine run: the median of each, and their ratio. Needs hyperfine (apt-get install hyperfine).
# Usage: benchmarks/startup/measure.sh [extra dotnet publish arguments, e.g. -p:PulumiOffline=true]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/hello"
cat > "$work/hello/hello.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <InvariantGlobalization>true</InvariantGlobalization>
  </PropertyGroup>
</Project>
XML
echo 'System.Console.WriteLine("Hello, World!");' > "$work/hello/Program.cs"
cp nuget.config "$work/hello/"
dotnet publish "$work/hello" -c Release -r linux-x64 --self-contained false -o "$work/hello/out" > /dev/null

# The workflows' command: Release, framework-dependent, ReadyToRun from the csproj.
dotnet publish tools/Frontend.Cli -c Release -r linux-x64 --self-contained false -o "$work/cli" "$@" > /dev/null

hyperfine -N --warmup 3 --runs 15 --prepare "rm -rf $work/rendered" --export-json "$work/results.json" \
  "$work/hello/out/hello" \
  "$work/cli/Frontend.Cli render prod --out $work/rendered"
python3 - "$work/results.json" <<'PY'
import json, sys
hello, render = json.load(open(sys.argv[1]))["results"]
print(f"median: hello {hello['median'] * 1000:.1f} ms, render prod {render['median'] * 1000:.1f} ms, "
      f"ratio {render['median'] / hello['median']:.1f}x")
PY
