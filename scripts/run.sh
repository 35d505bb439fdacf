#!/usr/bin/env bash
# Sets up, builds the bundled site into public/, starts the collector and
# nginx in front of both on loopback, as in production: the site under the
# configured base path, the collector's API under BASE/api/ and its
# signed-in pages under BASE/account/. The README's
# run command. NOW=2021-01-10T10:00:00+08:00 sets the collector's clock
# (the bundled calls closed in 2019 and 2021). Ctrl-C stops everything.
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
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM
./build/collector/collector serve --site . --data collector-data --listen "127.0.0.1:${collector_port}" "${clock[@]}" &
pids+=($!)
echo "collector: issue a unit's access code with: build/collector/collector issue-code --data collector-data UNIT"
echo "           a city staff account with:       build/collector/collector add-staff --data collector-data LOGIN --name 姓名"

# A private nginx whose pid file, temporary bodies and logs live in build/nginx/.
runtime="$PWD/build/nginx"
python3 scripts/nginx_conf.py --out "$runtime" --standalone --listen "127.0.0.1:${port}" \
  --public public --collector "127.0.0.1:${collector_port}"
# Debian installs nginx in sbin, which a normal user's PATH leaves out.
nginx="$(PATH="$PATH:/usr/sbin:/sbin" command -v nginx)"
"$nginx" -p "$runtime/" -c "$runtime/nginx.conf" -e stderr &
pids+=($!)
echo "site: http://127.0.0.1:${port}${base_path}"
echo "api:  http://127.0.0.1:${port}${base_path}api/submissions/FORM (access log: build/nginx/access.log)"
echo "sign in: http://127.0.0.1:${port}${base_path}account/sign-in/"
# Whichever stops first (or Ctrl-C) ends the run and takes the other along.
wait -n
