#!/bin/bash
# Acceptance on the real kernel: Debian's linux-source-6.12 after
# 'make defconfig prepare', indexing drivers/net/loopback.c and net/core/dev.c.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
DB=${KERNEL_DB:-$TMP/k.db}

run "$NDOSCOPE" --db "$DB" index -C "$K" drivers/net/loopback.c net/core/dev.c
expect_rc 0 "index loopback.c and dev.c"
expect_match "$out" "^indexed 2, unchanged 0, failed 0, purged 0 in" "both TUs indexed"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 "libclang parses both without an error"

expect_eq "$(q "$DB" "SELECT struct, file FROM ops_tables WHERE name = 'loopback_ops'")" \
	"$(printf 'net_device_ops\tdrivers/net/loopback.c')" "loopback_ops is an ops table of net_device_ops"
expect_eq "$(q "$DB" "SELECT field, function FROM bindings WHERE table_name = 'loopback_ops' ORDER BY field")" \
	"$(printf 'ndo_get_stats64\tloopback_get_stats64\nndo_init\tloopback_dev_init\nndo_set_mac_address\teth_mac_addr\nndo_start_xmit\tloopback_xmit')" \
	"loopback_ops binds its 4 members to the right functions"

expect_eq "$(q "$DB" "SELECT kind, via, file FROM calls WHERE caller = '__netdev_start_xmit' AND kind = 'field'")" \
	"$(printf 'field\tnet_device_ops.ndo_start_xmit\tinclude/linux/netdevice.h')" \
	"__netdev_start_xmit calls through net_device_ops.ndo_start_xmit"

for pair in "loopback_xmit __netif_rx" "__netif_rx netif_rx_internal" "netif_rx_internal enqueue_to_backlog"; do
	set -- $pair
	expect_eq "$(q "$DB" "SELECT DISTINCT kind FROM calls WHERE caller = '$1' AND callee = '$2'")" "direct" \
		"direct call $1 -> $2"
done

expect_eq "$(q "$DB" "SELECT rhs, param FROM assignments WHERE function = 'gen_lo_setup' AND field = 'netdev_ops'")" \
	"$(printf 'dev_ops\t5')" "gen_lo_setup assigns netdev_ops from parameter 5"
expect_eq "$(q "$DB" "SELECT rhs, value FROM assignments WHERE function = 'gen_lo_setup' AND field = 'hard_header_len'")" \
	"$(printf 'ETH_HLEN\t14')" "gen_lo_setup assigns hard_header_len = ETH_HLEN, value 14"
expect_eq "$(q "$DB" "SELECT param FROM assignments WHERE function = 'gen_lo_setup' AND field = 'mtu'")" 2 \
	"gen_lo_setup assigns mtu from parameter 2"

expect_eq "$(q "$DB" "SELECT callee, arg FROM fn_args WHERE caller = 'loopback_setup' AND function = 'loopback_dev_free'")" \
	"$(printf 'gen_lo_setup\t6')" "loopback_setup passes loopback_dev_free to gen_lo_setup as argument 6"
expect_eq "$(q "$DB" "SELECT arg FROM fn_args WHERE caller = 'loopback_net_init' AND function = 'loopback_setup'")" 4 \
	"alloc_netdev(..., loopback_setup) passes it as alloc_netdev_mqs's 4th argument"
expect_eq "$(q "$DB" "SELECT via FROM calls WHERE caller = 'alloc_netdev_mqs' AND kind = 'param'")" "param:4" \
	"alloc_netdev_mqs calls setup(dev) through its 4th parameter"

expect_match "$(q "$DB" "SELECT doc FROM flags WHERE name = 'NETIF_F_SG'")" "[Ss]catter/gather" \
	"NETIF_F_SG is documented as scatter/gather, from the kernel's comment"
expect_eq "$(q "$DB" "SELECT value, bit, file FROM flags WHERE name = 'NETIF_F_SG'")" \
	"$(printf '1\t0\tinclude/linux/netdev_features.h')" "NETIF_F_SG is bit 0"
expect_match "$(q "$DB" "SELECT doc FROM flags WHERE name = 'IFF_NO_QUEUE'")" "qdisc" \
	"IFF_NO_QUEUE (a private flag) has its kernel-doc"
expect_eq "$(q "$DB" "SELECT count(*) FROM functions WHERE name = '__netdev_start_xmit'")" 1 \
	"__netdev_start_xmit is recorded once for two TUs"
expect_eq "$(q "$DB" "SELECT struct, field FROM bindings WHERE function = 'process_backlog' AND context = 'assignment'")" \
	"$(printf 'napi_struct\tpoll')" "the runtime binding sd->backlog.poll = process_backlog"

run "$NDOSCOPE" --db "$DB" index -C "$K" drivers/net/loopback.c net/core/dev.c
expect_match "$out" "^indexed 0, unchanged 2, failed 0, purged 0 in" "a second run reuses the index"

# Queries (issue 3): loopback.c, veth.c, dummy.c and dev.c indexed.
run "$NDOSCOPE" --db "$DB" index -C "$K" drivers/net/veth.c drivers/net/dummy.c
expect_match "$out" "^indexed 2, unchanged 0, failed 0" "add veth.c and dummy.c to the index"
lb_line=$(q "$DB" "SELECT line FROM bindings WHERE table_name = 'loopback_ops' AND field = 'ndo_start_xmit'")

run "$NDOSCOPE" --db "$DB" path __dev_queue_xmit enqueue_to_backlog --via loopback_xmit
expect_rc 0 "path __dev_queue_xmit enqueue_to_backlog --via loopback_xmit"
expect_eq "$(printf '%s\n' "$out" | sed 's/^[^ ]* //; s/ \[.*//')" "__dev_queue_xmit -> dev_hard_start_xmit
dev_hard_start_xmit -> xmit_one
xmit_one -> netdev_start_xmit
netdev_start_xmit -> __netdev_start_xmit
__netdev_start_xmit -> loopback_xmit
loopback_xmit -> __netif_rx
__netif_rx -> netif_rx_internal
netif_rx_internal -> enqueue_to_backlog" "the path goes through the ndo_start_xmit pointer into loopback_xmit"
expect_match "$out" "^include/linux/netdevice.h:[0-9]+: __netdev_start_xmit -> loopback_xmit \[field net_device_ops.ndo_start_xmit, bound at drivers/net/loopback.c:$lb_line\]$" \
	"the field hop says where loopback_ops binds it"

run "$NDOSCOPE" --db "$DB" impl net_device_ops.ndo_start_xmit
expect_rc 0 "impl net_device_ops.ndo_start_xmit"
for fn in loopback_xmit veth_xmit dummy_xmit; do
	expect_match "$out" "^drivers/net/[a-z]+\.c:[0-9]+: $fn \([a-z_]+_ops, initializer; TU drivers/net/[a-z]+\.c\)$" \
		"impl lists $fn with its table and TU"
done

run "$NDOSCOPE" --db "$DB" callers loopback_xmit
expect_match "$out" "^include/linux/netdevice.h:[0-9]+: __netdev_start_xmit -> loopback_xmit \[field net_device_ops.ndo_start_xmit" \
	"callers loopback_xmit includes __netdev_start_xmit through the field"
run "$NDOSCOPE" --db "$DB" callers enqueue_to_backlog
expect_match "$out" "^net/core/dev.c:[0-9]+: netif_rx_internal -> enqueue_to_backlog \[direct\]$" \
	"callers enqueue_to_backlog includes netif_rx_internal"
run "$NDOSCOPE" --db "$DB" callees alloc_netdev_mqs
expect_match "$out" "alloc_netdev_mqs -> loopback_setup \[param param:4, passed at drivers/net/loopback.c:" \
	"setup(dev) in alloc_netdev_mqs reaches loopback_setup"
run "$NDOSCOPE" --db "$DB" callers no_such_function_here
expect_nonzero "an unknown name: non-zero exit"
expect_match "$err" "^error: no function named 'no_such_function_here' in the index" "an unknown name: a clear error"
run "$NDOSCOPE" --db "$DB" query tx-busy
expect_rc 0 "query tx-busy runs on the real index"

# Graphs (issue 4).
run "$NDOSCOPE" --db "$DB" graph loopback_xmit --depth 3 -o "$TMP/lo.svg"
expect_rc 0 "graph loopback_xmit --depth 3 -o lo.svg"
if python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$TMP/lo.svg"; then
	ok "the SVG is well-formed XML"
else
	not_ok "the SVG is well-formed XML"
fi
expect_match "$(cat "$TMP/lo.svg")" "<title>enqueue_to_backlog</title>" "the SVG reaches enqueue_to_backlog"
run "$NDOSCOPE" --db "$DB" graph __dev_queue_xmit --to enqueue_to_backlog --via loopback_xmit -f dot
expect_match "$out" '^  "__netdev_start_xmit" -> "loopback_xmit" \[penwidth=2, style=dashed, .*label="net_device_ops.ndo_start_xmit", tooltip="include/linux/netdevice.h:[0-9]+ calls through net_device_ops.ndo_start_xmit, bound at drivers/net/loopback.c:'"$lb_line"'"\];$' \
	"the path graph labels the ndo_start_xmit edge with its binding"
expect_match "$out" '"enqueue_to_backlog" \[label="enqueue_to_backlog\\nnet/core/dev.c:[0-9]+\\ndrops: [^"]*kfree_skb_reason[^"]*NET_RX_DROP' \
	"enqueue_to_backlog is marked as a drop point"

# Reports (issue 4). sysctl_net_core.c holds the table that names netdev_max_backlog.
run "$NDOSCOPE" --db "$DB" index -C "$K" net/core/sysctl_net_core.c
expect_match "$out" "^indexed 1, " "add net/core/sysctl_net_core.c"
run "$NDOSCOPE" --db "$DB" report lo
expect_rc 0 "report lo"
lo=$out
expect_match "$lo" '^\| net_device.mtu = \| `\(64 \* 1024\)` \| 65536 \| passed by loopback_setup as gen_lo_setup.s 2nd argument' "report lo: mtu 65536, and where it came from"
expect_match "$lo" '^### netdev_ops = &loopback_ops \(struct net_device_ops, drivers/net/loopback.c:' "report lo: loopback_ops"
for slot in ndo_init ndo_start_xmit ndo_get_stats64 ndo_set_mac_address; do
	expect_match "$lo" "^\\| \`$slot\` \\| \`[a-z0-9_]+\` \\| drivers/net/loopback.c:[0-9]+ \\|\$" "report lo: loopback_ops member $slot"
done
expect_match "$lo" '^\| 0 \| `NETIF_F_SG` \| Scatter/gather IO. \|$' "report lo: NETIF_F_SG explained as scatter/gather"
expect_match "$lo" '`netif_rx_internal` → `enqueue_to_backlog`' "report lo: the path down to enqueue_to_backlog"
expect_match "$lo" 'when: `goto cpu_backlog_drop if unlikely\(qlen > max_backlog\)`' "report lo: the backlog drop condition, as spelled"
expect_match "$lo" 'net_hotdata.max_backlog is the sysctl net.core.netdev_max_backlog' "report lo: named as the sysctl net.core.netdev_max_backlog"
expect_match "$lo" '^N: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue' "report lo: LOOPBACK in the ip link view"
expect_match "$lo" '^    link/loopback ' "report lo: link/loopback"
run "$NDOSCOPE" --db "$DB" report blackhole_dev
bh=$out
expect_match "$bh" '^\| net_device.mtu = \| `ETH_MIN_MTU` \| 68 \|' "report blackhole_dev: mtu 68"
expect_match "$bh" '^### netdev_ops = &blackhole_netdev_ops ' "report blackhole_dev: blackhole_netdev_ops"
run "$NDOSCOPE" --db "$DB" report drivers/net/loopback.c -o "$TMP/lo.html"
expect_rc 0 "report drivers/net/loopback.c -o lo.html"
expect_eq "$(grep -c '<section>' "$TMP/lo.html")" 2 "a file that sets up two devices reports each"

test_done
