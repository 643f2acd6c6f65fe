#!/usr/bin/env bash
# Fuzzes the readers, the model decoder and the analyzers (the targets in fuzz/fuzz_targets/)
# with libFuzzer, on stable Rust: the fuzz crate is built with the same sanitizer-coverage
# flags cargo-fuzz passes for `--sanitizer none`, all of them stable rustc flags, so neither
# nightly nor cargo-fuzz is needed. Each target starts from its committed corpus
# (fuzz/corpus/TARGET, read only); what it finds goes to fuzz/corpus-new/TARGET and crashes to
# fuzz/artifacts/TARGET/, both ignored by git.
#
#   scripts/fuzz.sh                 every target for 15 s (what scripts/test.sh runs)
#   scripts/fuzz.sh 600             every target for 10 minutes
#   scripts/fuzz.sh 3600 jsonl csv  only these targets, an hour each
#   FUZZ_MERGE=1 scripts/fuzz.sh 0  merge corpus-new into the committed corpus, minimized
#
# Prints one line per target: executions, and the corpus libFuzzer ended with (inputs and
# bytes). Exits non-zero if any target crashed, naming the input that did.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-15}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(textblob vader seed model jsonl csv)
fi

host=$(rustc -vV | sed -n 's/^host: //p')
# cargo-fuzz's flags without a sanitizer, given by scripts/fuzz-rustc.sh to this crate and the
# targets only (`--target` keeps them off build scripts and macros).
export RUSTC_WRAPPER="$PWD/scripts/fuzz-rustc.sh"
export FUZZ_RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing"
start=$(date +%s)
cargo build --quiet --manifest-path fuzz/Cargo.toml --release --target "$host" --bins
echo "fuzz: built in $(( $(date +%s) - start )) s" >&2
bin=fuzz/target/$host/release

status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus-new/$t" "fuzz/artifacts/$t"
  log=fuzz/artifacts/$t/last-run.log
  if [ "${FUZZ_MERGE:-0}" = 1 ]; then
    "$bin/$t" -merge=1 "fuzz/corpus/$t" "fuzz/corpus-new/$t" >"$log" 2>&1
    echo "fuzz $t: merged, corpus now $(ls "fuzz/corpus/$t" | wc -l) inputs" >&2
    continue
  fi
  if "$bin/$t" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="fuzz/artifacts/$t/" "fuzz/corpus-new/$t" "fuzz/corpus/$t" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    corpus=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
    echo "fuzz $t: ${runs:-?} executions in ${seconds} s, corpus ${corpus:-?} (inputs/bytes)" >&2
  else
    status=1
    echo "fuzz $t: FAILED; input: $(ls -t fuzz/artifacts/$t/ | grep -v last-run.log | head -1)" >&2
    grep -E 'panicked|ERROR|SUMMARY' "$log" | head -5 >&2
  fi
done
echo "fuzz: done in $(( $(date +%s) - start )) s" >&2
exit $status
