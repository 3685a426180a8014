#!/bin/sh
# tools/demo.sh: set up, build, and run the main job on the bundled demo (fixtures/demo/): form
# the groups and plan their 2026 meetings (build/demo-result.json, build/demo-schedule.json),
# print the readable summaries, re-check both independently, export one county's meetings as an
# iCalendar file (build/demo-520623.ics), and write Guizhou's preview page and the ledger as a
# spreadsheet (build/demo-preview-52.html, build/demo-ledger.xlsx).
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
demo=fixtures/demo/instance.json
build/advmatch solve "$demo" -o build/demo-result.json --schedule build/demo-schedule.json
build/advmatch check "$demo" build/demo-result.json
build/advmatch check-schedule "$demo" build/demo-result.json build/demo-schedule.json
build/advmatch ics build/demo-schedule.json --county 520623 -o build/demo-520623.ics
build/advmatch report "$demo" build/demo-result.json build/demo-schedule.json --province 52 \
    -o build/demo-preview-52.html --xlsx build/demo-ledger.xlsx
echo "demo: groups in build/demo-result.json, meetings in build/demo-schedule.json," \
     "calendar of 520623 in build/demo-520623.ics, Guizhou's page in build/demo-preview-52.html," \
     "the ledger in build/demo-ledger.xlsx"
