#!/usr/bin/env bash
# Runs a command with TMPDIR on a folder of its own in memory (/dev/shm, a tmpfs) when the
# machine has one, and removes the folder afterwards. Everything the tests write goes under
# TMPDIR: their SQLite databases, the throwaway PostgreSQL cluster, Chromium's profiles, the
# PDFs. On this machine's disk (ext4, mounted with discard) creating and syncing those files
# was a fifth of the SQLite pass (193 s and 368 CPU-seconds; in memory 153 s and 288), and
# PostgreSQL took 330 ms to create each test database from its template (in memory 20 ms).
set -euo pipefail

shm=/dev/shm
if [ -d "$shm" ] && [ -w "$shm" ] && [ "$(stat -f -c %T "$shm")" = tmpfs ]; then
  scratch=$(mktemp -d "$shm/sir-tracker-tests.XXXXXX")
  chmod 711 "$scratch" # the postgres user (scripts/with-postgres.sh) reaches its folder inside
  trap 'rm -rf "$scratch"' EXIT
  export TMPDIR=$scratch
fi
"$@"
