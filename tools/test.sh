#!/bin/sh
# Run every test: a normal build, an AddressSanitizer + UndefinedBehavior-
# Sanitizer build running the same suites, and the suites under valgrind.
# Usage: tools/test.sh            (from the project root)
#        CEV_SKIP_VALGRIND=1 tools/test.sh   to leave valgrind out
#        CEV_SKIP_TSAN=1 tools/test.sh       to leave ThreadSanitizer out
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc 2>/dev/null || echo 2)

echo "== release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan) and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCEV_SANITIZE=ON \
  -DCEV_BUILD_BENCH=OFF -DCEV_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-asan -j"$jobs"
ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE eval

if [ "${CEV_SKIP_TSAN:-0}" != 1 ]; then
  echo "== ThreadSanitizer build (test_threads only) and the thread suite"
  tests/tsan.sh
fi

if [ "${CEV_SKIP_VALGRIND:-0}" != 1 ]; then
  echo "== valgrind (leaks and memory errors) on the C test suites"
  fail=0
  for t in build/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if ! CK_FORK=no CEV_TEST_QUICK=1 CEV_TEST_DATA="$root/tests/data" \
         CEV_SHARED_DIR="$root/../shared" CEV_CLI="$root/build/conflictev" \
         valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
         "$t" >"build/$name.valgrind.log" 2>&1; then
      echo "valgrind: $name FAILED (see build/$name.valgrind.log)"; tail -30 "build/$name.valgrind.log"
      fail=1
    else
      echo "valgrind: $name clean"
    fi
  done
  [ $fail -eq 0 ] || exit 1
fi
echo "all test runs passed"
