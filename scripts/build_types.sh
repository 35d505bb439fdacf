#!/usr/bin/env bash
# Builds every CMake build type, and Debian's default packaging flags, each
# in its own directory under build-types/, with warnings as errors: what
# people building the package may choose must build.
#
#   bash scripts/build_types.sh [TYPE...]   (default: Release Debug RelWithDebInfo Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
types=("$@")
[ ${#types[@]} -gt 0 ] || types=(Release Debug RelWithDebInfo Debian)
for type in "${types[@]}"; do
  dir="build-types/$type"
  if [ "$type" = Debian ]; then
    # What dpkg-buildflags gives a package on Debian 12 (hardening included).
    flags="$(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$flags" \
      -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" -DWARNINGS_AS_ERRORS=ON >/dev/null
  else
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DWARNINGS_AS_ERRORS=ON >/dev/null
  fi
  start=$(date +%s)
  cmake --build "$dir" -j "$(nproc)" >"$dir.log" 2>&1 || { grep -E "error|warning" "$dir.log" | head -20; echo "build_types: $type fails" >&2; exit 1; }
  echo "build_types: $type builds ($(( $(date +%s) - start )) s)"
done
