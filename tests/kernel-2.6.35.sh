#!/bin/bash
# Acceptance on Linux 2.6.35 (issue 10): the configured tree from
# ../shared/kernels/linux-2.6.35-net.tar.xz, unpacked by scripts/kernel-tree,
# indexing drivers/net/loopback.c, net/core/dev.c and net/core/sysctl_net_core.c.
# That era takes stdarg.h from the compiler, #defines NETIF_F_* masks with
# comments, allocates through alloc_netdev_mq and has ndo_get_stats.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree" 2.6.35) || { not_ok "the 2.6.35 tree from shared/" "scripts/kernel-tree 2.6.35 failed"; test_done; exit 1; }
DB=${KERNEL26_DB:-$TMP/k26.db}

run "$NDOSCOPE" --db "$DB" index -C "$K" drivers/net/loopback.c net/core/dev.c net/core/sysctl_net_core.c
expect_rc 0 "index loopback.c, dev.c and sysctl_net_core.c of 2.6.35"
expect_match "$out" "^indexed 3, unchanged 0, failed 0, purged 0 in" "the three TUs indexed"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 \
	"no parse errors (stdarg.h comes from libclang's include directory)"

# Flags: #define'd masks with trailing comments.
expect_eq "$(q "$DB" "SELECT value, bit, file, doc FROM flags WHERE name = 'NETIF_F_NO_CSUM'")" \
	"$(printf '4\t2\tinclude/linux/netdevice.h\tDoes not require checksum. F.e. loopack.')" \
	"NETIF_F_NO_CSUM is bit 2 of netdevice.h, with the kernel's comment"
expect_eq "$(q "$DB" "SELECT value, doc FROM flags WHERE name = 'NETIF_F_SG'")" \
	"$(printf '1\tScatter/gather IO.')" "NETIF_F_SG is 1, scatter/gather"
expect_eq "$(q "$DB" "SELECT value, doc FROM flags WHERE name = 'IFF_LOOPBACK'")" \
	"$(printf '8\tis a loopback net')" "IFF_LOOPBACK is 8, with its comment"
expect_eq "$(q "$DB" "SELECT count(*) FROM flags WHERE name = 'NETIF_F_HW_CSUM_BIT'")" 0 \
	"no *_BIT enum in this era"

# Ops of that era.
expect_eq "$(q "$DB" "SELECT field, function FROM bindings WHERE table_name = 'loopback_ops' ORDER BY field")" \
	"$(printf 'ndo_get_stats\tloopback_get_stats\nndo_init\tloopback_dev_init\nndo_start_xmit\tloopback_xmit')" \
	"loopback_ops binds its 3 members"
for pair in "loopback_xmit netif_rx" "netif_rx enqueue_to_backlog"; do
	set -- $pair
	expect_eq "$(q "$DB" "SELECT DISTINCT kind FROM calls WHERE caller = '$1' AND callee = '$2'")" "direct" \
		"direct call $1 -> $2"
done

run "$NDOSCOPE" --db "$DB" path dev_queue_xmit enqueue_to_backlog --via loopback_xmit
expect_rc 0 "path dev_queue_xmit enqueue_to_backlog --via loopback_xmit"
expect_eq "$(printf '%s\n' "$out" | sed 's/^[^ ]* //; s/ \[.*//')" "dev_queue_xmit -> dev_hard_start_xmit
dev_hard_start_xmit -> loopback_xmit
loopback_xmit -> netif_rx
netif_rx -> enqueue_to_backlog" "the 2.6.35 path: ndo_start_xmit into loopback_xmit, then netif_rx"

# report lo: alloc_netdev is a macro over alloc_netdev_mq there.
run "$NDOSCOPE" --db "$DB" report lo
expect_rc 0 "report lo"
lo=$out
expect_match "$lo" 'loopback_net_init calls alloc_netdev\(\.\.\., "lo", loopback_setup\)' \
	"report lo: allocated by alloc_netdev (a macro over alloc_netdev_mq)"
expect_match "$lo" 'loopback_net_init calls register_netdev\(dev\)' "report lo: registered by register_netdev"
expect_match "$lo" '^\| net_device.mtu = \| `\(16 \* 1024\) \+ 20 \+ 20 \+ 12` \| 16436 \| set by loopback_setup \| drivers/net/loopback.c:[0-9]+ \|$' \
	"report lo: mtu (16 * 1024) + 20 + 20 + 12 = 16436"
expect_match "$lo" '^### netdev_ops = &loopback_ops \(struct net_device_ops, drivers/net/loopback.c:' "report lo: loopback_ops"
expect_eq "$(printf '%s\n' "$lo" | awk '/^### netdev_ops = &loopback_ops/ { on = 1; next } /^#/ { on = 0 } on && /^\| `/ { print $2 }')" \
	"$(printf '`ndo_init`\n`ndo_start_xmit`\n`ndo_get_stats`')" "report lo: loopback_ops has exactly ndo_init, ndo_start_xmit, ndo_get_stats"
expect_match "$lo" '^\| 2 \| `NETIF_F_NO_CSUM` \| Does not require checksum. F.e. loopack. \|$' \
	"report lo: NETIF_F_NO_CSUM explained by the kernel's comment"
expect_match "$lo" '`loopback_xmit` → `netif_rx`' "report lo: loopback_xmit -> netif_rx"
expect_match "$lo" '`netif_rx` → `enqueue_to_backlog`' "report lo: netif_rx -> enqueue_to_backlog"
expect_match "$lo" '^- net/core/dev.c:[0-9]+: `enqueue_to_backlog` calls kfree_skb$' "report lo: the drop in enqueue_to_backlog"
expect_match "$lo" 'skb_queue_len\(&sd->input_pkt_queue\) <= netdev_max_backlog' "report lo: the drop is past netdev_max_backlog"
expect_match "$lo" 'netdev_max_backlog is the sysctl net.core.netdev_max_backlog \(net/core/sysctl_net_core.c:[0-9]+\)' "report lo: netdev_max_backlog is net.core.netdev_max_backlog, from the ctl_path"
expect_match "$lo" '^N: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 ' "report lo: the ip link view with mtu 16436"

run "$NDOSCOPE" --db "$DB" report lo -f json
expect_rc 0 "report lo -f json"
expect_eq "$(printf '%s' "$out" | python3 -c 'import json,sys; d = json.load(sys.stdin)[0]; print(d["name"], d["mtu"])' 2>&1)" "lo 16436" \
	"report lo -f json: lo with mtu 16436"

test_done
