#!/bin/sh
# Every dynamic symbol the shared library defines must start with cev_.
set -eu
lib=$1
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^cev_' | grep -v '^_' || true)
count=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -c '^cev_' || true)
if [ -n "$bad" ]; then
  echo "symbols exported without the cev_ prefix:"; echo "$bad"; exit 1
fi
if [ "$count" -lt 20 ]; then
  echo "only $count cev_ symbols exported: visibility is broken"; exit 1
fi
echo "exported_symbols: $count cev_ symbols, none other"
