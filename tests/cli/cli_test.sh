#!/bin/sh
# tests/cli/cli_test.sh CASE ADVMATCH SRC WORK: one end-to-end case of the advmatch command:
# exit codes, messages on stderr, and the bytes it writes. Exits non-zero on the first failure.
set -u
case_name=$1 am=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
# run EXPECTED_CODE CMD...: runs CMD with stdout/stderr in out.txt/err.txt, checks the code
run() {
    want=$1; shift
    "$@" >out.txt 2>err.txt; got=$?
    [ "$got" -eq "$want" ] || { cat err.txt >&2; fail "'$*' exited $got, expected $want"; }
}
has() { grep -q -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }
demo=$src/fixtures/demo/instance.json

case $case_name in
version)
    run 0 "$am" --version; has out.txt "^advmatch [0-9]" ;;
help_teaches)
    run 0 "$am" --help; has out.txt "solve"; has out.txt "exit status"
    for c in solve check validate gen schedule check-schedule ics; do
        run 0 "$am" $c --help; has out.txt "usage: advmatch $c"
    done ;;
usage_errors_exit_64)
    run 64 "$am"; run 64 "$am" frobnicate; has err.txt 'unknown command "frobnicate"'
    run 64 "$am" solve; has err.txt "expected one INSTANCE.json"
    run 64 "$am" solve "$demo" --time-limit abc; has err.txt "time-limit"
    run 64 "$am" check "$demo"; run 64 "$am" gen --counties 0 ;;
missing_file_exits_66)
    run 66 "$am" solve no-such-file.json; has err.txt "no-such-file.json"
    run 66 "$am" validate no-such-file.json ;;
bad_json_exits_65_with_position)
    printf '{"format": "advmatch-instance/1",\n  "counties": [ }\n' > broken.json
    run 65 "$am" validate broken.json; has err.txt "line 2"
    run 65 "$am" solve broken.json -o out.json; [ ! -e out.json ] || fail "wrote output for bad input" ;;
bad_input_leaves_old_output_untouched)
    echo "previous result" > result.json
    printf '{"format": "advmatch-instance/1", "provinces": 7}\n' > bad.json
    run 65 "$am" solve bad.json -o result.json
    [ "$(cat result.json)" = "previous result" ] || fail "old output was changed"
    ls | grep -q 'tmp' && fail "a temporary file was left behind"; true ;;
demo_solves_and_checks_clean)
    run 0 "$am" solve "$demo" -o result.json; has out.txt "totals:"; has out.txt "status optimal"
    has result.json '"format": "advmatch-result/1"'; has result.json '"status": "optimal"'
    run 0 "$am" check "$demo" result.json; has out.txt ": ok" ;;
solve_is_byte_identical)
    run 0 "$am" solve "$demo" -q -o a.json; run 0 "$am" solve "$demo" -q -o b.json
    cmp a.json b.json || fail "two solves differ"
    run 0 "$am" solve "$demo" -q; cmp out.txt a.json || fail "stdout result differs from file" ;;
gen_is_byte_identical_and_valid)
    run 0 "$am" gen --counties 20 --experts 400 --seed 7 -o a.json
    run 0 "$am" gen --counties 20 --experts 400 --seed 7 -o b.json
    cmp a.json b.json || fail "gen is not deterministic"
    run 0 "$am" gen --counties 20 --experts 400 --seed 8 -o c.json
    cmp -s a.json c.json && fail "different seeds gave the same instance"
    run 0 "$am" validate a.json; has out.txt "valid: .* 20 counties, 400 experts"
    run 65 "$am" gen --counties 100000 --experts 10 ;;
check_flags_a_tampered_result)
    inst=$src/fixtures/rules/capacity/instance.json
    run 0 "$am" solve "$inst" -q -o good.json
    run 0 "$am" check "$inst" good.json
    # give N1 (capacity 1) a second seat, in 石阡县 too
    sed 's/"expert": "P2", "role": "member"/"expert": "N1", "role": "member"/' good.json > bad.json
    cmp -s good.json bad.json && fail "tampering did not change the file"
    run 65 "$am" check "$inst" bad.json; has err.txt "capacity"; has out.txt "FAILED" ;;
write_lp_is_readable_by_glpsol)
    run 0 "$am" solve "$src/fixtures/rules/cover/instance.json" -q -o r.json --write-lp model.lp
    has model.lp "x(520623,N1)"; has model.lp "size(520623)"
    if command -v glpsol >/dev/null; then
        glpsol --lp model.lp -o sol.txt >glpsol.log 2>&1 || fail "glpsol could not read the LP"
        has sol.txt "Objective:  obj = -166"
    fi ;;
time_limit_still_writes_a_checked_result)
    run 0 "$am" gen --counties 60 --experts 1200 --seed 3 -o inst.json
    "$am" solve inst.json -q --time-limit 0.001 -o r.json 2>err.txt; code=$?
    [ "$code" -eq 0 ] || fail "time-limited solve exited $code"
    has r.json '"status": "time_limit"'
    run 0 "$am" check inst.json r.json ;;
demo_schedule_checks_clean_and_exports_ics)
    run 0 "$am" solve "$demo" -o r.json --schedule s.json; has out.txt "meetings: 12 in H1, 12 in H2"
    has s.json '"format": "advmatch-schedule/1"'
    # the meeting held on 2026-03-06 stays, and counts for H1
    has s.json '"date": "2026-03-06"'
    run 0 "$am" check-schedule "$demo" r.json s.json; has out.txt ": ok"
    run 0 "$am" schedule "$demo" r.json -q -o s2.json; cmp s.json s2.json || fail "schedules differ"
    run 0 "$am" ics s.json --county 520623 -o a.ics
    has a.ics "BEGIN:VCALENDAR"; has a.ics "UID:520623-2026-H1-1@advmatch"
    has a.ics "DTSTART;VALUE=DATE:20260306"
    [ "$(grep -c 'BEGIN:VEVENT' a.ics)" -eq 2 ] || fail "520623 should have two meetings"
    run 0 "$am" ics s.json -o all.ics
    [ "$(grep -c 'BEGIN:VEVENT' all.ics)" -eq 24 ] || fail "the demo should have 24 meetings" ;;
schedule_refuses_what_it_cannot_use)
    run 0 "$am" solve "$src/fixtures/rules/size/instance.json" -q -o r.json
    run 65 "$am" schedule "$src/fixtures/rules/size/instance.json" r.json -o s.json
    has err.txt "calendar"; [ ! -e s.json ] || fail "wrote a schedule without a calendar"
    run 0 "$am" solve "$demo" -q -o r.json --schedule s.json
    # a moved meeting (H2 on a Sunday) and a bad date are caught
    sed '0,/"date": "2026-12-15"/s//"date": "2026-12-13"/' s.json > moved.json
    cmp -s s.json moved.json && fail "tampering did not change the file"
    run 65 "$am" check-schedule "$demo" r.json moved.json; has out.txt "FAILED"
    sed 's/"date": "2026-03-06"/"date": "2026-02-30"/' s.json > baddate.json
    run 65 "$am" check-schedule "$demo" r.json baddate.json; has err.txt "2026-02-30"
    run 64 "$am" ics s.json --county 1 --expert 2
    run 65 "$am" ics r.json; has err.txt "advmatch-schedule/1" ;;
repair_keeps_locks_and_reports_changes)
    inst=$src/fixtures/rules/current/instance.json
    run 0 "$am" solve "$inst" -o r.json
    has out.txt "changes against the 2 current memberships: 0 dropped, 1 added, 1 groups touched"
    has out.txt "objective -1988, status optimal"
    run 0 "$am" solve "$inst" -q --exact -o e.json; has e.json '"objective": -1988'
    run 0 "$am" check "$inst" r.json
    # the locked leader of 石阡县 demoted to member: the checker names the lock
    sed 's/"expert": "N1", "role": "leader"/"expert": "N1", "role": "member"/' r.json > bad.json
    cmp -s r.json bad.json && fail "tampering did not change the file"
    run 65 "$am" check "$inst" bad.json; has err.txt "locked" ;;
output_into_a_pipe_stays_a_pipe)
    mkfifo pipe || fail "mkfifo"
    timeout 20 cat pipe > copy.json & reader=$!  # a replaced pipe would block it
    run 0 "$am" solve "$src/fixtures/rules/size/instance.json" -q -o pipe
    wait $reader
    [ -p pipe ] || fail "the pipe was replaced by a file"
    has copy.json '"format": "advmatch-result/1"' ;;
*) fail "unknown case" ;;
esac
echo "ok [$case_name]"
