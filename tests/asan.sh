#!/bin/bash
# Build with -fsanitize=address,undefined into $1 and run the fixture tests with it.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:?usage: asan.sh BUILD_DIR}
cmake -S "$SRC" -B "$BUILD" -DNDOSCOPE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$BUILD" -j"$(nproc)" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$SRC/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd "$BUILD"
ctest -L fixture --output-on-failure
