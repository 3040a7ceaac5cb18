#!/bin/sh
# tsan.sh - build the thread-contract suite (tests/test_threads.c) with
# ThreadSanitizer (-DCEV_TSAN=ON) in build-tsan and run it.  Any data race
# fails the run (ThreadSanitizer exits 66 in the test's process).
#
# Usage: tests/tsan.sh                 (from anywhere)
#        CEV_TSAN_BUILD=dir tests/tsan.sh   to build somewhere else
#
# Races ThreadSanitizer cannot see through (uninstrumented ICU or SQLite
# code doing its own benign caching) would be listed in tests/tsan.supp;
# the file is used when present.  Races in lib/*.c are never suppressed.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CEV_TSAN_BUILD:-$root/build-tsan}
jobs=$(nproc 2>/dev/null || echo 2)

cc=${CC:-cc}
if ! echo 'int main(void){return 0;}' |
     "$cc" -fsanitize=thread -x c - -o /dev/null >/dev/null 2>&1; then
  echo "tsan.sh: $cc cannot build with -fsanitize=thread; skipped"
  exit 0
fi

cmake -S "$root" -B "$build" -DCEV_TSAN=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCEV_BUILD_BENCH=OFF -DCEV_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target test_threads

opts="halt_on_error=0:second_deadlock_stack=1:history_size=4"
if [ -f "$root/tests/tsan.supp" ]; then
  opts="$opts:suppressions=$root/tests/tsan.supp"
fi
TSAN_OPTIONS="$opts${TSAN_OPTIONS:+:$TSAN_OPTIONS}"
export TSAN_OPTIONS
cd "$build"
ctest -R '^test_threads$' --output-on-failure
