#!/bin/bash
# Across kernels (issue 10): 'ndoscope diff' between Linux 2.6.35 (from
# ../shared/kernels) and 6.12, and 6.1 (Debian's linux-source-6.1) reports
# and paths. Each tree indexes loopback.c, dev.c and sysctl_net_core.c (6.1
# adds veth.c).
. "$(dirname "$0")/lib.sh"

K26=$("$SRC/scripts/kernel-tree" 2.6.35) || { not_ok "the 2.6.35 tree" "scripts/kernel-tree 2.6.35 failed"; test_done; exit 1; }
K612=$("$SRC/scripts/kernel-tree" 6.12) || { not_ok "the 6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
K61=$("$SRC/scripts/kernel-tree" 6.1) || { not_ok "the 6.1 tree" "scripts/kernel-tree 6.1 failed"; test_done; exit 1; }
cd "$TMP" || exit 1

for v in 26:$K26 612:$K612; do
	run "$NDOSCOPE" --db "k${v%%:*}.db" index -C "${v#*:}" drivers/net/loopback.c net/core/dev.c net/core/sysctl_net_core.c
	expect_match "$out" "^indexed 3, unchanged 0, failed 0" "index ${v#*:}"
	expect_eq "$(q "k${v%%:*}.db" "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 "no parse errors in ${v#*:}"
done

# diff report lo: 2.6.35 -> 6.12.
run "$NDOSCOPE" diff k26.db k612.db report lo
expect_rc 0 "diff k26.db k612.db report lo"
d=$out
expect_match "$d" '^\| ~ \| `net_device.mtu =` \| 16436 \(\(16 \* 1024\) \+ 20 \+ 20 \+ 12\) \| 65536 \(\(64 \* 1024\)\) \|$' \
	"mtu 16436 -> 65536"
expect_match "$d" '^\| - \| `netdev_ops.ndo_get_stats` \| loopback_get_stats \|  \|$' "ndo_get_stats removed"
expect_match "$d" '^\| \+ \| `netdev_ops.ndo_get_stats64` \|  \| loopback_get_stats64 \|$' "ndo_get_stats64 added"
expect_match "$d" '^- netdev_ops.ndo_get_stats became netdev_ops.ndo_get_stats64 \(a guess' "the slot paired, as a guess"
expect_match "$d" '^\| - \| `features: NETIF_F_NO_CSUM` \| Does not require checksum. F.e. loopack. \|  \|$' \
	"NETIF_F_NO_CSUM gone, with its old comment"
expect_match "$d" '^\| \+ \| `features: NETIF_F_HW_CSUM` \|  \| Can checksum all the packets. \|$' "NETIF_F_HW_CSUM in"
expect_match "$d" '^- NETIF_F_LLTX became the field net_device.lltx \(a guess: the same name\)$' \
	"NETIF_F_LLTX became the lltx field, as a guess"
expect_match "$d" '^\| ~ \| netif_rx \(called at drivers/net/loopback.c:[0-9]+\) \| __netif_rx \(called at drivers/net/loopback.c:[0-9]+\) \|$' \
	"netif_rx aligned with __netif_rx"
expect_match "$d" '^\| \+ \|  \| netif_rx_internal \(called at net/core/dev.c:[0-9]+\) \|$' "netif_rx_internal new on the path"
expect_match "$d" '^\|  \| enqueue_to_backlog \(called at net/core/dev.c:[0-9]+\) \| enqueue_to_backlog \(called at net/core/dev.c:[0-9]+\) \|$' \
	"both end in enqueue_to_backlog"
expect_match "$d" 'netdev_max_backlog is the sysctl net.core.netdev_max_backlog \(net/core/sysctl_net_core.c:[0-9]+\) \| .*is the sysctl net.core.netdev_max_backlog' "the drop's sysctl named alike on both sides"

run "$NDOSCOPE" diff k26.db k612.db report lo -f json
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d = json.load(sys.stdin); print([r["new"] for s in d["sections"] for r in s["rows"] if r["key"] == "net_device.mtu ="][0])')" \
	"65536 ((64 * 1024))" "diff -f json: the new mtu"
run "$NDOSCOPE" diff k26.db k612.db report lo -o "$TMP/lo.html"
expect_rc 0 "diff report lo -o lo.html"
expect_match "$(cat "$TMP/lo.html")" '<tr class="removed"><td>-</td><td><code>features: NETIF_F_NO_CSUM</code>' "the HTML marks NETIF_F_NO_CSUM removed"

run "$NDOSCOPE" diff k26.db k612.db ops loopback_ops
expect_match "$out" '^\| \+ \| `loopback_ops.ndo_set_mac_address` \|  \| eth_mac_addr \|$' "diff ops loopback_ops: ndo_set_mac_address gained"
run "$NDOSCOPE" diff k26.db k612.db path dev_queue_xmit enqueue_to_backlog
expect_rc 0 "diff path dev_queue_xmit enqueue_to_backlog"
expect_match "$out" '^\| \+ \|  \| __dev_queue_xmit ' "the path: __dev_queue_xmit is new"
run "$NDOSCOPE" diff k26.db k612.db
expect_rc 0 "diff summary"
expect_match "$out" '^- alloc_netdev_mq \(net/core/dev.c\) may be alloc_netdev_mqs: a guess' \
	"the summary pairs alloc_netdev_mq with alloc_netdev_mqs"

# 6.1 keeps working.
run "$NDOSCOPE" --db k61.db index -C "$K61" drivers/net/loopback.c drivers/net/veth.c net/core/dev.c net/core/sysctl_net_core.c
expect_match "$out" "^indexed 4, unchanged 0, failed 0" "index 6.1: loopback.c, veth.c, dev.c, sysctl_net_core.c"
expect_eq "$(q k61.db "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 "no parse errors in 6.1"
run "$NDOSCOPE" --db k61.db report lo
expect_match "$out" '^\| net_device.mtu = \| `\(64 \* 1024\)` \| 65536 \|' "6.1 report lo: mtu 65536"
expect_match "$out" '`netif_rx_internal` → `enqueue_to_backlog`' "6.1 report lo: the path to enqueue_to_backlog"
run "$NDOSCOPE" --db k61.db report veth
expect_match "$out" "'ip link add ... type veth' makes the device" "6.1 report veth: made by rtnetlink"
expect_match "$out" '^\| `ndo_start_xmit` \| `veth_xmit` \| drivers/net/veth.c:[0-9]+ \|$' "6.1 report veth: veth_xmit"
expect_match "$out" '`veth_forward_skb` → `__netif_rx`' "6.1 report veth: veth_xmit forwards into __netif_rx"
run "$NDOSCOPE" --db k61.db path __dev_queue_xmit enqueue_to_backlog --via veth_xmit
expect_match "$out" '__netdev_start_xmit -> veth_xmit \[field net_device_ops.ndo_start_xmit' "6.1 path through ndo_start_xmit into veth_xmit"

test_done
