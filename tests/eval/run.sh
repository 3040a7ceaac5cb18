#!/usr/bin/env bash
# Run the three real-data evaluations of tests/eval against one build.
#   tests/eval/run.sh [BUILD_DIR] [extra options for every script, e.g. --json or --show-misses]
# BUILD_DIR defaults to <repo>/build; it must hold conflictev and libconflictev.so
# (CONFLICTEV / CONFLICTEV_LIB override them).  SHARED names the shared directory
# (default <repo>/../shared); the gold files are read there at run time.
# Exit status: 0 when all ran, 2 when data or build is missing, else the first failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=$repo/build
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then build=$(cd "$1" && pwd) || exit 2; shift; fi
export CONFLICTEV=${CONFLICTEV:-$build/conflictev}
export CONFLICTEV_LIB=${CONFLICTEV_LIB:-$build/libconflictev.so}
export SHARED=${SHARED:-$repo/../shared}
rc=0
for s in plover petrarch geowebnews; do
  python3 "$here/$s.py" "$@"
  r=$?
  if [ $r -ne 0 ] && [ $rc -eq 0 ]; then rc=$r; fi
  echo
done
exit $rc
