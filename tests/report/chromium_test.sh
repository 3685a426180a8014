#!/bin/sh
# tests/report/chromium_test.sh ADVMATCH SRC WORK: the demo's province preview as a browser shows
# it. Solves and schedules the demo, writes `advmatch report ... --province 52`, then has headless
# Chromium (Debian package `chromium`) take a screenshot (WORK/shot.png, kept for a look), dump
# the DOM it built and log the console: the page loads, every county of province 52 is on it,
# nothing was logged to the console and nothing was fetched. Exits 77 (ctest SKIP) only when
# chromium is not installed.
set -u
am=$1 src=$2 work=$3
fail() { echo "FAIL [report_chromium]: $*" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "SKIP: chromium is not installed (tools/setup.sh installs it)"; exit 77; }
command -v python3 >/dev/null || fail "python3 is needed to read the instance and the DOM"
for v in am src work; do # absolute paths: the test runs in WORK
    eval "case \$$v in /*) ;; *) $v=\$PWD/\$$v ;; esac"
done
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
demo=$src/fixtures/demo/instance.json

"$am" solve "$demo" -q -o result.json 2>err.txt || { cat err.txt >&2; fail "solve"; }
"$am" schedule "$demo" result.json -q -o schedule.json 2>err.txt || { cat err.txt >&2; fail "schedule"; }
"$am" report "$demo" result.json schedule.json --province 52 -o preview.html 2>err.txt ||
    { cat err.txt >&2; fail "report exited non-zero"; }
[ -s preview.html ] || fail "no preview.html"
# the page itself names nothing outside the file
if grep -i -q -E 'http|<script|@import|url\(|@font-face|<link|src=' preview.html; then
    grep -i -n -o -E '.{0,30}(http|<script|@import|url\(|@font-face|<link|src=).{0,30}' preview.html >&2
    fail "preview.html refers to something outside itself"
fi

# A profile of its own, no network at all (every host name fails to resolve).
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --disable-extensions --disable-sync --user-data-dir="$work/profile" \
        --host-resolver-rules="MAP * ~NOTFOUND" "$@"
}
url="file://$work/preview.html"

chrome --screenshot="$work/shot.png" --window-size=1200,2000 "$url" >shot.log 2>&1 ||
    { tail -20 shot.log >&2; fail "chromium --screenshot exited non-zero"; }
[ -f shot.png ] || fail "no screenshot"
size=$(wc -c <shot.png)
[ "$size" -gt 10240 ] || fail "screenshot of $size bytes: the page looks empty"
[ "$(head -c 8 shot.png | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] ||
    fail "shot.png is not a PNG"

chrome --enable-logging=stderr --v=0 --dump-dom "$url" >dom.html 2>console.log ||
    { tail -20 console.log >&2; fail "chromium --dump-dom exited non-zero"; }
if grep -E 'CONSOLE|Uncaught|Failed to load resource' console.log >&2; then
    fail "the page logged to the console"
fi

python3 - "$demo" dom.html <<'EOF' || fail "the rendered page misses a county of province 52"
import html, json, sys
inst = json.load(open(sys.argv[1], encoding="utf-8"))
dom = open(sys.argv[2], encoding="utf-8").read()
text = html.unescape(dom)
counties = [c for c in inst["counties"] if c["province"] == "52"]
assert counties, "the demo has no county in province 52"
assert "</html>" in dom and 'lang="zh-CN"' in dom, "the DOM is incomplete"
missing = [c["id"] + " " + c["name"] for c in counties
           if c["name"] not in text or 'id="c%s"' % c["id"] not in dom]
if missing:
    sys.exit("missing in the DOM: " + ", ".join(missing))
print("report_chromium: %d count%s of province 52 rendered" %
      (len(counties), "y" if len(counties) == 1 else "ies"))
EOF
echo "report_chromium: screenshot $work/shot.png ($size bytes)"
