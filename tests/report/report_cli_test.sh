#!/bin/sh
# tests/report/report_cli_test.sh CASE ADVMATCH SRC WORK: one case of `advmatch report`: its
# help, usage errors, bad inputs (exit 65, nothing written), an unwritable output (exit 73,
# nothing left), byte-identical pages, the spreadsheet beside the page. Exits non-zero on the
# first failure.
set -u
case_name=$1 am=$2 src=$3 work=$4
for v in am src work; do # absolute paths: the test runs in WORK
    eval "case \$$v in /*) ;; *) $v=\$PWD/\$$v ;; esac"
done
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail() { echo "FAIL [report_$case_name]: $*" >&2; exit 1; }
# run EXPECTED_CODE CMD...: runs CMD with stdout/stderr in out.txt/err.txt, checks the code
run() {
    want=$1; shift
    "$@" >out.txt 2>err.txt; got=$?
    [ "$got" -eq "$want" ] || { cat err.txt >&2; fail "'$*' exited $got, expected $want"; }
}
has() { grep -q -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks '$2'"; }; }
no_leftovers() { ls -A | grep -q 'tmp' && fail "a temporary file was left behind: $(ls -A)"; true; }
demo=$src/fixtures/demo/instance.json
solve_demo() {
    run 0 "$am" solve "$demo" -q -o r.json --schedule s.json
}

case $case_name in
help_teaches)
    run 0 "$am" report --help; has out.txt "usage: advmatch report INSTANCE.json RESULT.json"
    has out.txt "--province CODE"; has out.txt "--xlsx FILE"; has out.txt "national overview"
    has out.txt "65 bad data"; has out.txt "73 an output that cannot be created"
    run 0 "$am" --help; has out.txt "report" ;;
usage_errors_exit_64)
    solve_demo
    run 64 "$am" report; has err.txt "expected INSTANCE.json RESULT.json"
    run 64 "$am" report "$demo"
    run 64 "$am" report "$demo" r.json; has err.txt "give -o FILE.html"
    run 64 "$am" report "$demo" r.json s.json extra.json -o p.html
    run 64 "$am" report "$demo" r.json --frobnicate -o p.html
    run 64 "$am" report "$demo" r.json -o same --xlsx same
    [ ! -e p.html ] || fail "wrote a page on a usage error" ;;
unknown_province_exits_65)
    solve_demo
    echo "old page" > p.html
    run 65 "$am" report "$demo" r.json s.json --province 99 -o p.html
    has err.txt 'province "99" is not in the instance; its provinces are'
    has err.txt "52 贵州省"
    [ "$(cat p.html)" = "old page" ] || fail "the old page was changed"
    no_leftovers ;;
result_of_another_instance_exits_65)
    solve_demo
    run 0 "$am" gen --counties 5 --experts 120 --seed 4 -o gen.json
    run 0 "$am" solve gen.json -q -o gen-result.json
    run 65 "$am" report "$demo" gen-result.json --province 52 -o p.html
    has err.txt "gen-result.json"
    run 65 "$am" report gen.json r.json -o p.html
    [ ! -e p.html ] || fail "wrote a page for a result of another instance"
    # a schedule of other groups: 520623's leader replaced in the result
    sed '0,/"expert": "E0027"/s//"expert": "E0001"/' r.json > other.json
    cmp -s r.json other.json && fail "tampering did not change the result"
    run 65 "$am" report "$demo" other.json s.json --province 52 -o p.html
    has err.txt "the schedule was made for other groups"
    [ ! -e p.html ] || fail "wrote a page for a schedule of other groups"
    run 65 "$am" report "$demo" other.json s.json --province 52 --xlsx l.xlsx
    [ ! -e l.xlsx ] || fail "wrote a workbook for a schedule of other groups"
    no_leftovers ;;
unwritable_output_exits_73_and_leaves_nothing)
    solve_demo
    run 73 "$am" report "$demo" r.json s.json --province 52 -o no-such-dir/p.html
    has err.txt "no-such-dir/p.html"
    [ ! -e no-such-dir ] || fail "created the missing directory"
    run 73 "$am" report "$demo" r.json --xlsx no-such-dir/l.xlsx
    [ ! -e no-such-dir ] || fail "created the missing directory"
    no_leftovers ;;
pages_are_byte_identical)
    solve_demo
    run 0 "$am" report "$demo" r.json s.json --province 52 -o a.html; has err.txt "wrote a.html"
    run 0 "$am" report "$demo" r.json s.json --province 52 -q -o b.html
    [ ! -s err.txt ] || fail "-q still printed: $(cat err.txt)"
    cmp a.html b.html || fail "two province pages differ"
    run 0 "$am" report "$demo" r.json s.json --province 52 -q -o -
    cmp out.txt a.html || fail "the page on standard output differs from the file"
    has a.html '<meta charset="utf-8">'; has a.html "石阡县"; has a.html "2026-03-06"
    run 0 "$am" report "$demo" r.json -q -o n1.html
    run 0 "$am" report "$demo" r.json -q -o n2.html
    cmp n1.html n2.html || fail "two national pages differ"
    [ "$(grep -c '<tr class="province' n1.html)" -eq 15 ] || fail "the demo has 15 provinces"
    has n1.html "贵州省" ;;
xlsx_beside_the_page)
    solve_demo
    run 0 "$am" report "$demo" r.json s.json --province 52 -q -o p.html --xlsx l.xlsx
    [ -s p.html ] || fail "no page"
    [ "$(head -c 2 l.xlsx)" = "PK" ] || fail "l.xlsx is not a workbook (zip)"
    run 0 "$am" report "$demo" r.json -q --xlsx only.xlsx
    [ "$(head -c 2 only.xlsx)" = "PK" ] || fail "only.xlsx is not a workbook (zip)"
    no_leftovers ;;
fixes_found_by_solving_again)
    # the demo with three local members required: 石阡县 (520623) recommends two, E0032 and
    # E0033; E0034 lives there too, so recommending E0034 removes the shortfall (+100: the
    # local penalty) -- the fix the page must show under the shortfall
    python3 -c "import json; d = json.load(open('$demo'))
d.setdefault('policy', {})['local_members'] = {'min': 3, 'max': 3}
d['policy']['group_size'] = {'min': 11, 'target': 12, 'max': 12}
json.dump(d, open('strict.json', 'w'), ensure_ascii=False)"
    run 0 "$am" solve strict.json -q -o r.json
    run 0 "$am" report strict.json r.json --province 52 -o p.html
    has p.html "what would help (solved again)"
    has p.html "E0034"
    has p.html "is recommended by the county too"
    has p.html "removes it, 目标变化 objective +100"
    run 0 "$am" report strict.json r.json --province 52 --relax 0 -q -o none.html
    if grep -q "what would help" none.html; then fail "--relax 0 still lists fixes"; fi ;;
*)
    fail "unknown case" ;;
esac
