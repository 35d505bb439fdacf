#!/usr/bin/env bash
# Sets up, builds the bundled site into public/ and serves it on loopback,
# under the same path as the configured base_url. The README's run command.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target generator
base_path="$(python3 -c 'import json,urllib.parse; print(urllib.parse.urlsplit(json.load(open("config.json"))["base_url"]).path or "/")')"
./build/generator/generator build --site . --out public --base-url "http://127.0.0.1:${port}${base_path}"

# Serve public/ at the base path, as the city portal will.
serve_root=build/serve
rm -rf "$serve_root"
mkdir -p "$serve_root$(dirname "${base_path%/}")"
ln -s "$PWD/public" "$serve_root${base_path%/}"
echo "site: http://127.0.0.1:${port}${base_path}"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$serve_root"
