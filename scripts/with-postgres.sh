#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster on 127.0.0.1, then removes the cluster.
# The command finds the server in SIR_TRACKER_TEST_POSTGRES_URL (a maintenance database URL).
# initdb refuses to run as root, so as root the cluster belongs to the "postgres" user.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found; run scripts/install-system-packages.sh" >&2
  exit 1
fi

as_owner=()
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  as_owner=(runuser -u postgres --)
fi

cluster=$(mktemp -d "${TMPDIR:-/tmp}/sir-tracker-pg.XXXXXX")
chown "$owner" "$cluster"
chmod 700 "$cluster"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap stop EXIT

# --no-sync: the cluster is thrown away, so initdb need not wait for its files to reach the disk
# (as the server runs with fsync=off).
"${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 \
  --no-locale --no-sync >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $cluster -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$cluster/server.log" >&2; exit 1; }

version=$("$bin/postgres" --version)
echo "Throwaway PostgreSQL cluster on 127.0.0.1:$port ($version)"
export SIR_TRACKER_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
"$@"
