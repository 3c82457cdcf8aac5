#!/usr/bin/env bash
# Install Debian's Chromium (/usr/bin/chromium) for the web UI's browser tests (Playwright drives it).
# Idempotent; used by `make test` when running as root (CI and the project's machines).
# Elsewhere the browser tests skip with a reason when /usr/bin/chromium is absent (they fail when CI is set).
# Also installs the fonts the screenshots need (DejaVu is Chromium's fallback on a bare Debian).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "chromium-for-tests: not root and /usr/bin/chromium is absent; browser tests will skip" >&2
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium-for-tests: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)" >&2
