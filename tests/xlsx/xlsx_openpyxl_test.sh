#!/bin/sh
# tests/xlsx/xlsx_openpyxl_test.sh DIR [ADVMATCH SRC]: reads the ledger workbooks that test_xlsx
# wrote into DIR (ctest runs it first: fixture xlsx_files in tests/xlsx/xlsx.cmake) with openpyxl
# and compares them with the result and schedule JSON beside them (tests/xlsx/xlsx_check.py):
#   ledger.xlsx     the demo, every county, with its meetings
#   ledger-52.xlsx  the demo, province 52 only, no schedule (meetings: header only)
#   strict.xlsx     the demo under a stricter policy: shortfalls with their causes
# With ADVMATCH and SRC, also the workbooks `advmatch report ... --xlsx` writes from the same
# JSON (every county; province 52), which must equal the library's byte for byte.
# Exits 77 (skipped) when no python3 with openpyxl is installed (tools/setup.sh installs
# python3-openpyxl), 1 on the first workbook that fails.
set -u
dir=$1 am=${2:-} src=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
py=""
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import openpyxl' 2>/dev/null; then
        py=$p
        break
    fi
done
[ -n "$py" ] || { echo "SKIP: no python3 with openpyxl (apt-get install python3-openpyxl)" >&2; exit 77; }
check() {
    "$py" "$here/xlsx_check.py" "$@" || { echo "FAIL: xlsx_check.py $*" >&2; exit 1; }
}
check "$dir/ledger.xlsx" "$dir/result.json" --schedule "$dir/schedule.json"
check "$dir/ledger-52.xlsx" "$dir/result.json" --province 52
check "$dir/strict.xlsx" "$dir/strict-result.json" --expect-shortfalls
n=3
if [ -n "$am" ]; then
    demo=$src/fixtures/demo/instance.json
    rm -f "$dir/cli.xlsx" "$dir/cli-52.xlsx"
    "$am" report "$demo" "$dir/result.json" "$dir/schedule.json" --xlsx "$dir/cli.xlsx" -q ||
        { echo "FAIL: advmatch report --xlsx exited $?" >&2; exit 1; }
    "$am" report "$demo" "$dir/result.json" --province 52 --xlsx "$dir/cli-52.xlsx" -q ||
        { echo "FAIL: advmatch report --province 52 --xlsx exited $?" >&2; exit 1; }
    check "$dir/cli.xlsx" "$dir/result.json" --schedule "$dir/schedule.json"
    check "$dir/cli-52.xlsx" "$dir/result.json" --province 52
    cmp -s "$dir/cli.xlsx" "$dir/ledger.xlsx" ||
        { echo "FAIL: advmatch report --xlsx differs from am_xlsx_write_ledger" >&2; exit 1; }
    cmp -s "$dir/cli-52.xlsx" "$dir/ledger-52.xlsx" ||
        { echo "FAIL: advmatch report --province 52 --xlsx differs from the library's" >&2; exit 1; }
    n=5
fi
echo "xlsx: $n workbooks match their JSON"
