#!/usr/bin/env bash
# Runs make targets one after the other, stopping at the first that fails, then prints how
# long each took and the total, e.g.
#   setup 2 s / lint 1 s / typecheck 7 s / SQLite 110 s / PostgreSQL 120 s / total 240 s
set -uo pipefail
make=${MAKE:-make}

label() {
  case "$1" in
    setup) echo setup ;;
    test-sqlite) echo SQLite ;;
    test-postgres) echo PostgreSQL ;;
    *) echo "$1" ;;
  esac
}

timings=()
status=0
start=$SECONDS
for target in "$@"; do
  began=$SECONDS
  "$make" --no-print-directory "$target" || status=$?
  timings+=("$(label "$target") $((SECONDS - began)) s")
  [ "$status" -eq 0 ] || break
done
timings+=("total $((SECONDS - start)) s")

summary=${timings[0]}
for timing in "${timings[@]:1}"; do
  summary+=" / $timing"
done
echo
[ "$status" -eq 0 ] && echo "make test passed: $summary" || echo "make test FAILED: $summary"
exit "$status"
