#!/usr/bin/env bash
# MUC-4 scoring of the conflictev CLI on TST1 + TST2 (the development sets).
#   tests/muc4/run.sh [OUTDIR] [extra score_muc.py options, e.g. --show]
# Reads the corpus and the scorer from ../shared at run time; nothing is copied
# into the repository.  Environment:
#   CONFLICTEV  extractor (default <repo>/build-muc/conflictev, else <repo>/build/conflictev)
#   SHARED      shared directory (default <repo>/../shared)
# Writes OUTDIR/{tst1,tst2}/split/ (split.py output), OUTDIR/{tst1,tst2,both}/pred.jsonl,
# extract.log, score.txt, score.json.  OUTDIR defaults to /tmp/conflictev-muc4.
# Prints the TST1, TST2 and combined TST1+TST2 reports.
#
# Same steps as shared/eval/muc4/run_muc.sh, except for how MANIFEST.tsv is
# read: run_muc.sh uses `IFS=$'\t' read`, and since tab is IFS white space,
# the empty 'published' field of NO DATE datelines collapses and the outlet
# name ("RADIO VENCEREMOS") is passed as --published, so the extractor fails
# on those messages (15 of 200).  Here such messages run without --published.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$repo/../shared}
M=$shared/eval/muc4
C=$shared/data/gold_standard/muc34/CORPORA
if [ -z "${CONFLICTEV:-}" ]; then
  if [ -x "$repo/build-muc/conflictev" ]; then CONFLICTEV=$repo/build-muc/conflictev
  else CONFLICTEV=$repo/build/conflictev; fi
fi
out=/tmp/conflictev-muc4
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then out=$1; shift; fi
K1=$C/tst1/key-tst1.v7; T1=$C/tst1/tst1-muc3
K2=$C/tst2/key-tst2.v4; T2=$C/tst2/tst2-muc4
for f in "$M/split.py" "$M/score_muc.py" "$K1" "$T1" "$K2" "$T2"; do
  [ -e "$f" ] || { echo "tests/muc4/run.sh: missing $f (set SHARED)" >&2; exit 2; }
done
[ -x "$CONFLICTEV" ] || { echo "tests/muc4/run.sh: no extractor at $CONFLICTEV" >&2; exit 2; }
echo "extractor: $CONFLICTEV" >&2
rc=0
score() { # score DIR KEY... -- TEXT...   (writes DIR/score.txt and DIR/score.json)
  local dir=$1; shift
  python3 "$M/score_muc.py" "$@" --pred "$dir/pred.jsonl" "${extra[@]}" --json >"$dir/score.json" || rc=$?
  python3 "$M/score_muc.py" "$@" --pred "$dir/pred.jsonl" "${extra[@]}" >"$dir/score.txt" || rc=$?
}
extra=("$@")
for s in tst1 tst2; do
  case $s in tst1) k=$K1; t=$T1;; tst2) k=$K2; t=$T2;; esac
  d=$out/$s; mkdir -p "$d"
  python3 "$M/split.py" --force --out "$d/split" "$t" >/dev/null 2>&1 || { echo "split.py failed on $t" >&2; exit 2; }
  : >"$d/pred.jsonl"; : >"$d/extract.log"; n=0; fails=0
  while IFS= read -r line; do
    file=$(cut -f1 <<<"$line"); published=$(cut -f2 <<<"$line")
    n=$((n+1))
    if ! "$CONFLICTEV" extract --json ${published:+--published "$published"} --id "$file" "$d/split/$file" \
         >>"$d/pred.jsonl" 2>>"$d/extract.log"; then
      fails=$((fails+1)); echo "run.sh: extractor failed on $file" >>"$d/extract.log"
    fi
  done < <(tail -n +2 "$d/split/MANIFEST.tsv")
  echo "${s^^}: $n messages, $fails extractor failures (see $d/extract.log)" >&2
  score "$d" --key "$k" --text "$t"
done
mkdir -p "$out/both"
cat "$out/tst1/pred.jsonl" "$out/tst2/pred.jsonl" >"$out/both/pred.jsonl"
score "$out/both" --key "$K1" --key "$K2" --text "$T1" --text "$T2"
for s in tst1 tst2 both; do
  case $s in both) echo "===== TST1 + TST2";; *) echo "===== ${s^^}";; esac
  cat "$out/$s/score.txt"; echo
done
exit $rc
