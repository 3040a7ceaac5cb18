#!/bin/sh
# Install a libconflictev build into a temporary prefix and build a small
# program (main.c) against the installed copy, the way users do:
#   (a) with pkg-config and gcc,
#   (b) with pkg-config --static against the static archive,
#   (c) with CMake find_package(conflictev) (CMakeLists.txt here).
# Each program is run against the installed library and must succeed.
#
#   run.sh BUILD_DIR CONSUMER_SRC_DIR [CMAKE_COMMAND]
#
# Exit status 0 when everything builds and runs, 1 otherwise.
set -eu

build=${1:?usage: run.sh BUILD_DIR CONSUMER_SRC_DIR [CMAKE_COMMAND]}
src=${2:?usage: run.sh BUILD_DIR CONSUMER_SRC_DIR [CMAKE_COMMAND]}
cmake=${3:-cmake}
cc=${CC:-cc}
pkgconfig=${PKG_CONFIG:-pkg-config}

build=$(cd "$build" && pwd)
src=$(cd "$src" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cev-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
prefix=$tmp/prefix

say() { printf 'install_consumer: %s\n' "$*"; }
die() { printf 'install_consumer: FAIL: %s\n' "$*" >&2; exit 1; }

# ---- install ------------------------------------------------------------------
say "installing $build into $prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log" >&2; die "cmake --install failed"; }

# GNUInstallDirs picks lib, lib64 or lib/<multiarch>: find where it went.
pc=$(find "$prefix" -name conflictev.pc -path '*/pkgconfig/*' | head -n 1)
[ -n "$pc" ] || die "no conflictev.pc installed under $prefix"
pcdir=$(dirname "$pc")
libdir=$(dirname "$pcdir")
say "library directory: ${libdir#"$prefix"/}"
[ -f "$prefix/include/conflictev.h" ] || die "conflictev.h not installed in include/"
[ -f "$prefix/include/conflictev_version.h" ] || die "conflictev_version.h not installed"
ls "$libdir"/libconflictev.so* >/dev/null 2>&1 || die "no libconflictev.so in $libdir"
[ -f "$libdir/cmake/conflictev/conflictevConfig.cmake" ] ||
  die "no cmake/conflictev/conflictevConfig.cmake in $libdir"

# The installed headers must not reach into the source or build tree.
if grep -n '#include *"' "$prefix/include/conflictev.h" | grep -v 'conflictev_version.h' >/dev/null; then
  die "conflictev.h includes a header that is not installed"
fi

version=$(sed -n 's/^#define CEV_VERSION_STRING "\(.*\)"$/\1/p' \
  "$prefix/include/conflictev_version.h")
[ -n "$version" ] || die "cannot read CEV_VERSION_STRING from the installed header"
say "installed version $version"

run() { # run NAME BINARY: run against the installed library only
  name=$1; bin=$2
  say "running $name"
  st=0
  LD_LIBRARY_PATH=$libdir "$bin" >"$tmp/$name.out" 2>"$tmp/$name.err" || st=$?
  if [ "$st" -ne 0 ]; then
    cat "$tmp/$name.out"; cat "$tmp/$name.err" >&2; die "$name exited with status $st"
  fi
  sed "s/^/  $name: /" "$tmp/$name.out"
  grep -qx "conflictev $version" "$tmp/$name.out" || die "$name did not print the version"
  grep -q '^error: CEV_ERR_UTF8 at byte 3: ' "$tmp/$name.out" ||
    die "$name did not report the UTF-8 error at byte 3"
  grep -q '^[0-9][0-9]* event(s)$' "$tmp/$name.out" || die "$name did not parse the article"
}

# ---- (a) pkg-config, shared -------------------------------------------------------
# A package installed with `cmake --install --prefix DIR` must be usable from
# DIR: conflictev.pc has to find libdir and includedir relative to itself
# (${pcfiledir}), not the CMAKE_INSTALL_PREFIX of configure time.
export PKG_CONFIG_PATH="$pcdir"
unset PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR 2>/dev/null || true
"$pkgconfig" --exists conflictev || die "pkg-config cannot find conflictev in $pcdir"
pcver=$("$pkgconfig" --modversion conflictev)
[ "$pcver" = "$version" ] || die "pkg-config version $pcver, header $version"
cflags=$("$pkgconfig" --cflags conflictev) || die "pkg-config --cflags failed"
libs=$("$pkgconfig" --libs conflictev) || die "pkg-config --libs failed"
say "pkg-config --cflags: $cflags"
say "pkg-config --libs:   $libs"

# has_path FLAG DIR WORDS...: one of WORDS is FLAG followed by a path to DIR.
has_path() {
  flag=$1; want=$(cd "$2" && pwd -P); shift 2
  for w in "$@"; do
    case $w in
      "$flag"*) d=${w#"$flag"}
                [ -d "$d" ] && [ "$(cd "$d" && pwd -P)" = "$want" ] && return 0 ;;
    esac
  done
  return 1
}
# shellcheck disable=SC2086
has_path -L "$libdir" $libs ||
  die "pkg-config --libs does not point into the install prefix ($libs):" \
      "conflictev.pc is not relocatable; derive prefix from \${pcfiledir}"
# shellcheck disable=SC2086
has_path -I "$prefix/include" $cflags ||
  die "pkg-config --cflags does not point into the install prefix ($cflags):" \
      "conflictev.pc is not relocatable; derive prefix from \${pcfiledir}"
case "$libs" in
  *icu*|*sqlite*) die "ICU or SQLite leak into pkg-config --libs (they are private): $libs" ;;
esac
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Werror $cflags "$src/main.c" -o "$tmp/consumer_pc" $libs ||
  die "building against pkg-config flags failed"
run consumer_pc "$tmp/consumer_pc"

# ---- (b) pkg-config --static, static archive ---------------------------------------
if [ -f "$libdir/libconflictev.a" ]; then
  slibs=$("$pkgconfig" --static --libs conflictev) ||
    die "pkg-config --static --libs failed (are icu-uc, icu-i18n, sqlite3 .pc files installed?)"
  # Use the archive itself, not -lconflictev (which would pick the .so).
  slibs_rest=$(printf '%s\n' "$slibs" | sed 's/\(^\| \)-lconflictev\( \|$\)/ /g')
  say "pkg-config --static --libs: $slibs"
  # shellcheck disable=SC2086
  "$cc" -std=c11 -Wall -Wextra -Werror -DCEV_STATIC $cflags "$src/main.c" \
    -o "$tmp/consumer_static" "$libdir/libconflictev.a" $slibs_rest ||
    die "building against the static archive with pkg-config --static failed"
  if command -v nm >/dev/null 2>&1 &&
     nm -D "$tmp/consumer_static" 2>/dev/null | grep -q ' U cev_'; then
    die "consumer_static still imports cev_ symbols dynamically"
  fi
  run consumer_static "$tmp/consumer_static"
else
  say "no static archive installed; skipping the static build"
fi

# ---- (c) CMake find_package --------------------------------------------------------
say "configuring the CMake consumer"
"$cmake" -S "$src" -B "$tmp/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCEV_EXPECT_VERSION="$version" \
  -DCMAKE_C_COMPILER="$(command -v "$cc")" >"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log" >&2; die "find_package(conflictev) configure failed"; }
grep -q "conflictev $version from $prefix" "$tmp/cmake.log" ||
  { cat "$tmp/cmake.log" >&2; die "find_package(conflictev) did not use the temporary prefix"; }
"$cmake" --build "$tmp/cmake-build" >"$tmp/cmake-build.log" 2>&1 ||
  { cat "$tmp/cmake-build.log" >&2; die "building the CMake consumer failed"; }
bin=$tmp/cmake-build/consumer
[ -x "$bin" ] || die "CMake consumer binary not found at $bin"
run consumer_cmake "$bin"

say "OK (pkg-config, static, find_package) against $version"
