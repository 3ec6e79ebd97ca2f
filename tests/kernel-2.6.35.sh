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

# Both trips as 2.6.35 wrote them (journeys/*-2.6.35.journey): the neighbour
# output copied from its ops, okfn passed on by NF_HOOK to NF_HOOK_THRESH.
T=$TMP/k26-trip.db
run "$NDOSCOPE" --db "$T" index -C "$K" net/socket.c net/ipv4/af_inet.c net/ipv4/tcp.c net/ipv4/tcp_output.c \
	net/ipv4/route.c net/ipv4/ip_output.c net/core/neighbour.c net/ipv4/arp.c net/core/dev.c drivers/net/loopback.c \
	net/ipv4/ip_input.c net/ipv4/tcp_ipv4.c net/ipv4/tcp_input.c net/unix/af_unix.c net/core/sock.c
expect_rc 0 "index the 15 TUs of both 2.6.35 trips"
run "$NDOSCOPE" --db "$T" path ip_finish_output2 dev_queue_xmit
expect_match "$out" "^net/ipv4/ip_output.c:[0-9]+: ip_finish_output2 -> dev_queue_xmit \[field neighbour.output, bound at net/ipv4/arp.c:[0-9]+\]$" \
	"neighbour.output reaches dev_queue_xmit: neigh->output = neigh->ops->queue_xmit"
run "$NDOSCOPE" --db "$T" impl hh_cache.hh_output
expect_match "$out" "^net/ipv4/arp.c:[0-9]+: dev_queue_xmit \(arp_hh_ops, initializer of neigh_ops.hh_output, which neigh_hh_init copies into hh_cache.hh_output at net/core/neighbour.c:[0-9]+; TU net/ipv4/arp.c\)$" \
	"impl hh_cache.hh_output: arp_hh_ops' hh_output, copied by neigh_hh_init"
run "$NDOSCOPE" --db "$T" path ip_rcv ip_rcv_finish
expect_eq "$(printf '%s\n' "$out" | sed 's/^[^ ]* //')" "ip_rcv -> NF_HOOK [direct]
NF_HOOK -> NF_HOOK_THRESH [direct]
NF_HOOK_THRESH -> ip_rcv_finish [param param:6, passed at net/ipv4/ip_input.c:447]" \
	"NF_HOOK passes okfn on to NF_HOOK_THRESH, which calls ip_rcv_finish"
run "$NDOSCOPE" --db "$T" journey -f json tcp4-lo-2.6.35 unix-stream-2.6.35
expect_rc 0 "journey tcp4-lo-2.6.35 unix-stream-2.6.35"
printf '%s\n' "$out" >"$TMP/j26.json"
expect_eq "$(python3 - "$TMP/j26.json" <<'PY'
import json, sys
for j in json.load(open(sys.argv[1])):
	missing = [s["from"] + " -> " + s["to"] for s in j["segments"] if not s["hops"]]
	seen = [j["segments"][0]["from"]]
	for s in j["segments"]:
		seen += [h["callee"] if not s["reader"] else h["caller"] for h in s["hops"]]
	print(j["name"], "missing:", ", ".join(missing) or "none", "|", " ".join(f for f in seen if f in (
		"tcp_sendmsg", "ip_finish_output2", "dev_queue_xmit", "loopback_xmit", "enqueue_to_backlog",
		"process_backlog", "NF_HOOK_THRESH", "ip_rcv_finish", "ip_local_deliver_finish", "tcp_v4_rcv",
		"sk_eat_skb", "tcp_recvmsg", "unix_stream_sendmsg", "unix_stream_recvmsg")))
PY
)" "tcp4-lo-2.6.35 missing: none | tcp_sendmsg ip_finish_output2 dev_queue_xmit loopback_xmit enqueue_to_backlog process_backlog NF_HOOK_THRESH ip_rcv_finish NF_HOOK_THRESH ip_local_deliver_finish tcp_v4_rcv sk_eat_skb tcp_recvmsg
unix-stream-2.6.35 missing: none | unix_stream_sendmsg unix_stream_recvmsg" \
	"both 2.6.35 trips found whole, through the neighbour's copied output and NF_HOOK_THRESH"
expect_eq "$(python3 -c '
import json, sys
j = next(j for j in json.load(open(sys.argv[1])) if j["name"] == "tcp4-lo-2.6.35")
print(" | ".join("%s %s -> %s" % (w["kind"], w["caller"], w["callee"]) for w in j["waits"]))' "$TMP/j26.json")" \
	"queue enqueue_to_backlog -> process_backlog | queue tcp_rcv_established -> sk_eat_skb | wakeup sock_def_readable -> sk_wait_data" \
	"where the data waits: the backlog, the receive queue, and the wakeup of tcp_recvmsg, which calls sk_eat_skb"

test_done
