#!/bin/bash
# Acceptance of issue 7 on Debian's linux-source-6.12: a packet's whole trip,
# TCP over 127.0.0.1 against an AF_UNIX stream, on the 16 TUs of the stack
# the issue names. Indexing them takes about a minute with -j 2.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
DB=${KERNEL_TRIP_DB:-$TMP/trip.db}

run "$NDOSCOPE" --db "$DB" index -C "$K" -j 2 net/socket.c \
	net/ipv4/af_inet.c net/ipv4/tcp.c net/ipv4/tcp_output.c net/ipv4/tcp_input.c net/ipv4/tcp_ipv4.c \
	net/ipv4/ip_output.c net/ipv4/ip_input.c net/ipv4/route.c net/ipv4/protocol.c \
	net/core/dev.c net/core/sock.c net/core/neighbour.c net/core/sysctl_net_core.c \
	drivers/net/loopback.c net/unix/af_unix.c
expect_rc 0 "index the 16 TUs of the stack"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE status <> 'failed' AND n_errors = 0")" 16 \
	"all 16 parse without an error"

# Every indirect call classified: kind 'pointer' is at most 5% of them.
run "$NDOSCOPE" --db "$DB" stats --json
expect_rc 0 "stats --json"
# its second array is the indirect calls: sites, classified, resolved, pointer
read -r sites pointer share <<<"$(printf '%s\n' "$out" | python3 -c '
import json, sys
text, docs, i = sys.stdin.read(), [], 0
dec = json.JSONDecoder()
while i < len(text):
	if text[i].isspace():
		i += 1
		continue
	d, i = dec.raw_decode(text, i)
	docs.append(d)
rows = {r["what"].strip(): r for r in docs[1]}
p = rows["pointer (query pointer-calls says why)"]
print(rows["indirect call sites"]["count"], p["count"], p["share"])')"
echo "# indirect call sites $sites, of kind pointer $pointer ($share)"
if [ -n "$sites" ] && [ "$sites" -gt 100 ] && [ $((pointer * 100)) -le $((sites * 5)) ]; then
	ok "kind 'pointer' is at most 5% of the indirect call sites ($pointer of $sites)"
else
	not_ok "kind 'pointer' is at most 5% of the indirect call sites" "pointer: $pointer, sites: $sites"
fi
run "$NDOSCOPE" --db "$DB" query pointer-calls
expect_rc 0 "query pointer-calls lists what is left"

ustream=$(q "$DB" "SELECT line FROM bindings WHERE table_name = 'unix_stream_ops' AND field = 'sendmsg'")
run "$NDOSCOPE" --db "$DB" path __sys_sendto unix_stream_sendmsg
expect_rc 0 "path __sys_sendto unix_stream_sendmsg"
expect_match "$out" "^net/socket.c:[0-9]+: sock_sendmsg_nosec -> unix_stream_sendmsg \[field proto_ops.sendmsg, bound at net/unix/af_unix.c:$ustream\]$" \
	"through proto_ops.sendmsg, bound at af_unix.c's unix_stream_ops"

run "$NDOSCOPE" --db "$DB" path tcp_sendmsg loopback_xmit
expect_rc 0 "path tcp_sendmsg loopback_xmit, with the default depth"
expect_match "$out" "^include/linux/netdevice.h:[0-9]+: __netdev_start_xmit -> loopback_xmit \[field net_device_ops.ndo_start_xmit, bound at drivers/net/loopback.c:[0-9]+\]$" \
	"and reaches loopback_xmit through ndo_start_xmit"

run "$NDOSCOPE" --db "$DB" path enqueue_to_backlog process_backlog
expect_rc 0 "path enqueue_to_backlog process_backlog"
expect_match "$out" "^net/core/dev.c:[0-9]+: [a-z_]+ -> net_rx_action \[softirq NET_RX_SOFTIRQ, registered at net/core/dev.c:[0-9]+\]$" \
	"through the NET_RX_SOFTIRQ hop to net_rx_action"
expect_match "$out" "^net/core/dev.c:[0-9]+: __napi_poll -> process_backlog \[field napi_struct.poll, bound at net/core/dev.c:[0-9]+\]$" \
	"and the napi_struct.poll binding"
run "$NDOSCOPE" --db "$DB" path --sync-only enqueue_to_backlog process_backlog
expect_nonzero "path --sync-only finds no chain of calls across the softirq"

for from in tcp_rcv_established unix_stream_sendmsg; do
	run "$NDOSCOPE" --db "$DB" path $from sock_def_readable
	expect_rc 0 "path $from sock_def_readable"
	expect_match "$out" "-> sock_def_readable \[field sock.sk_data_ready, bound at net/core/sock.c:[0-9]+\]$" \
		"$from wakes the reader through sock.sk_data_ready"
done

# The journeys, side by side.
start=$(date +%s%N)
run "$NDOSCOPE" --db "$DB" journey tcp4-lo unix-stream
end=$(date +%s%N)
echo "# journey tcp4-lo unix-stream: $(( (end - start) / 1000000 )) ms"
expect_rc 0 "journey tcp4-lo unix-stream"
md=$out
expect_match "$md" '^\| where the data waits \| queue `softnet_data.input_pkt_queue`, softirq `NET_RX_SOFTIRQ`, queue `sock.sk_receive_queue`, wakeup `socket_wq.wait` \| queue `sock.sk_receive_queue`, wakeup `socket_wq.wait` \|$' \
	"side by side: where the data waits on each trip"
expect_match "$md" "net_hotdata.max_backlog is the sysctl net.core.netdev_max_backlog" \
	"the TCP trip names netdev_max_backlog"
run "$NDOSCOPE" --db "$DB" journey -f json tcp4-lo unix-stream
printf '%s\n' "$out" >"$TMP/j.json"
# in_order NAME FUNC...: the functions appear in that order on the trip
in_order() {
	python3 - "$TMP/j.json" "$@" <<'PY'
import json, sys
name, want = sys.argv[2], sys.argv[3:]
j = next(j for j in json.load(open(sys.argv[1])) if j["name"] == name)
seen = [j["segments"][0]["from"]]
for s in j["segments"]:
	seen += [h["callee"] if not s["reader"] else h["caller"] for h in s["hops"]]
i = 0
for f in seen:
	if i < len(want) and f == want[i]:
		i += 1
sys.exit(0 if i == len(want) else 1)
PY
}
if in_order tcp4-lo tcp_sendmsg ip_queue_xmit ip_output loopback_xmit enqueue_to_backlog process_backlog \
		ip_rcv ip_local_deliver tcp_v4_rcv tcp_recvmsg_locked; then
	ok "tcp4-lo: tcp_sendmsg ... loopback_xmit, enqueue_to_backlog, process_backlog ... tcp_v4_rcv, tcp_recvmsg_locked, in order"
else
	not_ok "tcp4-lo names its functions in order"
fi
if in_order unix-stream unix_stream_sendmsg unix_stream_read_generic unix_stream_recvmsg; then
	ok "unix-stream: unix_stream_sendmsg, then unix_stream_recvmsg"
else
	not_ok "unix-stream names its functions in order"
fi
expect_eq "$(python3 -c '
import json, sys
print(" ".join(str(j["summary"]["copies"]) for j in json.load(open(sys.argv[1]))))' "$TMP/j.json")" "2 2" \
	"each trip copies the data twice: into the skb and out to the reader"
run "$NDOSCOPE" --db "$DB" journey tcp4-lo unix-stream -o "$TMP/j.html"
expect_eq "$(grep -o '<svg' "$TMP/j.html" | wc -l)" 2 "-f html embeds both graphs"

test_done
