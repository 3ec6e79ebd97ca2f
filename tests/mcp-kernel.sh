#!/bin/bash
# ndoscope mcp on the 6.12 kernel: loopback.c and dev.c indexed, the
# official SDK's client (tests/mcp-client.mjs) asks callers loopback_xmit,
# path __dev_queue_xmit enqueue_to_backlog via loopback_xmit, report lo and
# the rest, and checks them against the CLI.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
DB=${KERNEL_DB:-$TMP/k.db}
if [ ! -d "$SRC/tests/js/node_modules/@modelcontextprotocol/sdk" ]; then
	not_ok "the MCP SDK is installed" "run scripts/install-test-deps"
	test_done
	exit 1
fi

run "$NDOSCOPE" --db "$DB" index -C "$K" drivers/net/loopback.c net/core/dev.c
expect_rc 0 "index loopback.c and dev.c"

node "$SRC/tests/mcp-client.mjs" "$NDOSCOPE" "$DB" kernel >"$TMP/client" 2>&1
rc=$?
cat "$TMP/client"
expect_rc 0 "the SDK client's checks pass on the kernel index"

node "$SRC/tests/mcp-fuzz.mjs" "$NDOSCOPE" "$DB" 2000 7 >"$TMP/fuzz" 2>&1
rc=$?
tail -2 "$TMP/fuzz"
expect_rc 0 "2,000 fuzz messages on the kernel index"
test_done
