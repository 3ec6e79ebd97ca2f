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
	expect_file_eq "$TMP/$1" "$GOLD/$1" "$2"
}

# golden_cmd NAME DESCRIPTION ARGS...: what a command prints, exactly
golden_cmd() {
	local name=$1 desc=$2
	shift 2
	"$NDOSCOPE" --db "$DB" "$@" >"$TMP/$name" 2>&1
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/$name" "$GOLD/$name"
	expect_file_eq "$TMP/$name" "$GOLD/$name" "$desc"
}

# --- resolution: every shape of indirect call -------------------------------
golden_q calls-indirect.tsv "indirect.c: every call, classified through what surrounds it" \
	"SELECT * FROM calls WHERE file = 'stack/indirect.c' ORDER BY line, caller, kind, callee"
golden_q edges-indirect.tsv "indirect.c: the resolved edges of those calls" \
	"SELECT * FROM edges WHERE file = 'stack/indirect.c' AND kind <> 'type'
	 ORDER BY line, caller, kind, callee, via"
expect_eq "$(q "$DB" "SELECT kind || ' ' || coalesce(callee, via) FROM calls
		WHERE caller = 'sock_sendmsg_nosec' ORDER BY kind, callee")" \
	"$(printf 'direct inet6_sendmsg\ndirect inet_sendmsg\nfield sock_ops.sendmsg')" \
	"INDIRECT_CALL_INET: the shortcut arms stay direct, the fallback is a field call"
golden_cmd query-pointer-calls.txt "query pointer-calls says why a call is still 'pointer'" \
	query pointer-calls
"$NDOSCOPE" --db "$DB" stats >"$TMP/stats" 2>&1
sed -n '/^Indirect calls:/,/^$/p' "$TMP/stats" >"$TMP/stats-indirect.txt"
[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/stats-indirect.txt" "$GOLD/stats-indirect.txt"
expect_file_eq "$TMP/stats-indirect.txt" "$GOLD/stats-indirect.txt" \
	"stats: shares of indirect calls classified and resolved"

test_done
