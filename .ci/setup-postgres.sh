#!/bin/sh
# Install the PostgreSQL server binaries the integration tests start (idempotent; CI runs as root).
set -eu
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "PostgreSQL server binaries present: $(ls -d /usr/lib/postgresql/*/bin | tail -n 1)"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends postgresql
# The Debian package starts a default cluster; the tests start their own, so stop it.
if command -v pg_ctlcluster >/dev/null 2>&1; then
    for version in $(ls /usr/lib/postgresql); do
        $SUDO pg_ctlcluster "$version" main stop 2>/dev/null || true
    done
fi
ls /usr/lib/postgresql/*/bin/initdb
