#!/usr/bin/env bash
# Install axe-core (npm) into .cache/axe for the browser tests' accessibility check (they inject
# node_modules/axe-core/axe.min.js into each page). Idempotent; used by `make test`.
# Without npm the accessibility test skips with the reason (it fails when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."
target=.cache/axe
if [ -f "$target/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "axe-for-tests: npm is absent; the accessibility test will skip" >&2
    exit 0
  fi
fi
mkdir -p "$target"
npm install --silent --no-audit --no-fund --prefix "$target" "axe-core@^4.10" >/dev/null
echo "axe-for-tests: axe-core $(node -p "require('./$target/node_modules/axe-core/package.json').version" 2>/dev/null)" >&2
