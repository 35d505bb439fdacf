#!/usr/bin/env bash
# Sets up, builds and runs every test. The README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build -j "$(nproc)"
ctest --test-dir build --output-on-failure -j "$(nproc)"
# The benchmark at 1,000 notices, without Hugo, so that its figures (build
# time, memory, search bytes per query) are in every log. It fails only when
# a build does, never on a figure.
python3 scripts/bench.py --sizes 1000 --runs 1 --no-hugo
