#!/bin/bash
# The mini stack in fixtures/tree/stack: indirect calls in the shapes 6.12
# writes them, and the asynchronous hand-offs between functions. Every
# shape is pinned by exact rows in fixtures/expected/stack/.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-stack
. "$(dirname "$0")/lib.sh"

DB=$TMP/stack.db
GOLD=$EXPECTED/stack
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" -j 2 stack
expect_rc 0 "index the mini stack"

# golden_q NAME DESCRIPTION SQL: the rows of SQL, exactly
golden_q() {
	"$NDOSCOPE" --db "$DB" sql --tsv "$3" >"$TMP/$1" 2>&1
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/$1" "$GOLD/$1"
	expect_file_eq "$TMP/$1" "$GOLD/$1" "$2${GOLDEN_NOTE:-}"
}

# golden_cmd NAME DESCRIPTION ARGS...: what a command prints, exactly
golden_cmd() {
	local name=$1 desc=$2
	shift 2
	"$NDOSCOPE" --db "$DB" "$@" >"$TMP/$name" 2>&1
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/$name" "$GOLD/$name"
	expect_file_eq "$TMP/$name" "$GOLD/$name" "$desc${GOLDEN_NOTE:-}"
}

goldens() {
	# --- resolution: every shape of indirect call -----------------------
	golden_q calls-indirect.tsv "indirect.c: every call, classified through what surrounds it" \
		"SELECT * FROM calls WHERE file = 'stack/indirect.c' ORDER BY line, caller, kind, callee"
	golden_q edges-indirect.tsv "indirect.c: the resolved edges of those calls" \
		"SELECT * FROM edges WHERE file = 'stack/indirect.c' AND kind <> 'type'
		 ORDER BY line, caller, kind, callee, via"
	golden_cmd query-pointer-calls.txt "query pointer-calls says why a call is still 'pointer'" \
		query pointer-calls
	"$NDOSCOPE" --db "$DB" stats >"$TMP/stats" 2>&1
	sed -n '/^Indirect calls:/,/^$/p' "$TMP/stats" >"$TMP/stats-indirect.txt"
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/stats-indirect.txt" "$GOLD/stats-indirect.txt"
	expect_file_eq "$TMP/stats-indirect.txt" "$GOLD/stats-indirect.txt" \
		"stats: shares of indirect calls classified and resolved${GOLDEN_NOTE:-}"

	# --- asynchronous hops -----------------------------------------------
	golden_q edges-handoff.tsv "handoff.c: one edge of each asynchronous kind, with its object and both sides" \
		"SELECT * FROM edges WHERE kind NOT IN ('direct', 'field', 'param', 'type')
		 ORDER BY kind, caller, callee, line"
	golden_cmd callees-backlog_enqueue.txt "callees shows the hand-offs with their kind and object" \
		callees backlog_enqueue
	golden_cmd callers-sock_wait_data.txt "callers shows who wakes a sleeper and who fills its queue" \
		callers sock_wait_data
	golden_cmd path-enqueue-poll.txt "path takes the napi hop before a queue hop" \
		path backlog_enqueue backlog_poll
	golden_cmd graph-backlog_enqueue.dot "graph draws a hand-off as its own edge, labelled with kind and object" \
		graph backlog_enqueue --depth 1
	golden_cmd path-kick-wait.txt "path follows a softirq to the action open_softirq() registers" \
		path rx_kick backlog_poll
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

# What the golden files leave out.
expect_eq "$(q "$DB" "SELECT kind || ' ' || coalesce(callee, via) FROM calls
		WHERE caller = 'sock_sendmsg_nosec' ORDER BY kind, callee")" \
	"$(printf 'direct inet6_sendmsg\ndirect inet_sendmsg\nfield sock_ops.sendmsg')" \
	"INDIRECT_CALL_INET: the shortcut arms stay direct, the fallback is a field call"
expect_eq "$(q "$DB" "SELECT group_concat(DISTINCT kind) FROM (SELECT kind FROM edges
		WHERE kind NOT IN ('direct', 'field', 'param', 'type') ORDER BY kind)")" \
	"irq,napi,notifier,queue,rcu,softirq,tasklet,timer,wakeup,work" \
	"every hand-off kind is an edge kind"
run "$NDOSCOPE" --db "$DB" callees --sync-only backlog_enqueue
expect_eq "$(printf '%s\n' "$out" | grep -c ' \[\(queue\|napi\)')" "0" "callees --sync-only leaves the hand-offs out"
run "$NDOSCOPE" --db "$DB" path --sync-only backlog_enqueue backlog_poll
expect_rc 1 "path --sync-only finds no call chain across a hand-off"
expect_match "$err" "^hint: no chain of calls at any depth: leave out --sync-only to follow the hand-offs$" \
	"a failed search that was not cut by the depth says what to try"

test_done
