#!/bin/bash
# ndoscope mcp on the 6.12 kernel: loopback.c, dev.c and the unix-stream
# journey's TUs indexed, the official SDK's client (tests/mcp-client.mjs)
# asks callers loopback_xmit, path __dev_queue_xmit enqueue_to_backlog via
# loopback_xmit, report lo, journey unix-stream and the rest, and checks
# them against the CLI.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
DB=${KERNEL_DB:-$TMP/k.db}
if [ ! -d "$SRC/tests/js/node_modules/@modelcontextprotocol/sdk" ]; then
	not_ok "the MCP SDK is installed" "run scripts/install-test-deps"
	test_done
	exit 1
fi

run "$NDOSCOPE" --db "$DB" index -C "$K" -j 2 drivers/net/loopback.c net/core/dev.c \
	net/socket.c net/unix/af_unix.c net/core/sock.c
expect_rc 0 "index loopback.c, dev.c and the TUs of the unix-stream journey"

node "$SRC/tests/mcp-client.mjs" "$NDOSCOPE" "$DB" kernel >"$TMP/client" 2>&1
rc=$?
cat "$TMP/client"
expect_rc 0 "the SDK client's checks pass on the kernel index"

node "$SRC/tests/mcp-fuzz.mjs" "$NDOSCOPE" "$DB" 2000 7 >"$TMP/fuzz" 2>&1
rc=$?
tail -2 "$TMP/fuzz"
expect_rc 0 "2,000 fuzz messages on the kernel index"
test_done
