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
  libxlsxwriter-dev libzip-dev libzstd-dev libpugixml-dev libcli11-dev
  # Uploads are opened as their readers would (qpdf, libpng, libjpeg-turbo);
  # the text of a PDF is read before it is published (poppler).
  libqpdf-dev libpng-dev libjpeg62-turbo-dev libpoppler-cpp-dev
  # The CMaps of the standard CJK fonts, without which poppler reads no text
  # of a PDF set in them: the filled-in copies' (office/pdf_writer.hpp).
  poppler-data
  nginx
  # The quality gates: pages are checked in Debian's Chromium, and the
  # screenshots need a font that has the Chinese glyphs.
  chromium fonts-noto-cjk
)
# The Nu Html Checker runs on Java 17; any java already on the PATH will do.
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
# Node.js may come from elsewhere than Debian (the gates need 20 or newer).
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

# Tests read the generated DOCX and XLSX back through LibreOffice; where apt
# cannot install it they skip those conversions and say so.
optional=(poppler-utils)
# scripts/collector_load.py drives its clients with wrk when it is there
# (less client CPU than its Python threads, which it uses otherwise).
optional+=(wrk)
command -v soffice >/dev/null 2>&1 || optional+=(libreoffice-writer-nogui libreoffice-calc-nogui)

not_installed() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}
mapfile -t missing < <(not_installed "${packages[@]}")
mapfile -t optional_missing < <(not_installed "${optional[@]}")

as_root=()
if [ "$(id -u)" -ne 0 ] && { [ ${#missing[@]} -gt 0 ] || [ ${#optional_missing[@]} -gt 0 ]; }; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  elif [ ${#missing[@]} -gt 0 ]; then
    echo "setup: these packages are missing: ${missing[*]}" >&2
    echo "setup: run this script as root to install them with apt-get" >&2
    exit 1
  else
    echo "setup: optional packages missing (run as root to install): ${optional_missing[*]}" >&2
    optional_missing=()
  fi
fi
apt_install() {
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
if [ ${#missing[@]} -gt 0 ] || [ ${#optional_missing[@]} -gt 0 ]; then
  "${as_root[@]}" apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  apt_install "${missing[@]}"
fi
if [ ${#optional_missing[@]} -gt 0 ]; then
  echo "setup: installing ${optional_missing[*]} (optional)" >&2
  apt_install "${optional_missing[@]}" ||
    echo "setup: could not install ${optional_missing[*]}: without LibreOffice its conversion tests are skipped, without wrk the load script uses Python clients" >&2
fi

# npm runs as the caller, so that node_modules belongs to whoever builds.
bash tests/e2e/install.sh
