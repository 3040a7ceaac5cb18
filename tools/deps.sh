#!/bin/sh
# Install what building and testing libconflictev needs, from Debian's
# packages.  Does nothing for packages already installed.
set -eu
PKGS="build-essential cmake pkg-config libicu-dev libsqlite3-dev check python3 valgrind"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "installing:$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
