#!/bin/sh
# tests/cli/alternates_test.sh ADVMATCH SRC [WORK]: end-to-end checks of `advmatch alternates` on
# the hand-solved instance fixtures/rules/alternates/ (its lists are worked out in
# tests/unit/test_alternates.c): the table and the JSON, -o, the usage errors (64) and the data
# errors (65, naming the county or member, writing nothing). Exits non-zero on the first failure.
set -u
am=$1 src=$2
case $am in /*) ;; *) am=$(pwd)/$am ;; esac
case $src in /*) ;; *) src=$(pwd)/$src ;; esac
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/advmatch-alternates.XXXXXX")}
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL [alternates]: $*" >&2; exit 1; }
# run EXPECTED_CODE CMD...: runs CMD with stdout/stderr in out.txt/err.txt, checks the code
run() {
    want=$1; shift
    "$@" >out.txt 2>err.txt; got=$?
    [ "$got" -eq "$want" ] || { cat out.txt err.txt >&2; fail "'$*' exited $got, expected $want"; }
}
has() { grep -q -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }
inst=$src/fixtures/rules/alternates/instance.json
res=$src/fixtures/rules/alternates/result.json

# --help teaches; the command is listed
run 0 "$am" alternates --help
has out.txt "usage: advmatch alternates"; has out.txt "example:"; has out.txt "exit status"
run 0 "$am" --help; has out.txt "alternates"

# usage errors: 64
run 64 "$am" alternates "$inst" "$res"; has err.txt "\-\-county ID is required"
run 64 "$am" alternates "$inst" --county 520623
run 64 "$am" alternates "$inst" "$res" --county 520623 -k abc; has err.txt "\-k needs"
run 64 "$am" alternates "$inst" "$res" --county 520623 --frobnicate

# the table: every member, best first (hand-worked in tests/unit/test_alternates.c)
run 0 "$am" alternates "$inst" "$res" --county 520623
has out.txt "^leader N1 .*2 replacements keep every rule"
has out.txt "^ *1  N4 .* national  *2  *-1  tea$"
has out.txt "^ *2  N2 .* national  *1  *-2  chili; processing$"
has out.txt "^member G1 .*1 replacement keeps every rule"
has out.txt "^ *1  G2 .* paired  *1  *-2  chili$"
has out.txt "^ *1  L2 .* local  *0  *-1  production$"
has out.txt "^ *1  N3 .* national  *2  *-2  tea$"
has out.txt "^ *2  P5 .* province  *2  *-2  tea$"
run 0 "$am" alternates "$inst" "$res" --county 520623 --member N1 -k 1
has out.txt "the best 1 shown"; grep -q "N2" out.txt && fail "-k 1 listed a second replacement"
run 0 "$am" alternates "$inst" "$res" --county 522323 --member P3
has out.txt "no replacement keeps every rule"

# JSON: parses, and holds the hand-worked list
run 0 "$am" alternates "$inst" "$res" --county 520623 --member P1 --json
has out.txt '"format": "advmatch-alternates/1"'
if command -v jq >/dev/null 2>&1; then
    got=$(jq -r '[.members[] | .expert as $m | .alternates[] |
                  "\($m)>\(.expert):\(.channel):\(.score):\(.delta)"] | join(" ")' out.txt) ||
        fail "jq cannot parse the JSON"
    [ "$got" = "P1>N3:national:2:-2 P1>P5:province:2:-2" ] || fail "JSON list is '$got'"
elif command -v python3 >/dev/null 2>&1; then
    python3 -m json.tool out.txt >/dev/null || fail "the JSON does not parse"
fi
run 0 "$am" alternates "$inst" "$res" --county 520623 --json
if command -v jq >/dev/null 2>&1; then
    [ "$(jq '.members | length' out.txt)" = 4 ] || fail "JSON has not 4 members"
    [ "$(jq -r '.members[0].role' out.txt)" = leader ] || fail "JSON: the leader is not first"
fi

# -o: the same bytes, atomically
run 0 "$am" alternates "$inst" "$res" --county 520623 --json; cp out.txt stdout.json
run 0 "$am" alternates "$inst" "$res" --county 520623 --json -o alt.json
cmp alt.json stdout.json || fail "-o wrote other bytes than stdout"
ls | grep -q 'tmp' && fail "a temporary file was left behind"

# bad data: 65, naming what is wrong, and no output file
run 65 "$am" alternates "$inst" "$res" --county 999999 -o bad.json
has err.txt 'county "999999" is not a county'
run 65 "$am" alternates "$inst" "$res" --county 520623 --member N2 -o bad.json
has err.txt "N2 is not a member of 520623's group; its members are N1 (leader), G1, L1, P1"
run 65 "$am" alternates "$inst" "$res" --county 520623 --member E0042 -o bad.json
has err.txt 'expert "E0042" is not an expert of the instance'
# a result of another instance: its counties and experts are unknown there
run 65 "$am" alternates "$src/fixtures/rules/org/instance.json" "$res" --county 520623 \
    -o bad.json
has err.txt "unknown"
[ ! -e bad.json ] || fail "wrote output for bad input"
echo "alternates: ok"
