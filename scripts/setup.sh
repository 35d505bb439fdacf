#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and tests with.
# Run as root (or with sudo); safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev nlohmann-json3-dev
  libyaml-cpp-dev libmimalloc-dev catch2
  libcpp-httplib-dev libsodium-dev libssl-dev
  nginx
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo "$0" "$@"
  fi
  echo "setup: these packages are missing: ${missing[*]}" >&2
  echo "setup: run this script as root to install them with apt-get" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
