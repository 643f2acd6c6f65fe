#!/usr/bin/env bash
# Builds the scratch Python environment that runs the real Python libraries (TextBlob, VADER,
# NLTK + WordNet 3.0, scikit-learn) for differential testing and for regenerating the committed
# tables and expected values. Never used by the product's build or tests.
#   tools/refenv.sh [DIR]   (default: .refvenv in the repository root; needs root for apt)
# Prints the two variables to export.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(realpath -m "${1:-$root/.refvenv}")
if [ ! -x "$dir/bin/python" ]; then
  python3 -m venv "$dir"
  "$dir/bin/pip" install -q textblob==0.20.1 vaderSentiment==3.3.2 nltk==3.10.4 pandas scikit-learn==1.9.1
fi
if [ ! -f "$dir/nltk_data/corpora/wordnet/index.noun" ]; then
  command -v apt-get >/dev/null && { apt-get update -qq || true; }
  bash "$root/tools/reference/setup_nltk_data.sh" "$dir/nltk_data" >/dev/null
fi
echo "export REFPY=$dir/bin/python NLTK_DATA=$dir/nltk_data"
