#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's real articles and fixtures, so the fuzzers
# start from files that reach deep into the engine instead of from nothing.
#
#   bash fuzz/seed.sh          # from anywhere; adds files, never deletes (rerun any time)
#
# parse:        every article of crates/articles/tests/corpora/** (Hexo's docs, Jekyll posts),
#               tests/fixtures/{edge,seed,hostile}/*; each seed is one selector byte (which
#               ParseOptions and file name, cycling through all twelve) followed by the file.
# front_matter: the same files are not in its opcode language, so it gets a few hand-made
#               programs (one per notation) and otherwise grows its own corpus.
# query:        a few dozen query strings (Latin, CJK, quotes, exclusions, folding cases).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engine="$here/../crates/articles/tests"
corpus="$here/corpus"
mkdir -p "$corpus/parse" "$corpus/query" "$corpus/front_matter"

# --- parse ---------------------------------------------------------------------------------
n=0
while IFS= read -r -d '' file; do
    selector=$((n % 12))
    name="$(basename "$file" | tr -c 'A-Za-z0-9._\n-' '_' | cut -c1-60)"
    out="$corpus/parse/seed-$(printf '%04d' "$n")-$name"
    { printf "\\$(printf '%03o' "$selector")"; cat "$file"; } > "$out"
    n=$((n + 1))
done < <(
    find "$engine/corpora" "$engine/fixtures/edge" "$engine/fixtures/seed" "$engine/fixtures/hostile" \
        -type f \( -name '*.md' -o -name '*.markdown' -o -name '*.html' \) -print0 | sort -z
)
echo "parse: $n seeds"

# --- query ---------------------------------------------------------------------------------
queries=(
    'rust' 'Rust wasm' '"hello world"' '"light engine"' '-draft' '-"old news"' 'rust -wasm'
    '脱贫' '脱贫攻坚' '金融 新浪财经' '贫' '"农村居民"' '-脱贫' '吾輩は猫' 'カタカナ' '한국어'
    '中文English' 'C++' 'C#' 'F#' '10%' 'ＲＵＳＴ' 'straße' 'STRASSE' 'ﬁ' 'ﬃ' 'Ⅻ' 'İstanbul'
    'café' 'cafe\u0301' 'naïve' '"' '""' '"half open' '-' '--' '- -' '"-"' '   ' '""""'
    'a' 'e' '👩‍👩‍👧' '"Quoted phrase"' 'getting started' '"cargo build"' 'hexo.io'
    '"中文English混排"' '-"" rust' 'ǅemal' '—' '|'
)
i=0
for q in "${queries[@]}"; do
    printf '%b' "$q" > "$corpus/query/seed-$(printf '%02d' "$i")"
    i=$((i + 1))
done
echo "query: $i seeds"

# --- front_matter --------------------------------------------------------------------------
# Bytes: selector, notation (0 YAML, 1 ---yaml, 2 TOML, 3 ;;; JSON, 4 Hexo JSON, 5 none),
# flags, then opcodes. Any bytes are a valid program; these just start each notation off.
fm="$corpus/front_matter"
printf '\x00\x00\x00\x00\x01\x01\x03\x03\x05\x07\x00\x01\x0c\x00\x05\x02\x02' > "$fm/seed-yaml"
printf '\x01\x01\x00\x02\x00\x02\x02\x00\x02\x01\x02\x07\x03\x02\x00\x01\x05\x0c\x02\x05' > "$fm/seed-yaml-lang"
printf '\x02\x02\x00\x00\x00\x10\x00\x01\x00\x10\x01\x03\x01\x01\x04\x03\x09\x00\x00\x02' > "$fm/seed-toml"
printf '\x00\x03\x00\x00\x00\x08\x00\x00\x01\x05\x02\x03\x00\x07\x00\x00\x01\x00' > "$fm/seed-json"
printf '\x01\x04\x02\x00\x00\x40\x00\x01\x01\x00\x00\x06\x00\x00\x02\x03\x02' > "$fm/seed-hexo-json"
printf '\x02\x05\x00\x00\x02\x01\x02\x01\x02\x00\x00\x01\x00\x03\x0a\x03\x04\x05\x04' > "$fm/seed-body"
echo "front_matter: $(ls "$fm" | wc -l) seeds"
