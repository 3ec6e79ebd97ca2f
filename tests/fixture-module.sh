#!/bin/bash
# libclang lives in ndoscope-index.so, loaded only by index and flags,
# libmicrohttpd in ndoscope-serve.so, loaded only by serve, and libgvc in
# ndoscope-render.so, loaded only to draw SVG or PNG: query commands never
# need any, a missing or foreign module is one line, and an install (even a
# moved one) finds its modules.
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-$(dirname "$NDOSCOPE")}

DB=$TMP/fx.db
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net
expect_rc 0 "index through the module"

if command -v ldd >/dev/null; then
	expect_eq "$(ldd "$NDOSCOPE" | grep -c -E 'libclang|libLLVM')" 0 "the binary does not link libclang or LLVM"
	expect_match "$(ldd "$BUILD/ndoscope-index.so")" "libclang" "the module does"
	expect_eq "$(ldd "$NDOSCOPE" | grep -c -E 'libmicrohttpd|libgnutls')" 0 \
		"the binary does not link libmicrohttpd (nor gnutls under it)"
	expect_match "$(ldd "$BUILD/ndoscope-serve.so")" "libmicrohttpd" "the serve module does"
	expect_eq "$(ldd "$NDOSCOPE" | grep -c -E 'libgvc|libcgraph')" 0 "the binary does not link libgvc"
	expect_match "$(ldd "$BUILD/ndoscope-render.so")" "libgvc" "the render module does"
fi

# Drawing loads the render module; DOT text and queries do not need it.
run "$NDOSCOPE" --db "$DB" graph loopback_xmit -f svg
expect_rc 0 "graph -f svg through the render module"
expect_match "$out" "<svg" "graph -f svg draws"
NDOSCOPE_RENDER_MODULE=$TMP/nowhere.so run "$NDOSCOPE" --db "$DB" graph loopback_xmit
expect_rc 0 "DOT without the render module"
expect_match "$out" "^digraph" "DOT is written without it"
NDOSCOPE_RENDER_MODULE=$TMP/nowhere.so run "$NDOSCOPE" --db "$DB" graph loopback_xmit -f svg
expect_rc 1 "svg without the render module: exit 1"
expect_one_line "$err" "svg without the render module: one line"
expect_match "$err" "^error: no render module at '.*nowhere.so' \(from \\\$NDOSCOPE_RENDER_MODULE\)" \
	"svg without the render module: says where it looked"

# serve without its module: one line, naming where it looked.
NDOSCOPE_SERVE_MODULE=$TMP/nowhere.so run "$NDOSCOPE" --db "$DB" serve -C "$FIXTURE" --port 0
expect_rc 1 "serve without its module: exit 1"
expect_one_line "$err" "serve without its module: one line"
expect_match "$err" "^error: no serve module at '.*nowhere.so' \(from \\\$NDOSCOPE_SERVE_MODULE\)" \
	"serve without its module: says where it looked"

# With no module to be found, queries still answer.
export NDOSCOPE_INDEX_MODULE=$TMP/nowhere.so
run "$NDOSCOPE" --db "$DB" callers loopback_xmit
expect_rc 0 "callers does not load the module"
expect_match "$out" "__netdev_start_xmit" "callers answers without it"
run "$NDOSCOPE" --db "$DB" sql --tsv "SELECT count(*) > 0 FROM functions"
expect_eq "$out" "$(printf 'count(*) > 0\n1')" "sql answers without it"

run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net
expect_rc 1 "index without its module: exit 1"
expect_one_line "$err" "index without its module: one line"
expect_match "$err" "^error: no index module at '.*nowhere.so'" "index without its module: says where it looked"

# A file that is not a shared object, and one that is not ours.
echo junk >"$TMP/junk.so"
NDOSCOPE_INDEX_MODULE=$TMP/junk.so run "$NDOSCOPE" flags -C "$FIXTURE" net
expect_one_line "$err" "a broken module: one line"
expect_match "$err" "^error: cannot load the index module '.*junk.so': " "a broken module: dlerror's reason"
libm=$(ldd "$NDOSCOPE" | awk '$1 ~ /^libm\.so/ { print $3 }')
if [ -n "$libm" ]; then
	NDOSCOPE_INDEX_MODULE=$libm run "$NDOSCOPE" flags -C "$FIXTURE" net
	expect_one_line "$err" "a foreign library: one line"
	expect_match "$err" "is not the index module of this ndoscope" "a foreign library: says so"
fi
unset NDOSCOPE_INDEX_MODULE

# A binary copied alone has no module next to it nor installed.
cp "$NDOSCOPE" "$TMP/alone"
run "$TMP/alone" --db "$TMP/alone.db" index -C "$FIXTURE" net
if [ -e /usr/local/lib/ndoscope/ndoscope-index.so ]; then
	ok "a lone binary: skipped (a module is installed)"
else
	expect_one_line "$err" "a lone binary: one line"
	expect_match "$err" "^error: cannot find the index module 'ndoscope-index.so' next to" "a lone binary: says what it looked for"
fi

# Installed, then moved: BINDIR/../LIBDIR/ndoscope.
if [ -f "$BUILD/cmake_install.cmake" ]; then
	cmake --install "$BUILD" --prefix "$TMP/inst" >/dev/null
	mv "$TMP/inst" "$TMP/moved"
	run "$TMP/moved/bin/ndoscope" --db "$TMP/moved.db" index -C "$FIXTURE" drivers net
	expect_rc 0 "a moved install indexes"
	run "$TMP/moved/bin/ndoscope" --db "$TMP/moved.db" callers loopback_xmit
	expect_match "$out" "__netdev_start_xmit" "a moved install answers"
	run "$TMP/moved/bin/ndoscope" --db "$TMP/moved.db" graph loopback_xmit -f svg
	expect_match "$out" "<svg" "a moved install draws"
fi

test_done
