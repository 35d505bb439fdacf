#!/usr/bin/env bash
# Sets up, builds the bundled site into public/, starts the collector and
# serves the site on loopback under the configured base path. The README's
# run command. NOW=2021-01-10T10:00:00+08:00 sets the collector's clock
# (the bundled calls closed in 2019 and 2021).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
collector_port="${COLLECTOR_PORT:-8081}"
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target generator collector
base_path="$(python3 -c 'import json,urllib.parse; print(urllib.parse.urlsplit(json.load(open("config.json"))["base_url"]).path or "/")')"
# With submissions already received, the site shows each call's 受理情况.
submissions=()
[ -d collector-data/submissions ] && submissions=(--submissions collector-data)
# Open and closed calls are shown as of the collector's day: today in
# Asia/Shanghai, or the day NOW names.
today="${NOW:-$(TZ=Asia/Shanghai date +%F)}"
./build/generator/generator build --site . --out public --base-url "http://127.0.0.1:${port}${base_path}" --today "${today:0:10}" "${submissions[@]}"

# Submissions go to collector-data/, a git repository of their own.
clock=()
[ -n "${NOW:-}" ] && clock=(--now "$NOW")
./build/collector/collector serve --site . --data collector-data --listen "127.0.0.1:${collector_port}" "${clock[@]}" &
collector_pid=$!
trap 'kill "$collector_pid" 2>/dev/null; wait "$collector_pid" 2>/dev/null' EXIT
echo "collector: issue a unit's access code with: build/collector/collector issue-code --data collector-data UNIT"

# Serve public/ at the base path, as the city portal will.
serve_root=build/serve
rm -rf "$serve_root"
mkdir -p "$serve_root$(dirname "${base_path%/}")"
ln -s "$PWD/public" "$serve_root${base_path%/}"
echo "site: http://127.0.0.1:${port}${base_path}"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$serve_root"
