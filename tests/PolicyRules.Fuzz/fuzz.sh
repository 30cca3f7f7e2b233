#!/usr/bin/env bash
# Fuzz the document loaders with AFL++ and SharpFuzz for SECONDS seconds (default 60).
# Exits 1 when AFL found a crash (saved under $OUT/default/crashes), 0 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-60}
out=${FUZZ_OUT:-/tmp/policyrules-fuzz}
command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++ >/dev/null; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null
rm -rf "$out" && mkdir -p "$out/in"
dotnet publish "$here/PolicyRules.Fuzz.csproj" -c Release -o "$out/bin" >/dev/null
sharpfuzz "$out/bin/PolicyRules.Core.dll" >/dev/null
# Seeds: small real-world shapes (Markdown, HTML, text) from the project's samples.
cp "$here/../../samples/acme-ai/privacy-policy/2026-01-15.md" "$out/in/policy.md"
head -c 4000 "$here/../../samples/acme-ai/terms-of-service/2026-01-15.html" > "$out/in/terms.html"
cp "$here/../../samples/example-chat/privacy-policy/2025-11-02.txt" "$out/in/notice.txt"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
timeout --preserve-status $((seconds + 30)) afl-fuzz -V "$seconds" -i "$out/in" -o "$out/out" -t 10000 -m none -- dotnet "$out/bin/PolicyRules.Fuzz.dll" >"$out/afl.log" 2>&1 || true
crashes=$(find "$out/out" -path '*crashes/id*' 2>/dev/null | wc -l)
execs=$(grep -h '^execs_done' "$out"/out/*/fuzzer_stats 2>/dev/null | awk '{s+=$3} END {print s+0}')
echo "fuzz: $execs executions in ${seconds} s, $crashes crashes"
[ "$crashes" -eq 0 ]
