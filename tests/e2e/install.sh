#!/usr/bin/env bash
# Installs the gates' npm packages exactly as package-lock.json pins them,
# and only when the lock file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")"

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  echo "setup: the quality gates need Node.js 20 or newer (playwright-core); this is $(node --version)" >&2
  exit 1
fi

stamp=node_modules/.installed-package-lock.json
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
# --ignore-scripts: vnu-jar's install script would download a Java runtime
# when it finds none; setup.sh has installed Debian's, and nothing else may
# come from outside the package registries.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
