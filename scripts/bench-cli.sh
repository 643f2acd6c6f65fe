#!/usr/bin/env bash
# The CLI at full machine speed (issue 16), on this machine: tickets/s of `score --analyzer
# textblob` and of `predict` (models/improved.bin: text features from raw tickets) on 1 and 2
# threads, alternating REPS times; peak RSS (GNU time's maximum resident set, the kernel's
# VmHWM) of `score` on 1M and 10M lines and of `predict` on 200k, 1M (and 10M) tickets;
# `generate` and `train --features improved` on 1,000,000 raw tickets (time, peak RSS). The
# inputs are written by `ticket-insights generate` (kaggle layout, seed 1) into a scratch
# directory and deleted at the end. Prints one JSON object in tools/bench/report.py's format.
#   scripts/bench-cli.sh > cli.json   (scripts/bench.sh does this)
#   scripts/bench-cli.sh --update     (on its own: also merges the figures into
#                                      benches/results.json and benches/results.md)
#   REPS=3                            rounds of the 1-vs-2-thread throughput runs
#   CLI_BIG=0                         skip the 10M-line `score` run
#   CLI_PREDICT_10M=1                 also `predict` 10M tickets (generating them takes long)
#   CLI_TRAIN="--solver lbfgs"        more `train` arguments (default: none)
# Every figure is also printed to stderr as it is measured.
# Run it on a quiet machine: the 2-thread figure needs both cores free.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
big=${CLI_BIG:-1}
predict_10m=${CLI_PREDICT_10M:-0}
py=${REFPY:-python3}
cargo build --release --bin ticket-insights >&2
bin=$PWD/target/release/ticket-insights
model=$PWD/models/improved.bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
figures=$tmp/figures
: > "$figures"

# run NAME CMD...: runs CMD (stdout dropped, stderr kept in $tmp/NAME.err), prints
# "seconds max_rss_kb"; a failing command stops the bench.
run() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %M" -o "$tmp/$name.time" "$@" > /dev/null 2> "$tmp/$name.err"; then
    echo "bench-cli: $name failed:" >&2
    tail -5 "$tmp/$name.err" >&2
    exit 1
  fi
  cat "$tmp/$name.time"
}
# record UNIT NAME VALUE
record() {
  echo "$1 $2 $3" >> "$figures"
  echo "bench-cli: $1 $2 $3" >&2
}
# jsonl CSV OUT COPIES: the CSV's descriptions as score requests, COPIES times over, ids unique.
jsonl() {
  "$py" - "$1" "$2" "$3" <<'EOF'
import csv, json, sys
csv.field_size_limit(1 << 30)
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    texts = [row["Ticket Description"] for row in csv.DictReader(f)]
with open(sys.argv[2], "w") as out:
    i = 0
    for _ in range(int(sys.argv[3])):
        for text in texts:
            out.write(json.dumps({"id": i, "text": text}) + "\n")
            i += 1
EOF
}

echo "bench-cli: load before: $(uptime)" >&2
read -r s kb < <(run generate_1m "$bin" generate --layout kaggle --rows 1000000 --out "$tmp/1m.csv")
record s_elapsed cli_generate_1m "$s"
record mb_peak cli_generate_1m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
"$bin" generate --layout kaggle --rows 200000 --out "$tmp/200k.csv" 2> /dev/null
jsonl "$tmp/1m.csv" "$tmp/1m.jsonl" 1
head -n 200000 "$tmp/1m.jsonl" > "$tmp/200k.jsonl"

# Throughput, 1 and 2 threads alternating.
for i in $(seq "$reps"); do
  echo "bench-cli: throughput round $i/$reps" >&2
  for threads in 1 2; do
    label=$([ "$threads" = 1 ] && echo 1_thread || echo 2_threads)
    read -r s kb < <(run "score_$threads" "$bin" score --analyzer textblob --threads "$threads" \
      --input "$tmp/200k.jsonl")
    record tickets_per_s "cli_score_$label" "$(awk -v s="$s" 'BEGIN {print 200000 / s}')"
    read -r s kb < <(run "predict_$threads" "$bin" predict --threads "$threads" \
      --data "$tmp/200k.csv" --model "$model")
    record tickets_per_s "cli_predict_$label" "$(awk -v s="$s" 'BEGIN {print 200000 / s}')"
    if [ "$threads" = 2 ] && [ "$i" = 1 ]; then
      record mb_peak cli_predict_200k "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
    fi
  done
done

# Peak memory against the row count (2 threads).
echo "bench-cli: peak memory" >&2
read -r s kb < <(run score_1m "$bin" score --analyzer textblob --threads 2 --input "$tmp/1m.jsonl")
record mb_peak cli_score_1m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
read -r s kb < <(run predict_1m "$bin" predict --threads 2 --data "$tmp/1m.csv" --model "$model")
record mb_peak cli_predict_1m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
if [ "$big" = 1 ]; then
  jsonl "$tmp/1m.csv" "$tmp/10m.jsonl" 10
  read -r s kb < <(run score_10m "$bin" score --analyzer textblob --threads 2 \
    --input "$tmp/10m.jsonl")
  record mb_peak cli_score_10m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
  rm -f "$tmp/10m.jsonl"
fi
if [ "$predict_10m" = 1 ]; then
  "$bin" generate --layout kaggle --rows 10000000 --out "$tmp/10m.csv" 2> /dev/null
  read -r s kb < <(run predict_10m "$bin" predict --threads 2 --data "$tmp/10m.csv" \
    --model "$model")
  record mb_peak cli_predict_10m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
  rm -f "$tmp/10m.csv"
fi

# Training on 1,000,000 raw tickets: the improved set's text features included.
echo "bench-cli: train on 1,000,000 tickets" >&2
# shellcheck disable=SC2086 # CLI_TRAIN is split into arguments on purpose
if /usr/bin/time -f "%e %M" -o "$tmp/train.time" "$bin" train --data "$tmp/1m.csv" \
  --features improved --permutations 0 ${CLI_TRAIN:-} --out "$tmp/model.bin" \
  > /dev/null 2> "$tmp/train.err"; then
  read -r s kb < "$tmp/train.time"
  record s_elapsed cli_train_1m "$s"
  record mb_peak cli_train_1m "$(awk -v kb="$kb" 'BEGIN {print kb / 1024}')"
else
  # A training that fails (a solver that does not converge) is reported, not measured.
  echo "bench-cli: train on 1,000,000 tickets failed (seconds, max RSS kB: $(tail -1 "$tmp/train.time")):" >&2
  tail -3 "$tmp/train.err" >&2
fi
echo "bench-cli: load after: $(uptime)" >&2

"$py" - "$figures" "$(nproc)" "$(uptime)" > "$tmp/cli.json" <<'EOF'
import json, sys
out = {"cli_threads_available": int(sys.argv[2]), "cli_load_after": sys.argv[3].strip()}
for line in open(sys.argv[1]):
    unit, name, value = line.split()
    out.setdefault(unit, {}).setdefault(name, []).append(float(value))
print(json.dumps(out, indent=1))
EOF
cat "$tmp/cli.json"
if [ "${1:-}" = "--update" ]; then
  "$py" tools/bench/report.py --update "$tmp/cli.json" > /dev/null
  echo "bench-cli: merged into benches/results.json and benches/results.md" >&2
fi
