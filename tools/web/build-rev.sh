#!/usr/bin/env bash
# Builds the page of another commit into DIR (a git worktree with its pkg/ built by its own
# scripts/build-web.sh), for `node tools/web/bench.mjs --before DIR`: the bench serves it on a
# second port and loads it interleaved with the current page, in the same run. It shares this
# checkout's node_modules and cargo target directory (only the crate itself is rebuilt).
#   tools/web/build-rev.sh main /tmp/ti-before && node tools/web/bench.mjs --pages-only --before /tmp/ti-before
# Remove it afterwards with: git worktree remove --force DIR
set -euo pipefail
rev=${1:?usage: tools/web/build-rev.sh REV DIR}
dir=${2:?usage: tools/web/build-rev.sh REV DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$dir" ]; then git -C "$root" worktree add --detach "$dir" "$rev" >&2; fi
git -C "$dir" checkout -q --detach "$rev"
for shared in node_modules target; do
  [ -e "$dir/$shared" ] || ln -s "$root/$shared" "$dir/$shared"
done
(cd "$dir" && scripts/build-web.sh)
