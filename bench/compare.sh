#!/usr/bin/env bash
# Side-by-side measurements for bench/RESULTS.md (issues 8 and 16), all in one run, alternating commands:
#   1. policyrules analyze over the corpus (data/corpus) copied N times (~130 MB) vs. a keyword scan
#      (rg -c -i -F -f TERMS, TERMS = the standard pack's lexicon phrases): the near-limit;
#   2. the standard pack vs. the pack plus 1,000 generated rules, in two shapes: frequent corpus words
#      (a phrase near a word, near/8) and words drawn at random from one service's vocabulary (two
#      lexicons of two entries each, plain near), so most rules have candidates in most documents;
#   3. peak memory of --format json (and jsonl) on the corpus copied N and 2N times: flat, not growing;
#   4. wall time and peak memory of analyze on one small document (start-up cost).
# Usage: bench/compare.sh [COPIES=20] [ROUNDS=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
copies=${1:-20}
rounds=${2:-3}
corpus=${POLICYRULES_CORPUS:-$repo/data/corpus}
work=${BENCH_WORK:-/tmp/policyrules-bench}

command -v rg >/dev/null || { apt-get install -y -qq ripgrep >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }; }
[ -x /usr/bin/time ] || apt-get install -y -qq time >/dev/null

echo "publishing the native executable (what users install) ..." >&2
rm -rf "$work/cli"
dotnet publish "$repo/src/PolicyRules.Cli" -c Release -o "$work/cli" >/dev/null
cli="$work/cli/policyrules"

mkdir -p "$work"
if [ ! -d "$work/corpus-x$copies" ]; then
  echo "copying the corpus $copies times ..." >&2
  for i in $(seq 1 "$copies"); do mkdir -p "$work/corpus-x$copies/copy$i"; cp -r "$corpus"/*/ "$work/corpus-x$copies/copy$i/"; done
fi
data="$work/corpus-x$copies"
bytes=$(find "$data" -type f -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')
mb=$(awk "BEGIN {printf \"%.1f\", $bytes/1e6}")

"$cli" rules --format terms > "$work/terms.txt"
terms=$(wc -l < "$work/terms.txt")

# 1,000 generated rules over frequent corpus words (a phrase and a proximity pair each).
python3 - "$corpus" "$work/generated.rules" <<'PY'
import collections, os, re, sys
words = collections.Counter()
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith('.md'):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{5,}", open(os.path.join(root, f), encoding='utf-8', errors='replace').read()))
common = [w for w, _ in words.most_common(3000)][100:]
with open(sys.argv[2], 'w') as out:
    for i in range(1000):
        a, b = common[(i * 7) % len(common)], common[(i * 13 + 5) % len(common)]
        out.write(f'lexicon gen-{i} = "{a}" | "{b} {a}"\n')
        out.write(f'rule GEN{i:04d} "Generated {i}" {{ provision use.inferences match gen-{i} near/8 "{b}" example "{a} {b}" }}\n')
PY

# 1,000 generated rules over words drawn at random (seeded) from the openai-chatgpt documents'
# vocabulary (words longer than four letters), the shape issue 16 measured.
python3 - "$corpus" "$work/random-vocabulary.rules" <<'PY'
import os, random, re, sys
words = set()
for root, _, files in os.walk(os.path.join(sys.argv[1], 'openai-chatgpt')):
    for f in files:
        if f.endswith('.md'):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{5,}", open(os.path.join(root, f), encoding='utf-8', errors='replace').read()))
vocabulary = sorted(words)
rnd = random.Random(17)
with open(sys.argv[2], 'w') as out:
    for i in range(1000):
        a1, a2, a3, b1, b2 = (rnd.choice(vocabulary) for _ in range(5))
        out.write(f'lexicon gen{i}a = "{a1}" | "{a2} {a3}"\nlexicon gen{i}b = "{b1}" | "{b2}"\n')
        out.write(f'rule GEN{i:04d} "generated {i}" {{\n  provision training.user-content\n  match gen{i}a near gen{i}b\n}}\n')
PY

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); awk "BEGIN {printf \"%.3f\", $e-$s}"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$work/rg.t"; : > "$work/pr.t"; : > "$work/pr1000.t"; : > "$work/prrandom.t"
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds ..." >&2
  seconds rg -c -i -F -f "$work/terms.txt" "$data" >> "$work/rg.t"; echo >> "$work/rg.t"
  seconds "$cli" analyze "$data" --format jsonl -o /dev/null >> "$work/pr.t"; echo >> "$work/pr.t"
  seconds "$cli" analyze "$data" --rules "$work/generated.rules" --format jsonl -o /dev/null >> "$work/pr1000.t"; echo >> "$work/pr1000.t"
  seconds "$cli" analyze "$data" --rules "$work/random-vocabulary.rules" --format jsonl -o /dev/null >> "$work/prrandom.t"; echo >> "$work/prrandom.t"
done
rg_s=$(median < "$work/rg.t"); pr_s=$(median < "$work/pr.t"); pr1000_s=$(median < "$work/pr1000.t"); prrandom_s=$(median < "$work/prrandom.t")

# Peak memory of the whole-report formats on N and 2N copies: streaming keeps it flat.
double=$((copies * 2))
if [ ! -d "$work/corpus-x$double" ]; then
  echo "copying the corpus $double times ..." >&2
  for i in $(seq 1 "$double"); do mkdir -p "$work/corpus-x$double/copy$i"; cp -r "$corpus"/*/ "$work/corpus-x$double/copy$i/"; done
fi
peak() { /usr/bin/time -v "$cli" analyze "$1" --format "$2" -o /dev/null 2> "$work/peak.time" >/dev/null || true; awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/peak.time"; }
json_rss=$(peak "$data" json); json2_rss=$(peak "$work/corpus-x$double" json)
sarif_rss=$(peak "$data" sarif); html_rss=$(peak "$data" html); markdown_rss=$(peak "$data" markdown)
mb2=$(awk "BEGIN {printf \"%.1f\", $(find "$work/corpus-x$double" -type f -name '*.md' -printf '%s\n' | awk '{s+=$1} END {print s}')/1e6}")

/usr/bin/time -v "$cli" analyze "$data" --format jsonl -o /dev/null 2> "$work/big.time" >/dev/null || true
big_rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/big.time")
small="$repo/samples/acme-ai/privacy-policy/2026-01-15.md"
for i in 1 2 3; do /usr/bin/time -v "$cli" analyze "$small" -o /dev/null 2> "$work/small.time" >/dev/null || true; done
small_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); printf "%.2f", t[1]*60+t[2]}' "$work/small.time")
small_rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$work/small.time")

cat <<REPORT
machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), $(dotnet --version) SDK; rg $(rg --version | head -1 | cut -d' ' -f2)
data: $mb MB in $(find "$data" -type f -name '*.md' | wc -l) documents (corpus x$copies); $terms lexicon terms; medians of $rounds alternating rounds
keyword scan (rg -c -i -F -f TERMS):       ${rg_s} s   $(awk "BEGIN {printf \"%.0f\", $mb/$rg_s}") MB/s
policyrules analyze (standard pack):        ${pr_s} s   $(awk "BEGIN {printf \"%.0f\", $mb/$pr_s}") MB/s   ratio to rg $(awk "BEGIN {printf \"%.2f\", $pr_s/$rg_s}")x (target <= 3x)
policyrules analyze (+1,000 rules, frequent words, near/8):   ${pr1000_s} s   ratio to the standard pack $(awk "BEGIN {printf \"%.2f\", $pr1000_s/$pr_s}")x (target <= 1.3x)
policyrules analyze (+1,000 rules, random vocabulary, near):  ${prrandom_s} s   ratio to the standard pack $(awk "BEGIN {printf \"%.2f\", $prrandom_s/$pr_s}")x (target <= 1.3x)
peak memory, --format json:                 ${json_rss} MB on $mb MB, ${json2_rss} MB on $mb2 MB (target <= 300 MB, flat)
peak memory, other formats on $mb MB:       sarif ${sarif_rss} MB, html ${html_rss} MB, markdown ${markdown_rss} MB
peak memory, --format jsonl, $mb MB run:    ${big_rss} MB (target < 1024 MB)
one small document:                         ${small_wall} s wall, ${small_rss} MB peak (target < 0.3 s)
REPORT
