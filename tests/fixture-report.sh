#!/bin/bash
# ndoscope report on the fixture tree: the exact Markdown report of the
# fixture's lo, blackhole_dev told apart, JSON and HTML forms, the matrix,
# and hostile text escaped in HTML.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-report
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
"$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net >/dev/null 2>&1
GOLD=$EXPECTED/report

goldens() {
	golden "$GOLD" lo.md report lo
	golden "$GOLD" loopback.c.md report drivers/net/loopback.c
	golden "$GOLD" matrix.md report --matrix drivers/net
	golden "$GOLD" matrix.csv report --matrix drivers/net -f csv
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

lo=$(cat "$GOLD/lo.md")
expect_match "$lo" '^\| net_device.mtu = \| `\(64 \* 1024\)` \| 65536 \| passed by loopback_setup as gen_lo_setup.s 2nd argument \|' \
	"lo's mtu: as written, as evaluated, and where it came from"
expect_match "$lo" '^\| `ndo_start_xmit` \| `loopback_xmit` \| drivers/net/loopback.c:65 \|$' "loopback_ops with its members"
expect_match "$lo" '^\| 0 \| `NETIF_F_SG` \| Scatter/gather IO. \|$' "NETIF_F_SG with the kernel's comment"
expect_match "$lo" '^`NETIF_F_GSO_SOFTWARE` expands to: `NETIF_F_SG`, `NETIF_F_TSO`.$' "a composite feature macro expanded into its bits"
expect_match "$lo" 'is the sysctl net.core.netdev_max_backlog \(net/core/dev.c:210\)' \
	"the drop condition names the sysctl that binds netdev_max_backlog"
expect_match "$lo" '^N: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue' "what ip link shows"

bh=$("$NDOSCOPE" --db "$DB" report blackhole_dev)
expect_match "$bh" '^\| net_device.mtu = \| `ETH_MIN_MTU` \| 68 \| passed by blackhole_netdev_setup' "blackhole_dev gets mtu 68"
expect_match "$bh" '^### netdev_ops = &blackhole_netdev_ops ' "and blackhole_netdev_ops"
if printf '%s\n' "$bh" | grep -q 'loopback_ops\|65536'; then
	not_ok "and nothing of loopback's"
else
	ok "and nothing of loopback's"
fi
expect_eq "$("$NDOSCOPE" --db "$DB" report loopback_setup | head -1)" "# lo" "a setup function names its device"
expect_eq "$("$NDOSCOPE" --db "$DB" report loopback)" "$("$NDOSCOPE" --db "$DB" report drivers/net/loopback.c)" \
	"a file's name alone, as its module is named, names its devices: report loopback"
expect_eq "$("$NDOSCOPE" --db "$DB" report loopback.c | head -1)" "# lo" "and with its .c"
expect_eq "$("$NDOSCOPE" --db "$DB" report blackhole_netdev_ops | head -1)" "# blackhole_dev" "an ops table names its device"

# A device only rtnetlink makes: found by its rtnl_link_ops, named by its .kind.
nl=$("$NDOSCOPE" --db "$DB" report nlmon)
expect_match "$nl" '^Set up by `nlmon_setup`; made by rtnetlink \(`ip link add ... type nlmon`\).$' \
	"an rtnl_link_ops device is found and named by its .kind (DRV_NAME)"
expect_match "$nl" 'nlmon_init is an initcall|nlmon_register is an initcall' "and its registration is traced to the initcall"
expect_match "$nl" 'nlmon_register calls rtnl_link_register\(&nlmon_link_ops\)' "through rtnl_link_register"

run "$NDOSCOPE" --db "$DB" report lo -f json
expect_rc 0 "report -f json"
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d["mtu"], d["xmit"], len(d["transmit_path"]))')" \
	"65536 loopback_xmit 8" "the JSON carries the same facts"

"$NDOSCOPE" --db "$DB" report lo -o "$TMP/lo.html"
html=$(cat "$TMP/lo.html")
expect_match "$html" '^<!DOCTYPE html>' "report -o x.html writes a page"
expect_match "$html" '<div class=svg><svg ' "with the graph inline as SVG"
if printf '%s' "$html" | grep -q '<link\|<script\|src="http'; then
	not_ok "and nothing fetched from elsewhere"
else
	ok "and nothing fetched from elsewhere"
fi

# Hostile text from the source is escaped in HTML.
T=$TMP/tree
cp -r "$FIXTURE" "$T"
sed -i 's/alloc_netdev(0, "lo",/alloc_netdev(0, "<img src=x onerror=alert(1)>",/' "$T/drivers/net/loopback.c"
"$NDOSCOPE" --db "$TMP/h.db" index -C "$T" drivers net >/dev/null 2>&1
"$NDOSCOPE" --db "$TMP/h.db" report drivers/net/loopback.c -f html >"$TMP/h.html"
if grep -q '<img src=x' "$TMP/h.html"; then
	not_ok "a hostile interface name is escaped in HTML"
else
	expect_match "$(cat "$TMP/h.html")" '&lt;img src=x onerror=alert\(1\)&gt;' "a hostile interface name is escaped in HTML"
fi

run "$NDOSCOPE" --db "$DB" report eth42
expect_nonzero "an unknown driver: non-zero exit"
expect_match "$err" "^error: no device matches 'eth42' in the index" "an unknown driver: one clear line"
run "$NDOSCOPE" --db "$DB" report lo -f pdf
expect_rc 129 "an unknown format is a usage error"

test_done
