#!/bin/bash
# The source browser in headless Chromium (tests/js/browser.mjs), on the 6.12
# index of loopback.c, veth.c, dummy.c and dev.c, and on fixtures/hostile
# over serve and as a static export from file://. Screenshots of each step
# go to $OUT_DIR (ctest: build/test-output/browser).
. "$(dirname "$0")/lib.sh"
OUT_DIR=${OUT_DIR:-$TMP/shots}
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

if [ ! -d "$SRC/tests/js/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
	not_ok "playwright-core and chromium are installed" "run scripts/install-test-deps"
	test_done
fi
K=$("$SRC/scripts/kernel-tree") || { not_ok "the 6.12 tree" "scripts/kernel-tree failed"; test_done; }

serve() {	# serve DB: start serve on a free port; sets $base
	local log=$TMP/serve.$RANDOM
	"$NDOSCOPE" --db "$1" serve --port 0 >"$log" 2>&1 &
	pids="$pids $!"
	for _ in $(seq 100); do
		grep -q '^serving ' "$log" && break
		sleep 0.1
	done
	base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$log")
}

run nice -n 10 "$NDOSCOPE" --db "$TMP/k.db" index -C "$K" -j 2 drivers/net/loopback.c \
	drivers/net/veth.c drivers/net/dummy.c net/core/dev.c
expect_rc 0 "index loopback.c, veth.c, dummy.c and dev.c of 6.12"
run "$NDOSCOPE" --db "$TMP/h.db" index -C "$SRC/fixtures/hostile" drivers
expect_rc 0 "index fixtures/hostile"
run "$NDOSCOPE" --db "$TMP/h.db" html -o "$TMP/hx"
expect_rc 0 "export fixtures/hostile"
xmit_line=$("$NDOSCOPE" --db "$TMP/k.db" sql --tsv \
	"SELECT line FROM functions WHERE name = '__netdev_start_xmit'" | tail -1)

serve "$TMP/k.db"
kbase=$base
serve "$TMP/h.db"
mkdir -p "$OUT_DIR"
NDO_URL=$kbase NDO_HOSTILE=$base NDO_EXPORT="file://$TMP/hx" NDO_XMIT_LINE=$xmit_line OUT=$OUT_DIR \
	node "$SRC/tests/js/browser.mjs" >"$TMP/js.out" 2>&1
rc=$?
sed 's/^/# /' "$TMP/js.out"
expect_rc 0 "tests/js/browser.mjs in chromium (screenshots in $OUT_DIR)"
test_done
