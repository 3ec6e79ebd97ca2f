#!/bin/bash
# Readers keep answering while a writer writes: the query commands, sql and
# serve, each run again and again on an index while 'index --force' rewrites
# it, then while 'merge' replaces a shard in it. Every answer is a whole
# one (exit 0, nothing on stderr, the lines of the answer before any write),
# none waits on the writer's lock, and serve never fails a request.
. "$(dirname "$0")/lib.sh"
WHAT="drivers net stack"
ROUNDS=${ROUNDS:-6}

cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree
DB=$TMP/live.db
"$NDOSCOPE" --db "$DB" index -C "$T" -j 2 $WHAT >/dev/null 2>&1
# At rest, the last writer has left the rollback journal on: a reader opens
# it with a lock on the file, not by rebuilding the WAL's index. The writers
# below switch it back to WAL first.
expect_eq "$(sqlite3 "$DB" "PRAGMA journal_mode")" "delete" "an index at rest is in rollback mode"
# So a writer must have the file to itself for a moment to switch it back
# to WAL: a reader's transaction (here 3 s) delays it, and it says so and
# waits, up to two minutes, rather than fail at the 10 s of a statement.
cp "$DB" "$TMP/held.db"
python3 -c '
import sqlite3, sys, time
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, isolation_level=None)
c.execute("BEGIN"); c.execute("SELECT count(*) FROM sym").fetchone()
open(sys.argv[1] + ".held", "w").close()
time.sleep(3); c.execute("COMMIT")' "$TMP/held.db" &
held=$!
while [ ! -e "$TMP/held.db.held" ]; do sleep 0.1; done
run "$NDOSCOPE" --db "$TMP/held.db" index -C "$T" --force drivers/net/loopback.c
wait $held
expect_eq "$rc" 0 "index beside a reader's transaction: waits for it, then writes"
expect_match "$err" "^waiting for the readers of '.*held.db' to end their transactions...$" "and says what it waits for"

# The questions, and their answers before any write.
questions=(
	"callers loopback_xmit"
	"callees __netdev_start_xmit"
	"path __dev_queue_xmit enqueue_to_backlog --via loopback_xmit"
	"impl net_device_ops.ndo_start_xmit"
	"refs netdev_max_backlog"
)
for i in "${!questions[@]}"; do
	# shellcheck disable=SC2086
	"$NDOSCOPE" --db "$DB" ${questions[$i]} >"$TMP/want.$i" 2>&1
done
"$NDOSCOPE" --db "$DB" sql --tsv "SELECT count(*) FROM functions WHERE file = 'drivers/net/loopback.c'" >"$TMP/want.sql"

# A command that answers and exits reads one state of the index: all its
# statements run in one read transaction, so a user's statement cannot
# start another.
run "$NDOSCOPE" --db "$DB" sql "BEGIN"
expect_eq "$rc:$(cat "$TMP/err")" "1:error: query failed: cannot start a transaction within a transaction" \
	"sql runs inside the command's one read transaction"

# start_serve: 'ndoscope serve' on $DB, on a free loopback port; sets $base
serve_pid=
start_serve() {
	[ -z "$serve_pid" ] || kill "$serve_pid" 2>/dev/null
	: >"$TMP/serve.log"
	"$NDOSCOPE" --db "$DB" serve -C "$T" --port 0 >"$TMP/serve.log" 2>&1 &
	serve_pid=$!
	for _ in $(seq 100); do
		grep -q '^serving ' "$TMP/serve.log" && break
		sleep 0.05
	done
	base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$TMP/serve.log")
}
trap '[ -z "$serve_pid" ] || kill $serve_pid 2>/dev/null; rm -rf "$TMP"' EXIT
start_serve

# ask_while PID LABEL: ask every question until PID ends; counts the rounds
# in ASKED and each wrong or failed answer in WRONG (the first one kept).
ask_while() {
	local pid=$1 i code
	ASKED=0 WRONG=0 FIRST=
	while kill -0 "$pid" 2>/dev/null; do
		for i in "${!questions[@]}"; do
			# shellcheck disable=SC2086
			if ! "$NDOSCOPE" --db "$DB" ${questions[$i]} >"$TMP/got" 2>"$TMP/err" ||
			   [ -s "$TMP/err" ] || ! cmp -s "$TMP/got" "$TMP/want.$i"; then
				WRONG=$((WRONG + 1))
				[ -n "$FIRST" ] || FIRST="${questions[$i]}: $(head -c 300 "$TMP/err") $(diff "$TMP/want.$i" "$TMP/got" | head -5)"
			fi
		done
		if ! "$NDOSCOPE" --db "$DB" sql --tsv "SELECT count(*) FROM functions WHERE file = 'drivers/net/loopback.c'" \
			>"$TMP/got" 2>"$TMP/err" || ! cmp -s "$TMP/got" "$TMP/want.sql"; then
			WRONG=$((WRONG + 1))
			[ -n "$FIRST" ] || FIRST="sql: $(head -c 300 "$TMP/err")"
		fi
		code=$(curl -s -o /dev/null -w '%{http_code}' "$base/fn/loopback_xmit")
		if [ "$code" != 200 ]; then
			WRONG=$((WRONG + 1))
			[ -n "$FIRST" ] || FIRST="serve: GET /fn/loopback_xmit answered $code"
		fi
		ASKED=$((ASKED + 1))
	done
	wait "$pid"
}

# While index rewrites every TU (--force), ROUNDS times.
(for _ in $(seq "$ROUNDS"); do
	"$NDOSCOPE" --db "$DB" index -C "$T" -j 2 --force $WHAT >/dev/null 2>&1 || exit 1
done) &
ask_while $! index
rc=$?
expect_eq "$rc" 0 "index --force ran $ROUNDS times beside the readers"
expect_match "$ASKED" '^[1-9][0-9]*$' "readers asked while index wrote ($ASKED rounds)"
expect_eq "$WRONG" 0 "every answer while index wrote was whole and the same${FIRST:+: $FIRST}"

# While merge replaces a shard in the index, ROUNDS times: the index is now a
# merge of three shards, and one of them is indexed again between merges.
DB=$TMP/merged.db
for k in 0 1 2; do
	"$NDOSCOPE" --db "$TMP/s$k.db" index -C "$T" --shard $k/3 $WHAT >/dev/null 2>&1
done
"$NDOSCOPE" merge "$DB" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" >/dev/null 2>&1
start_serve
# A comment appended to one of a shard's files changes that shard (merge
# copies it again), not its facts.
(for n in $(seq "$ROUNDS"); do
	k=$((n % 3))
	f=$("$NDOSCOPE" --db "$TMP/s$k.db" sql --tsv "SELECT f.path FROM tu JOIN file f ON f.id = tu.file_id
		WHERE tu.n_errors = 0 ORDER BY 1 LIMIT 1" | tail -n 1)
	echo "/* round $n */" >>"$T/$f"
	"$NDOSCOPE" --db "$TMP/s$k.db" index -C "$T" --shard $k/3 $WHAT >/dev/null 2>&1 || exit 1
	"$NDOSCOPE" merge "$DB" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" >>"$TMP/merge.log" 2>&1 || exit 1
done) &
ask_while $! merge
rc=$?
expect_eq "$rc" 0 "merge ran $ROUNDS times beside the readers"
expect_match "$ASKED" '^[1-9][0-9]*$' "readers asked while merge wrote ($ASKED rounds)"
expect_eq "$WRONG" 0 "every answer while merge wrote was whole and the same${FIRST:+: $FIRST}"
expect_eq "$(grep -c '^merged 1, unchanged 2 ' "$TMP/merge.log")" "$ROUNDS" "each merge copied the changed shard again"

test_done
