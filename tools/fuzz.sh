#!/usr/bin/env bash
# Fuzzes the core (issue 12): the importer, the template loader and the
# Vietnamese number and date parsers, each target for FUZZ_RUNS inputs
# (default 1,000,000), with libFuzzer through cargo-fuzz on the stable
# toolchain (no sanitizer: the core is safe Rust, what is looked for is a
# panic, an arithmetic overflow or a failed property). Prints one line per
# target and exits nonzero if any target crashed. See fuzz/ and README.
#
# Usage: tools/fuzz.sh [target...]     (default: number date template import)
#   FUZZ_RUNS=N       inputs per target (default 1000000)
#   FUZZ_SECONDS=S    also stop each target after S seconds (default 0: no limit)
#   FUZZ_TIMEOUT=S    an input taking longer is a failure (default 30)
#
# The corpus each target grows is kept in fuzz/corpus/<target> (not in git;
# delete it to start afresh); the seeds are copied from their sources at
# each run into fuzz/target/seeds/<target>; a crashing input is written to
# fuzz/artifacts/<target>/ and the log to fuzz/target/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
RUNS=${FUZZ_RUNS:-1000000}
SECONDS_LIMIT=${FUZZ_SECONDS:-0}
TIMEOUT=${FUZZ_TIMEOUT:-30}
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(number date template import)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
# 1234567 -> 1,234,567
grouped() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

if [[ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a minute or two, once)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

say "building the fuzz targets (stable toolchain, no sanitizer)"
# The lock file is committed: fail rather than resolve other versions.
cargo fetch --locked --manifest-path fuzz/Cargo.toml
# All targets: the import target also writes the exported seeds.
cargo fuzz build --sanitizer none
BIN=fuzz/target/x86_64-unknown-linux-gnu/release

# Seeds, fresh from their sources at each run (no copies in git).
SEEDS=fuzz/target/seeds
rm -rf "$SEEDS"
mkdir -p "$SEEDS"/{import,template,number,date} fuzz/target/logs
# Every file a user might pick: the sample (a bare report), every fixture
# (bad files and older formats), and the exported files the import target
# writes (the sample and a new report of each template, as exported now).
cp public/examples/*.json tests/e2e/fixtures/* tests/fixtures/formats/* "$SEEDS/import/"
CCHC_FUZZ_WRITE_SEEDS="$SEEDS/import" "$BIN/import" 2>/dev/null
# Every template the repository has, good and broken, and the bad files.
cp public/templates/*.json tests/fixtures/templates/*.json tests/e2e/fixtures/* "$SEEDS/template/"
# What a clerk types (README: `16.091.000`, `99,52`, `06/3/2025`) and the edges.
seed() {
  local dir=$1 index=0
  shift
  for text in "$@"; do
    printf '%s' "$text" >"$dir/seed-$index"
    index=$((index + 1))
  done
}
seed "$SEEDS/number" "16.091.000" "99,52" "1.234,5" "1.234,05" "-3" "+7" "−5" "16 091 000" \
  "16 091 000" "99.52" "99,5%" "99,525" "40 %" "0" "0,00" "843" "1040" "2025" \
  "999.999.999.999.999" "1000000000000000" "90.071.992.547.409,99" "1.5" "1.500" "12.34.567"
seed "$SEEDS/date" "06/3/2025" "6/3/2025" "06-03-2025" "6.3.2025" "2025-03-06" "29/02/2024" \
  "29/02/2025" "31/4/2025" "1/1/1000" "31/12/9999" "15/12/2024" "2025" " 06/3/2025 " "0/0/0000"
# A dictionary for the JSON targets: JSON's tokens, and every key and short
# code-like value of the seeds (`format_version`, `half_up`, `1.1.a`).
{
  printf '"%s"\n' '{' '}' '[' ']' ':' ',' 'null' 'true' 'false' '\"' '\\u0301' '-0' '1e308' '0.01'
  cat "$SEEDS"/import/*.json "$SEEDS"/template/*.json 2>/dev/null |
    grep -aoE '"[A-Za-z0-9_.$-]{1,40}"' | sort -u | sed 's/"/\\"/g; s/.*/"&"/'
} >"$SEEDS/json.dict"

failed=0
summary=()
for target in "${TARGETS[@]}"; do
  case $target in
    import | template) options=(-dict="$SEEDS/json.dict") ;;
    number | date) options=(-max_len=128) ;;
    *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
  esac
  corpus=fuzz/corpus/$target
  artifacts=fuzz/artifacts/$target
  log=fuzz/target/logs/$target.log
  mkdir -p "$corpus" "$artifacts"
  say "fuzzing $target: $(grouped "$RUNS") inputs$( ((SECONDS_LIMIT)) && echo " or $SECONDS_LIMIT s") (log: $log)"
  status=0
  "$BIN/$target" -runs="$RUNS" -max_total_time="$SECONDS_LIMIT" -timeout="$TIMEOUT" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${options[@]}" \
    "$corpus" "$SEEDS/$target" >"$log" 2>&1 || status=$?
  # libFuzzer's last words: `Done 1000000 runs in 812 second(s)`.
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  if ((status == 0)) && [[ $done_line =~ ^Done\ ([0-9]+)\ runs\ in\ ([0-9]+)\ second ]]; then
    runs=${BASH_REMATCH[1]} secs=${BASH_REMATCH[2]}
    line=$(printf '%-9s %13s inputs in %5d s (%s/s), 0 panics, corpus %d files' "$target" \
      "$(grouped "$runs")" "$secs" "$(grouped $((runs / (secs > 0 ? secs : 1))))" \
      "$(find "$corpus" -type f | wc -l)")
  else
    failed=1
    tail -n 40 "$log"
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    line=$(printf '%-9s FAILED after about %s inputs: %s; the input is in %s/' "$target" \
      "$(grouped "${runs:-0}")" \
      "$(grep -m1 -oE 'panicked at .*|ERROR: libFuzzer: .*' "$log" || echo "exit status $status")" \
      "$artifacts")
  fi
  echo "$line"
  summary+=("$line")
done

echo
say "fuzzing summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
