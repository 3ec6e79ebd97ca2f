#!/bin/bash
# ndoscope graph on the fixture tree: exact DOT, fan-out collapse,
# determinism, and in-process SVG and PNG.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-graph
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
"$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net >/dev/null 2>&1
GOLD=$EXPECTED/graph

goldens() {
	golden "$GOLD" path-loopback.dot graph __dev_queue_xmit --to enqueue_to_backlog --via loopback_xmit
	golden "$GOLD" path-collapsed.dot graph __dev_queue_xmit --to enqueue_to_backlog --via loopback_xmit --max-fanout 2
	golden "$GOLD" path-expanded.dot graph __dev_queue_xmit --to enqueue_to_backlog --via loopback_xmit --max-fanout 2 --expand
	golden "$GOLD" callees-alloc.dot graph alloc_netdev_mqs --max-fanout 3
	golden "$GOLD" callers-backlog.dot graph enqueue_to_backlog --callers --depth 4 --cluster dir --url-base http://localhost:8000/src
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

d=$(cat "$GOLD/path-loopback.dot")
expect_match "$d" '"__netdev_start_xmit" -> "loopback_xmit" \[penwidth=2, style=dashed, color="#1565c0", fontcolor="#1565c0", label="net_device_ops.ndo_start_xmit", tooltip="include/linux/netdevice.h:127 calls through net_device_ops.ndo_start_xmit, bound at drivers/net/loopback.c:65"\]' \
	"the field hop is dashed, labelled, and says where it is bound"
expect_match "$d" '"enqueue_to_backlog" \[label="enqueue_to_backlog\\nnet/core/dev.c:21\\ndrops: softnet_data.dropped\+\+, kfree_skb, NET_RX_DROP"' \
	"enqueue_to_backlog is marked with its three ways of dropping"
expect_match "$(cat "$GOLD/path-collapsed.dot")" 'label="\+4 more ndo_start_xmit implementations"' \
	"a fan-out over --max-fanout is one node, the path's target kept"
expect_match "$(cat "$GOLD/callees-alloc.dot")" 'label="4 functions passed as param:4"' \
	"a parameter fan-out collapses too"
expect_match "$(cat "$GOLD/callers-backlog.dot")" 'URL="http://localhost:8000/src/net/core/dev.c.html#L21"' \
	"--url-base links each node to the browser"

# Determinism: the same index gives byte-identical DOT.
"$NDOSCOPE" --db "$DB" graph enqueue_to_backlog --callers --depth 5 >"$TMP/a.dot"
"$NDOSCOPE" --db "$DB" graph enqueue_to_backlog --callers --depth 5 >"$TMP/b.dot"
if cmp -s "$TMP/a.dot" "$TMP/b.dot" && [ -s "$TMP/a.dot" ]; then ok "DOT is byte-identical run to run"; else not_ok "DOT is byte-identical run to run"; fi
"$NDOSCOPE" --db "$TMP/j2.db" index -C "$FIXTURE" -j 2 drivers net >/dev/null 2>&1
"$NDOSCOPE" --db "$TMP/j2.db" graph enqueue_to_backlog --callers --depth 5 >"$TMP/c.dot"
if cmp -s "$TMP/a.dot" "$TMP/c.dot"; then ok "and index to index (-j 2)"; else not_ok "and index to index (-j 2)" "$(diff "$TMP/a.dot" "$TMP/c.dot" | head)"; fi

# SVG and PNG, rendered in process.
run "$NDOSCOPE" --db "$DB" graph loopback_xmit --depth 3 -o "$TMP/g.svg"
expect_rc 0 "graph -o x.svg renders SVG"
if python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$TMP/g.svg"; then
	ok "the SVG is well-formed XML"
else
	not_ok "the SVG is well-formed XML"
fi
expect_match "$(cat "$TMP/g.svg")" "<title>enqueue_to_backlog" "the SVG reaches enqueue_to_backlog"
"$NDOSCOPE" --db "$DB" graph loopback_xmit -f png >"$TMP/g.png"
expect_eq "$(head -c 8 "$TMP/g.png" | od -An -tx1 | tr -d ' \n')" "89504e470d0a1a0a" "-f png to stdout writes a PNG"

run "$NDOSCOPE" --db "$DB" graph loopback_xmit -f bmp
expect_rc 129 "an unknown format is a usage error"
run "$NDOSCOPE" --db "$DB" graph loopback_xmit --via __netif_rx
expect_rc 129 "--via needs --to"
run "$NDOSCOPE" --db "$DB" graph no_such_fn
expect_match "$err" "^error: no function named 'no_such_fn' in the index" "an unknown function: one clear line"
run "$NDOSCOPE" --db "$DB" graph loopback_xmit --to dev_queue_xmit
expect_nonzero "no path: non-zero exit"
expect_match "$err" "^error: no path from loopback_xmit to dev_queue_xmit" "no path: says so"

test_done
