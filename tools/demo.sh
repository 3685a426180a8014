#!/bin/sh
# tools/demo.sh: set up, build, and form the groups of the bundled demo (fixtures/demo/):
# writes build/demo-result.json, prints the readable summary, and re-checks the result.
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/advmatch solve fixtures/demo/instance.json -o build/demo-result.json
build/advmatch check fixtures/demo/instance.json build/demo-result.json
