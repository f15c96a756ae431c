#!/usr/bin/env bash
# Prepares a local PostgreSQL for the second pass of the Temporal SDK tests and prints its JDBC URL on stdout.
# Used by ./test and .ci/run. Works with Debian's postgresql package: starts its first cluster (creating one if there
# is none) and creates the role and database "junction" (password "junction"), acting as the postgres OS user, which
# needs root or passwordless sudo. When that is not possible it prints one line on stderr and nothing on stdout, so
# the pass is skipped; with JUNCTION_REQUIRE_POSTGRES=1 it fails instead.
set -euo pipefail

name=junction

skip() {
    if [ "${JUNCTION_REQUIRE_POSTGRES:-}" = 1 ]; then
        echo "test-postgres: $1, and JUNCTION_REQUIRE_POSTGRES=1 asks for the PostgreSQL pass" >&2
        exit 1
    fi
    echo "test: $1; the PostgreSQL pass of the Temporal SDK tests is skipped" >&2
    exit 0
}

command -v pg_ctlcluster >/dev/null 2>&1 || skip "PostgreSQL is not installed (no pg_ctlcluster)"

if [ "$(id -u)" = 0 ]; then
    as_root=()
    as_postgres=(runuser -u postgres --)
elif sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n)
    as_postgres=(sudo -n -u postgres)
else
    skip "cannot act as the postgres user (neither root nor passwordless sudo)"
fi

cluster="$(pg_lsclusters --no-header 2>/dev/null | head -n 1 || true)"
if [ -z "$cluster" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    "${as_root[@]}" pg_createcluster "$version" main >/dev/null
    cluster="$(pg_lsclusters --no-header | head -n 1)"
fi
read -r version cluster_name port status _ <<<"$cluster"
if [ "$status" != online ]; then
    # Its messages (such as "Removed stale pid file.") go to stderr: stdout carries the URL alone.
    "${as_root[@]}" pg_ctlcluster "$version" "$cluster_name" start >&2
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || skip "PostgreSQL $version/$cluster_name did not accept connections on port $port"

psql_admin() {
    "${as_postgres[@]}" psql -p "$port" -X -q -v ON_ERROR_STOP=1 -tA "$@"
}
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$name'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $name LOGIN PASSWORD '$name'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $name OWNER $name" >&2
fi

echo "jdbc:postgresql://127.0.0.1:$port/$name?user=$name&password=$name"
