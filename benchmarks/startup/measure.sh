#!/usr/bin/env bash
# `render prod` as CI runs it (docs/performance.md) against a bare `dotnet` console hello-world start, side by side
# in one hyperfine run: the median of each, and their ratio. Needs hyperfine (apt-get install hyperfine).
# The render is measured twice: as a later render in a job (the multi-core JIT profile of an earlier run is in the
# temp folder, tools/Frontend.Cli/JitProfile.cs) and as the first render of a fresh job (no profile yet).
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

# The profile goes to $TMPDIR/frontend-cli-jit; a temp folder of our own lets the first-render case remove it.
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
hyperfine -N --warmup 3 --runs 21 --export-json "$work/results.json" \
  --prepare "rm -rf $work/rendered" "$work/hello/out/hello" \
  --prepare "rm -rf $work/rendered" "$work/cli/Frontend.Cli render prod --out $work/rendered" \
  --prepare "rm -rf $work/rendered $TMPDIR/frontend-cli-jit" "$work/cli/Frontend.Cli render prod --out $work/rendered"
python3 - "$work/results.json" <<'PY'
import json, sys
hello, later, first = json.load(open(sys.argv[1]))["results"]
print(f"median: hello {hello['median'] * 1000:.1f} ms")
for name, run in (("render prod, later in a job", later), ("render prod, first in a job", first)):
    cpu = (run["user"] + run["system"]) * 1000
    print(f"median: {name} {run['median'] * 1000:.1f} ms ({cpu:.0f} ms CPU), ratio {run['median'] / hello['median']:.1f}x")
PY
