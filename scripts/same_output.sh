#!/usr/bin/env bash
# Builds the bundled site with the generator of an earlier commit and with
# this checkout's, from this checkout's sources, and compares every output
# byte for byte: public/ alone, public/ with a collector data directory
# (受理情况), and the internal review site. For changes that must not change
# what the site says.
#
#   bash scripts/same_output.sh REV
set -euo pipefail
rev=${1:?usage: bash scripts/same_output.sh REV}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/old-src"
git -C "$root" archive "$rev" | tar -x -C "$work/old-src"
echo "same_output: building the generator of $(git -C "$root" rev-parse --short "$rev")" >&2
cmake -S "$work/old-src" -B "$work/old-build" -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$work/old-build" -j "$(nproc)" --target generator >/dev/null
echo "same_output: building this checkout's generator" >&2
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" -j "$(nproc)" --target generator collector >/dev/null

# One collector data directory for both, written by this checkout's fixture.
SITE_COLLECTOR="$root/build/collector/collector" node -e \
  "require(process.argv[1]).writeSubmissions(process.argv[2])" "$root/tests/e2e/lib/submissions_fixture.js" "$work/data"

for side in old new; do
  if [ "$side" = old ]; then gen="$work/old-build/generator/generator"; else gen="$root/build/generator/generator"; fi
  "$gen" build --site "$root" --out "$work/$side/public"
  "$gen" build --site "$root" --out "$work/$side/with-submissions" --submissions "$work/data" --internal "$work/$side/internal"
done

if diff -r "$work/old" "$work/new" >"$work/diff.txt"; then
  echo "same_output: identical: $(find "$work/new" -type f | wc -l) files, $(du -sb "$work/new" | cut -f1) bytes"
else
  head -50 "$work/diff.txt"
  echo "same_output: the outputs differ" >&2
  exit 1
fi
