#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and tests with, then
# the browser-side test tools (tests/e2e). Run as root (or with sudo); safe
# to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev nlohmann-json3-dev
  libyaml-cpp-dev libmimalloc-dev catch2
  libcpp-httplib-dev libsodium-dev libssl-dev
  # The quality gates: pages are checked in Debian's Chromium, and the
  # screenshots need a font that has the Chinese glyphs.
  chromium fonts-noto-cjk
)
# The Nu Html Checker runs on Java 17; any java already on the PATH will do.
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
# Node.js may come from elsewhere than Debian (the gates need 20 or newer).
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "setup: these packages are missing: ${missing[*]}" >&2
      echo "setup: run this script as root to install them with apt-get" >&2
      exit 1
    fi
    as_root=(sudo)
  fi
  echo "setup: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm runs as the caller, so that node_modules belongs to whoever builds.
bash tests/e2e/install.sh
