#!/usr/bin/env bash
# Sets up, builds the bundled site into public/, starts the collector and
# nginx in front of both on loopback, as in production: the site under the
# configured base path, the collector's API under BASE/api/ and its
# signed-in pages under BASE/account/. The README's
# run command. NOW=2021-01-10T10:00:00+08:00 sets the collector's clock
# (the bundled calls closed in 2019 and 2021). Ctrl-C stops everything.
#
# DEMO=1 walks the review chain instead: a copy of the site with demo
# schools that may apply (build/demo/site), a fresh data directory of its
# own (build/demo/collector-data, never collector-data/), the clock on an
# open day of the 2019 call, and the sign-in codes of a school, its county
# and a city staff account printed at start.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
collector_port="${COLLECTOR_PORT:-8081}"
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target generator collector
site=. data=collector-data public=public
if [ "${DEMO:-}" = 1 ]; then
  site=build/demo/site data=build/demo/collector-data public=build/demo/public
  NOW="${NOW:-2019-09-10T09:00:00+08:00}"
  python3 scripts/demo_site.py --out "$site" >/dev/null
  rm -rf "$data"
  mkdir -p "$data"
  demo_school=$(./build/collector/collector issue-code --data "$data" demo-pingjiang-1)
  demo_county=$(./build/collector/collector issue-code --data "$data" pingjiang)
  demo_staff=$(./build/collector/collector add-staff --data "$data" demo --name 演示工作人员)
  demo_expert=$(./build/collector/collector add-staff --data "$data" demo-expert --name 演示专家 --expert --site "$site" --county yueyanglou)
fi
base_path="$(python3 -c 'import json,sys,urllib.parse; print(urllib.parse.urlsplit(json.load(open(sys.argv[1]))["base_url"]).path or "/")' "$site/config.json")"
# With submissions already received, the site shows each call's 受理情况.
submissions=()
[ -d "$data/submissions" ] && submissions=(--submissions "$data")
# Open and closed calls are shown as of the collector's day: today in
# Asia/Shanghai, or the day NOW names.
today="${NOW:-$(TZ=Asia/Shanghai date +%F)}"
./build/generator/generator build --site "$site" --out "$public" --base-url "http://127.0.0.1:${port}${base_path}" --today "${today:0:10}" "${submissions[@]}"

# The key directory, outside the data repository (build/ here; KEYS
# elsewhere): the calls' keys that seal personal data, made as they are
# needed, and the receipt key. Production publishes the receipt key's public
# half through the site (collector receipt-key --publish); this run copies it
# into the output.
keys="${KEYS:-build/keys}"
[ -f "$keys/current" ] || ./build/collector/collector receipt-key --keys "$keys" >/dev/null
mkdir -p "$public/receipt-keys"
cp "$keys"/*.pem "$public/receipt-keys/"

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
./build/collector/collector serve --site "$site" --data "$data" --listen "127.0.0.1:${collector_port}" --keys "$keys" "${clock[@]}" &
pids+=($!)
echo "collector: issue a unit's access code with: build/collector/collector issue-code --data $data UNIT"
echo "           a city staff account with:       build/collector/collector add-staff --data $data LOGIN --name 姓名"

# A private nginx whose pid file, temporary bodies and logs live in build/nginx/.
runtime="$PWD/build/nginx"
python3 scripts/nginx_conf.py --out "$runtime" --standalone --listen "127.0.0.1:${port}" \
  --public "$public" --collector "127.0.0.1:${collector_port}"
# Debian installs nginx in sbin, which a normal user's PATH leaves out.
nginx="$(PATH="$PATH:/usr/sbin:/sbin" command -v nginx)"
"$nginx" -p "$runtime/" -c "$runtime/nginx.conf" -e stderr &
pids+=($!)
echo "site: http://127.0.0.1:${port}${base_path}"
echo "api:  http://127.0.0.1:${port}${base_path}api/submissions/FORM (access log: build/nginx/access.log)"
echo "sign in: http://127.0.0.1:${port}${base_path}account/sign-in/"
if [ "${DEMO:-}" = 1 ]; then
  echo "demo, the 2019 call open on ${NOW:0:10} (build/demo/, never collector-data/):"
  echo "  school 平江县演示第一中学 (demo-pingjiang-1): access code $demo_school"
  echo "  county 平江县教育局 (pingjiang):            access code $demo_county"
  echo "  city staff 演示工作人员: login demo, password $demo_staff"
  echo "  expert 演示专家 (岳阳楼区):          login demo-expert, password $demo_expert"
fi
# Whichever stops first (or Ctrl-C) ends the run and takes the other along.
wait -n
