#!/bin/bash
# ndoscope mcp on the fixture tree: the official SDK's client (tests/mcp-client.mjs)
# checks every tool against the CLI; a fuzz of 10,000 malformed and hostile
# messages (tests/mcp-fuzz.mjs) checks each gets the answer it should and
# the server lives; and a few lines by hand for what a client never sends.
# Needs node and tests/js/node_modules (scripts/install-test-deps).
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
"$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net stack >/dev/null 2>&1

if [ ! -d "$SRC/tests/js/node_modules/@modelcontextprotocol/sdk" ]; then
	not_ok "the MCP SDK is installed" "run scripts/install-test-deps"
	test_done
	exit 1
fi

before=$(sha256sum <"$DB")
node "$SRC/tests/mcp-client.mjs" "$NDOSCOPE" "$DB" fixture >"$TMP/client" 2>&1
rc=$?
cat "$TMP/client"
expect_rc 0 "the SDK client's checks pass"

# The mini trip: journeys from .journey files of the tree.
"$NDOSCOPE" --db "$TMP/trip.db" index -C "$FIXTURE" trip >/dev/null 2>&1
node "$SRC/tests/mcp-client.mjs" "$NDOSCOPE" "$TMP/trip.db" trip >"$TMP/client" 2>&1
rc=$?
cat "$TMP/client"
expect_rc 0 "the SDK client's journey checks pass on the mini trip"

node "$SRC/tests/mcp-fuzz.mjs" "$NDOSCOPE" "$DB" 10000 12 >"$TMP/fuzz" 2>&1
rc=$?
cat "$TMP/fuzz"
expect_rc 0 "10,000 fuzz messages: each answered as it should be, the server alive"
expect_eq "$(sha256sum <"$DB")" "$before" "the client's calls and the fuzz (writes, ATTACH, pragmas in sql) leave the index as it was"

# By hand: an over-long message, a statement that runs too long, end of input.
big=$TMP/big
python3 -c 'import sys; sys.stdout.write("{\"x\":\"" + "a" * (33 << 20) + "\"}\n")' >"$big"
printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"ping"}' >>"$big"
run "$NDOSCOPE" --db "$DB" mcp <"$big"
expect_rc 0 "an over-long message: the server goes on, and exits 0 at the end of input"
expect_eq "$out" '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"a message of 34603016 bytes: the limit is 33554432"}}
{"jsonrpc":"2.0","id":1,"result":{}}' "an over-long message: refused unparsed, and the next one answered"

run sh -c "printf '%s\n' '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"sql\",\"arguments\":{\"query\":\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c\"}}}' | '$NDOSCOPE' --db '$DB' mcp"
expect_eq "$out" '{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"the query ran for more than 5 s and was stopped"}],"isError":true}}' \
	"a statement that never ends is stopped after 5 s"

run sh -c "printf '%s\n' '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\"}}' '{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}' '{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"callers\",\"arguments\":{\"function\":\"loopback_xmit\"}}}' | '$NDOSCOPE' --db '$DB' mcp"
expect_match "$(printf '%s\n' "$out" | head -1)" '"protocolVersion":"2024-11-05"' "an older version the server knows is agreed"
expect_eq "$(printf '%s\n' "$out" | grep -c 'outputSchema\|structuredContent')" 0 \
	"before 2025-06-18: no outputSchema, no structuredContent"
run sh -c "printf '%s\n' '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2099-01-01\"}}' | '$NDOSCOPE' --db '$DB' mcp"
expect_match "$out" '"protocolVersion":"2025-11-25"' "an unknown version is answered with the newest"

run "$NDOSCOPE" --db "$DB" mcp -C "$TMP/no-such-tree" </dev/null
expect_nonzero "-C with a tree that is not there: refused"
# An index made by an older ndoscope lacks tables some answers read: refused at once.
cp "$DB" "$TMP/old.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 1"); c.commit()' "$TMP/old.db"
run "$NDOSCOPE" --db "$TMP/old.db" mcp </dev/null
expect_nonzero "an index of an older schema: refused"
expect_match "$err" "^error: '.*old.db' is at schema 001_init and this ndoscope reads [0-9]{3}_[a-z_]+: run 'ndoscope index' on it to bring it up to date$" \
	"an index of an older schema: one line saying what to do"
run "$NDOSCOPE" --db "$TMP/none.db" mcp </dev/null
expect_nonzero "no index: refused"
expect_one_line "$err" "no index: one line"
test_done
