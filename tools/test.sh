#!/bin/sh
# tools/test.sh: set up, then build and run every test through ctest twice: a normal build
# (build/) and one with -fsanitize=address,undefined (build-asan/). Fails on the first failure.
set -eu
cd "$(dirname "$0")/.."
tools/setup.sh
jobs=$(nproc)
for kind in normal asan; do
    dir=build; flags="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DAM_SANITIZE=OFF -DBUILD_TESTING=ON"
    if [ "$kind" = asan ]; then dir=build-asan; flags="-DCMAKE_BUILD_TYPE=Debug -DAM_SANITIZE=ON -DBUILD_TESTING=ON"; fi
    echo "== $kind build ($dir)"
    cmake -S . -B "$dir" $flags >/dev/null
    cmake --build "$dir" -j"$jobs" >/dev/null
    ctest --test-dir "$dir" -j"$jobs" --output-on-failure --no-tests=error
done
