#!/usr/bin/env bash
# Install (Debian package), start and prepare a local PostgreSQL for the store tests.
# Idempotent; used by `make test` when running as root (CI and the project's machines).
# Elsewhere the PostgreSQL tests skip unless NEWSLEDGER_TEST_PG points at a server.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
  echo "postgres-for-tests: not root, skipping the PostgreSQL set-up" >&2
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'newsledger'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role newsledger login password 'newsledger' createdb\""
echo "postgres-for-tests: PostgreSQL $version running on 127.0.0.1:5432" >&2
