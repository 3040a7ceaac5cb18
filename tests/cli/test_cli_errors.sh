#!/bin/sh
# test_cli_errors.sh - the `conflictev` tool on good and bad input.
#
#   test_cli_errors.sh PATH/TO/conflictev [EXPECTED_VERSION]
#
# Bad files (empty, invalid UTF-8, missing, random bytes) must give a one-line
# message naming the file on stderr and a non-zero exit, never a crash; a good
# file among bad ones is still processed; --json prints valid JSON Lines.
# Every check runs; the exit status is 1 if any failed.
set -u

cli=${1:-${CEV_CLI:-}}
want_version=${2:-${CEV_VERSION:-}}
[ -n "$cli" ] || { echo "usage: $0 PATH/TO/conflictev [VERSION]" >&2; exit 2; }
[ -x "$cli" ] || { echo "test_cli_errors: $cli is not executable" >&2; exit 1; }
python=${PYTHON3:-python3}
command -v "$python" >/dev/null 2>&1 || python=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cev-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

failures=0
checks=0
pass() { checks=$((checks + 1)); printf 'ok   %s\n' "$1"; }
fail() {
  checks=$((checks + 1)); failures=$((failures + 1))
  printf 'FAIL %s\n' "$1"
  shift
  for f in "$@"; do
    [ -s "$f" ] && sed 's/^/     | /' "$f" | head -n 20
  done
}

# run NAME ARGS...: run the tool; status in $rc, output in $tmp/NAME.{out,err}.
run() {
  name=$1; shift
  rc=0
  "$cli" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null || rc=$?
  out=$tmp/$name.out; err=$tmp/$name.err
}

# A crash (signal, sanitizer abort) is never an acceptable answer.
no_crash() { # NAME
  if [ "$rc" -ge 126 ]; then
    fail "$1: crashed or was killed (exit $rc)" "$err"
    return 1
  fi
  return 0
}

# json_lines FILE: every line is one JSON object with the fields the
# evaluation relies on; prints the number of lines.
json_lines() {
  if [ -n "$python" ]; then
    "$python" - "$1" "${2:-}" "${3:-}" <<'EOF'
import json, sys
path, size, article = sys.argv[1], sys.argv[2], sys.argv[3]
n = 0
with open(path, "rb") as f:
    for i, raw in enumerate(f, 1):
        line = raw.decode("utf-8")  # must be UTF-8
        if not line.strip():
            sys.exit("line %d is blank" % i)
        obj = json.loads(line)
        if not isinstance(obj, dict):
            sys.exit("line %d is not an object" % i)
        for k in ("article", "type", "span"):
            if k not in obj:
                sys.exit("line %d has no %r: %s" % (i, k, line.strip()))
        s = obj["span"]
        if not (isinstance(s, list) and len(s) == 2 and 0 <= s[0] < s[1]):
            sys.exit("line %d: bad span %r" % (i, s))
        if size and s[1] > int(size):
            sys.exit("line %d: span %r beyond the file (%s bytes)" % (i, s, size))
        if article and obj["article"] != article:
            sys.exit("line %d: article %r, expected %r" % (i, obj["article"], article))
        n += 1
print(n)
EOF
  else
    # Without Python: at least one object per line.
    if grep -v '^{.*}$' "$1" >/dev/null; then echo "not JSON lines" >&2; return 1; fi
    wc -l <"$1" | tr -d ' '
  fi
}

mentions() { grep -F -- "$2" "$1" >/dev/null 2>&1; } # FILE TEXT

# ---- fixtures ------------------------------------------------------------------------
: >"$tmp/empty.txt"

good=$tmp/good.txt
cat >"$good" <<'EOF'
Air strike kills 14 in Raqqa

BEIRUT (Reuters) - A US air strike killed at least 14 people in Raqqa on Saturday, a monitoring group said.

Clashes between government forces and rebels near Idlib killed five fighters on Friday, the Syrian Observatory for Human Rights said.
EOF
good_size=$(wc -c <"$good" | tr -d ' ')

# Valid text, then a lone continuation byte: the error is at that byte.
bad=$tmp/bad_utf8.txt
printf 'Fighting continued in Aleppo on Monday, residents said.\n' >"$bad"
bad_offset=$(wc -c <"$bad" | tr -d ' ')
printf '\200 and the rest of the story.\n' >>"$bad"

missing=$tmp/no-such-article.txt

# Deterministic "random" bytes (a fixed linear congruential sequence), so a
# failure reproduces.
rnd=$tmp/random.bin
LC_ALL=C awk 'BEGIN { x = 12345; for (i = 0; i < 3000; i++) {
  x = (x * 1103515245 + 12345) % 2147483648; printf "%c", int(x / 65536) % 256 } }' >"$rnd"
printf '\000\001\002\377\376' >>"$rnd"

# ---- version -------------------------------------------------------------------------
run version version
if [ "$rc" -eq 126 ] || [ "$rc" -eq 127 ]; then
  cat "$err" >&2
  echo "test_cli_errors: cannot run $cli (exit $rc)" >&2
  exit 1
fi
if [ "$rc" -eq 0 ] && grep -Eq '^conflictev [0-9]+\.[0-9]+\.[0-9]+' "$out"; then
  if [ -n "$want_version" ] && ! grep -qx "conflictev $want_version" "$out"; then
    fail "version: expected 'conflictev $want_version'" "$out"
  else
    pass "version"
  fi
else
  fail "version (exit $rc)" "$out" "$err"
fi

run unknown no-such-command
if [ "$rc" -ne 0 ] && no_crash unknown && [ -s "$err" ]; then pass "unknown command"
else fail "unknown command: exit $rc, stderr must explain" "$err"; fi

# ---- one bad file at a time ------------------------------------------------------------
# Empty: no events and no crash; an error is fine too, but then it names the file.
run empty extract --json "$tmp/empty.txt"
if no_crash empty; then
  if [ -s "$out" ]; then fail "empty file: printed events" "$out"
  elif [ "$rc" -ne 0 ] && ! mentions "$err" "empty.txt"; then
    fail "empty file: exit $rc without naming the file" "$err"
  else pass "empty file (exit $rc)"; fi
fi

run bad_utf8 extract --json "$bad"
if no_crash bad_utf8; then
  if [ "$rc" -eq 0 ]; then fail "invalid UTF-8: exit 0" "$out" "$err"
  elif ! mentions "$err" "bad_utf8.txt"; then fail "invalid UTF-8: file not named on stderr" "$err"
  elif ! grep -Eq "(^|[^0-9])$bad_offset([^0-9]|$)" "$err"; then
    fail "invalid UTF-8: byte offset $bad_offset not on stderr" "$err"
  elif [ -s "$out" ]; then fail "invalid UTF-8: printed events" "$out"
  else pass "invalid UTF-8: file and offset $bad_offset reported"; fi
fi

run bad_utf8_text extract "$bad"
if no_crash bad_utf8_text && [ "$rc" -ne 0 ] && mentions "$err" "bad_utf8.txt" &&
   grep -Eq "(^|[^0-9])$bad_offset([^0-9]|$)" "$err"; then
  pass "invalid UTF-8 (table output)"
else fail "invalid UTF-8 (table output): exit $rc" "$err"; fi

run missing extract --json "$missing"
if no_crash missing; then
  if [ "$rc" -ne 0 ] && mentions "$err" "no-such-article.txt" && [ ! -s "$out" ]; then
    pass "missing file"
  else fail "missing file: exit $rc, stderr must name the file" "$out" "$err"; fi
fi

run random extract --json "$rnd"
if no_crash random; then
  if [ "$rc" -ne 0 ] && mentions "$err" "random.bin" && [ ! -s "$out" ]; then
    pass "random bytes"
  else fail "random bytes: exit $rc, stderr must name the file" "$out" "$err"; fi
fi

run baddate extract --json --published 2017-13-45 "$good"
if no_crash baddate && [ "$rc" -ne 0 ] && mentions "$err" "2017-13-45"; then
  pass "invalid --published date"
else fail "invalid --published date: exit $rc" "$out" "$err"; fi

# ---- good input ------------------------------------------------------------------------
run good extract --json --published 2017-06-11 --id good-article "$good"
if no_crash good; then
  if [ "$rc" -ne 0 ]; then fail "good file: exit $rc" "$err"
  elif ! n=$(json_lines "$out" "$good_size" good-article 2>"$tmp/json.err"); then
    fail "good file: --json output is not valid JSON Lines" "$tmp/json.err" "$out"
  elif [ "$n" -lt 1 ]; then fail "good file: no events printed" "$err"
  else pass "good file: $n event(s), valid JSON Lines"; fi
fi
good_events=$(wc -l <"$tmp/good.out" | tr -d ' ')

run good_text extract --published 2017-06-11 "$good"
if no_crash good_text && [ "$rc" -eq 0 ] && [ -s "$out" ]; then pass "good file, table output"
else fail "good file, table output: exit $rc or nothing printed" "$out" "$err"; fi

# '-' reads standard input.
rc=0
"$cli" extract --json --published 2017-06-11 --id good-article - <"$good" \
  >"$tmp/stdin.out" 2>"$tmp/stdin.err" || rc=$?
out=$tmp/stdin.out; err=$tmp/stdin.err
if no_crash stdin && [ "$rc" -eq 0 ] && cmp -s "$tmp/stdin.out" "$tmp/good.out"; then
  pass "standard input gives the same events"
else fail "standard input: exit $rc or different output" "$out" "$err"; fi

# ---- a good file among bad ones ---------------------------------------------------------
run mixed extract --json --published 2017-06-11 "$bad" "$tmp/empty.txt" "$missing" \
  "$good" "$rnd"
if no_crash mixed; then
  if [ "$rc" -eq 0 ]; then fail "mixed: exit 0 although files failed" "$err"
  elif ! mentions "$err" "bad_utf8.txt" || ! mentions "$err" "no-such-article.txt" ||
       ! mentions "$err" "random.bin"; then
    fail "mixed: every bad file must be named on stderr" "$err"
  elif ! n=$(json_lines "$out" "$good_size" 2>"$tmp/json.err"); then
    fail "mixed: output is not valid JSON Lines" "$tmp/json.err" "$out"
  elif [ "$n" -lt 1 ] || [ "$n" -ne "$good_events" ]; then
    fail "mixed: $n event(s) printed, the good file alone gives $good_events" "$out" "$err"
  else pass "mixed: good file processed ($n events), bad files reported"; fi
fi

# ---- alias lookup ------------------------------------------------------------------------
run alias_isis alias lookup ISIS
if no_crash alias_isis && [ "$rc" -eq 0 ] && mentions "$out" "ISIL"; then
  pass "alias lookup ISIS -> ISIL"
else fail "alias lookup ISIS: exit $rc, expected the id ISIL" "$out" "$err"; fi

run alias_raqqa alias lookup Raqqa "United States"
# A country is an entity (USA) and a place (US): either record will do.
if no_crash alias_raqqa && [ "$rc" -eq 0 ] && mentions "$out" "SY:raqqa" &&
   grep -Eq '(USA|[^A-Za-z]US[^A-Za-z]).*United States|United States.*(USA|[^A-Za-z]US[^A-Za-z])' "$out"; then
  pass "alias lookup Raqqa, United States"
else fail "alias lookup Raqqa 'United States': exit $rc" "$out" "$err"; fi

run alias_none alias lookup "Xyzzy Plugh Nowhere"
if no_crash alias_none; then
  if [ "$rc" -ne 0 ] || grep -qi 'not found' "$out" "$err"; then pass "alias lookup of an unknown name"
  else fail "alias lookup of an unknown name: exit 0 and no 'not found'" "$out" "$err"; fi
fi

echo "test_cli_errors: $((checks - failures))/$checks checks passed"
[ "$failures" -eq 0 ]
