#!/bin/bash
# ndoscope journey on the miniature trip in fixtures/tree/trip: send() over
# TCP through loopback and over AF_UNIX, each to recvmsg() on the peer,
# side by side. The trips, their hand-offs and comparison are pinned by
# fixtures/expected/journey/. Regenerate after a deliberate change with:
# UPDATE_EXPECTED=1 ctest -R fixture-journey
. "$(dirname "$0")/lib.sh"

DB=$TMP/trip.db
GOLD=$EXPECTED/journey
J=$FIXTURE/trip
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" -j 2 trip
expect_rc 0 "index the mini trip"

# The edges a journey follows: the two proto_ops, the device op, the napi
# poll, the softirq, both receive queues and the wakeup of their readers.
# Then two paths, both trips side by side, and a call through a field bound
# in two files (tcp.c and unix.c): listed once for each binding, and drawn
# once, with the binding first in file order.
goldens() {
	"$NDOSCOPE" --db "$DB" sql --tsv "SELECT * FROM edges WHERE kind NOT IN ('direct', 'type')
		ORDER BY kind, caller, callee, via, line, bound_file" >"$TMP/edges.tsv"
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/edges.tsv" "$GOLD/edges.tsv"
	expect_file_eq "$TMP/edges.tsv" "$GOLD/edges.tsv" "trip/: every indirect and asynchronous edge, exactly${GOLDEN_NOTE:-}"

	golden "$GOLD" path-sendto-unix.txt path __sys_sendto unix_stream_sendmsg
	golden "$GOLD" path-backlog.txt path enqueue_to_backlog process_backlog
	golden "$GOLD" lo-unix.md journey "$J/lo.journey" "$J/unix.journey"
	golden "$GOLD" callees-tcp_v4_rcv.txt callees tcp_v4_rcv
	golden "$GOLD" graph-tcp_v4_rcv.dot graph tcp_v4_rcv --depth 1
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

run "$NDOSCOPE" --db "$DB" path __sys_sendto loopback_xmit --max-depth 2
expect_rc 1 "path cut at --max-depth 2"
expect_match "$err" "^no path from __sys_sendto to loopback_xmit within 2 calls \(searched [0-9]+ functions in [0-9]+ ms\)$" \
	"says how deep it went"
expect_match "$err" "^hint: a longer path may exist: try --max-depth 4$" "and suggests a deeper search"
run "$NDOSCOPE" --db "$DB" path tcp_recvmsg unix_stream_sendmsg
expect_rc 1 "no path at any depth"
expect_eq "$(printf '%s\n' "$err" | grep -c '^hint:')" 0 "no hint where a deeper search cannot help"
run "$NDOSCOPE" --db "$DB" path --json tcp_recvmsg unix_stream_sendmsg
expect_match "$out" '"depth_limited": false' "path --json says the search was not cut by the depth"

# rpc.c's sk_data_ready queues work that calls recvmsg, as sunrpc's does: a
# path to the queue's reader through another reader. The '~' waypoints take
# the queue (the golden above); the same journey without them does not.
sed 's/^~ //' "$J/unix.journey" >"$TMP/unix-calls.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/unix-calls.journey"
expect_match "$out" "unix_stream_sendmsg\` → \`rpc_data_ready\` \[field" \
	"without '~', the AF_UNIX trip goes through rpc.c's work and recvmsg"
run "$NDOSCOPE" --db "$DB" journey "$J/unix.journey"
expect_match "$out" "unix_stream_sendmsg\` → \`unix_stream_read_generic\` \[queue \`sock.sk_receive_queue\`" \
	"with '~ unix_stream_read_generic', it takes the receive queue"

# The output side as 2.6.35 wrote it (trip/tcp.c): a neighbour's output
# copied from its ops (neigh->output = neigh->ops->queue_xmit), and a hook
# that passes its okfn on to another function before it is called.
run "$NDOSCOPE" --db "$DB" impl neighbour.output
expect_eq "$out" "trip/tcp.c:27: dev_queue_xmit (arp_direct_ops, initializer of neigh_ops.queue_xmit, which arp_constructor copies into neighbour.output at trip/tcp.c:35; TU trip/tcp.c)" \
	"impl: the function bound to the field copied, and the copy"
run "$NDOSCOPE" --db "$DB" path ip_output dev_queue_xmit
expect_eq "$out" "trip/tcp.c:58: ip_output -> nf_hook [direct]
trip/tcp.c:48: nf_hook -> nf_hook_thresh [direct]
trip/tcp.c:43: nf_hook_thresh -> ip_finish_output [param param:3, passed at trip/tcp.c:58]
trip/tcp.c:53: ip_finish_output -> dev_queue_xmit [field neighbour.output, bound at trip/tcp.c:27]" \
	"path: okfn passed on by nf_hook, and the output copied from the ops"
# trip/hooks.c: hook_f reaches hook_thresh through hook() alone, and
# hook_other's own function through hook_other; hook_loop's recursion calls
# hook_f once (edges.tsv above holds one edge).
run "$NDOSCOPE" --db "$DB" path hook_x hook_f -k 3
expect_eq "$out" "trip/hooks.c:43: hook_x -> hook [direct]
trip/hooks.c:38: hook -> hook_thresh [direct]
trip/hooks.c:26: hook_thresh -> hook_f [param param:2, passed at trip/hooks.c:43]" \
	"path: the function passed to hook() goes on through hook() alone, not through hook_other()"
run "$NDOSCOPE" --db "$DB" path hook_x hook_h
expect_eq "$out" "trip/hooks.c:43: hook_x -> hook [direct]
trip/hooks.c:36: hook -> hook_other [direct]
trip/hooks.c:31: hook_other -> hook_thresh [direct]
trip/hooks.c:26: hook_thresh -> hook_h [param param:2, passed at trip/hooks.c:31]" \
	"path: hook_other's own function, through hook_other"
run "$NDOSCOPE" --db "$DB" callees hook_loop
expect_eq "$(printf '%s\n' "$out" | grep -c 'hook_loop -> hook_f ')" 1 "callees: a recursion passing fn to itself calls hook_f once"
run "$NDOSCOPE" --db "$DB" sql --tsv "SELECT rhs, src FROM assign WHERE src IS NOT NULL"
expect_eq "$out" "rhs	src
neigh->ops->queue_xmit	neigh_ops.queue_xmit" "assign.src names the field a copy reads"

# Both trips in JSON, then in HTML.
run "$NDOSCOPE" --db "$DB" journey -f json "$J/lo.journey" "$J/unix.journey"
expect_rc 0 "journey -f json"
printf '%s\n' "$out" >"$TMP/j.json"
expect_eq "$(python3 -c '
import json, sys
for j in json.load(open(sys.argv[1])):
	s = j["summary"]
	print(j["name"], *(s[k] for k in ("calls", "indirect", "handoffs", "drops", "locks", "copies")))
' "$TMP/j.json")" "lo 12 6 4 4 2 2
unix 3 2 2 1 3 2" "the JSON summary counts calls, indirect hops, hand-offs, drops, locks and copies"
expect_eq "$(python3 -c '
import json, sys
for j in json.load(open(sys.argv[1])):
	print(j["name"], " ".join(w["kind"] + ":" + w["via"] for w in j["waits"]))
' "$TMP/j.json")" "lo queue:softnet_data.input_pkt_queue softirq:NET_RX_SOFTIRQ queue:sock.sk_receive_queue wakeup:socket_wq.wait
unix queue:sock.sk_receive_queue wakeup:socket_wq.wait" \
	"where the data waits: the backlog queue beside the softirq, the receive queue and the reader's wakeup"

run "$NDOSCOPE" --db "$DB" journey "$J/lo.journey" "$J/unix.journey" -o "$TMP/j.html"
expect_rc 0 "journey -o j.html"
if python3 -c '
import re, sys, xml.dom.minidom
for svg in re.findall(r"<svg.*?</svg>", open(sys.argv[1]).read(), re.S):
	xml.dom.minidom.parseString(svg)
' "$TMP/j.html" 2>"$TMP/xml.err"; then
	ok "the inlined SVGs are well-formed XML"
else
	not_ok "the inlined SVGs are well-formed XML" "$(cat "$TMP/xml.err")"
fi
expect_eq "$(grep -o '<svg' "$TMP/j.html" | wc -l)" 2 "-f html embeds both graphs"
expect_match "$(cat "$TMP/j.html")" '<tr><td>hand-offs \(queues, softirqs, wakeups\)</td><td>4</td><td>2</td></tr>' \
	"the HTML table compares the hand-offs"

# A user's own journey, and what goes wrong with one.
printf 'title a <b> & c\n__sys_sendto socket\ntcp_sendmsg TCP & <more>\n' >"$TMP/esc.journey"
run "$NDOSCOPE" --db "$DB" journey -f html "$TMP/esc.journey"
expect_match "$out" '<h2 id="esc">esc: a &lt;b&gt; &amp; c</h2>' "a user's title is escaped in HTML"
expect_match "$out" '\(TCP &amp; &lt;more&gt;\)' "and so are the layers"
run "$NDOSCOPE" --db "$DB" journey tcp4-lo
expect_nonzero "a shipped journey on an index without its TUs fails"
expect_eq "$err" "error: tcp4-lo needs net/socket.c, net/ipv4/af_inet.c, net/ipv4/tcp.c, net/ipv4/tcp_output.c, net/ipv4/ip_output.c, net/core/neighbour.c, net/core/dev.c, drivers/net/loopback.c, net/ipv4/ip_input.c, net/ipv4/tcp_ipv4.c, net/ipv4/tcp_input.c, net/core/sock.c in the index" \
	"and names the files it needs"
run "$NDOSCOPE" --db "$DB" journey no-such-trip
expect_eq "$err" "error: no journey named 'no-such-trip': give tcp4-lo, unix-stream, tcp4-lo-2.6.35, unix-stream-2.6.35 or the path of a .journey file" \
	"an unknown journey is named"
mkdir -p "$TMP/dir.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/dir.journey"
expect_eq "$err" "error: '$TMP/dir.journey' is not a file" "a directory is not a journey"
truncate -s 17M "$TMP/big.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/big.journey"
expect_eq "$err" "error: '$TMP/big.journey' is over 16 MiB: not a journey" "nor is a file of 17 MiB"
printf '# one waypoint\ntcp_sendmsg TCP\n' >"$TMP/one.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/one.journey"
expect_eq "$err" "error: '$TMP/one.journey' names fewer than two waypoints" "a journey needs two waypoints"
printf '< __sys_recvfrom socket\ntcp_recvmsg TCP\n' >"$TMP/reader.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/reader.journey"
expect_eq "$err" "error: '$TMP/reader.journey': a reader ('<') needs a waypoint above it" "a reader needs a waypoint above it"
printf '~ __sys_sendto socket\ntcp_sendmsg TCP\n' >"$TMP/queued1.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/queued1.journey"
expect_eq "$err" "error: '$TMP/queued1.journey': the first waypoint has no path into it, by a queue ('~') or not" \
	"the first waypoint cannot be reached by a queue"
printf '__sys_sendto socket\n< ~ tcp_recvmsg TCP\n' >"$TMP/both.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/both.journey"
expect_eq "$err" "error: '$TMP/both.journey': a waypoint is a reader ('<') or reached by a queue ('~'), not both" \
	"a waypoint is not both a reader and reached by a queue"
printf '__sys_sendto\nno_such_function\n' >"$TMP/unknown.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/unknown.journey"
expect_eq "$err" "error: unknown: no function named 'no_such_function' in the index" "an unknown waypoint is named"
printf 'needs trip/tcp.c trip/none.c\n__sys_sendto\ntcp_sendmsg\n' >"$TMP/needs.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/needs.journey"
expect_eq "$err" "error: needs needs trip/none.c in the index" "a user's journey names a missing TU too"
printf 'tcp_recvmsg\nunix_stream_sendmsg\n' >"$TMP/nopath.journey"
run "$NDOSCOPE" --db "$DB" journey "$TMP/nopath.journey"
expect_rc 0 "a journey with a gap still prints"
expect_match "$out" "^no path from tcp_recvmsg to unix_stream_sendmsg within 40 calls\.$" "and says where the gap is"
run "$NDOSCOPE" --db "$DB" journey -f xml "$J/lo.journey"
expect_eq "$(printf '%s\n' "$err" | head -1)" "error: -f takes md, html or json, not 'xml'" "-f checks its format"

test_done
