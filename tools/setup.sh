#!/bin/sh
# tools/setup.sh: install the Debian 12 packages advmatch needs to build, test and bench
# (as root; `apt-get update` once, then one install). Quiet when everything is present.
# postgresql (a server for tests/pg, started by tools/pg-cluster.sh) and libpq-dev: the
# PostgreSQL adapter.
set -eu
PKGS="gcc make cmake pkg-config libglpk-dev glpk-utils libcjson-dev check libsubunit-dev
      postgresql libpq-dev libxlsxwriter-dev python3-openpyxl chromium fonts-noto-cjk"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "setup: installing$missing" >&2
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
