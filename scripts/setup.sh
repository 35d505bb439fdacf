#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds and tests with.
# Run as root (or with sudo); safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  libcmark-gfm-dev libcmark-gfm-extensions-dev libkainjow-mustache-dev nlohmann-json3-dev
  libyaml-cpp-dev libmimalloc-dev catch2
  libcpp-httplib-dev libsodium-dev libssl-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev
  nginx nodejs
)

# Tests read the generated DOCX and XLSX back through LibreOffice; without it
# (where apt cannot install it) they skip those conversions and say so.
optional=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

optional_missing=()
for p in "${optional[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || optional_missing+=("$p")
done
# The full LibreOffice packages serve as well as the -nogui ones.
command -v soffice >/dev/null 2>&1 && optional_missing=($(printf '%s\n' "${optional_missing[@]}" | grep -v '^libreoffice-' || true))

if [ ${#missing[@]} -eq 0 ] && [ ${#optional_missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    exec sudo "$0" "$@"
  fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: optional packages missing (run as root to install): ${optional_missing[*]}" >&2
    exit 0
  fi
  echo "setup: these packages are missing: ${missing[*]}" >&2
  echo "setup: run this script as root to install them with apt-get" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#optional_missing[@]} -gt 0 ]; then
  echo "setup: installing ${optional_missing[*]} (optional)" >&2
  apt-get install -y -qq --no-install-recommends "${optional_missing[@]}" >/dev/null ||
    echo "setup: could not install ${optional_missing[*]}: the LibreOffice conversion tests will be skipped" >&2
fi
