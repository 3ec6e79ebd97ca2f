#!/bin/bash
# kill -9 at random moments during 'index' and during 'merge': every DB left
# opens and passes PRAGMA integrity_check, and the next run ends with the
# facts of an uninterrupted run, view for view (scripts/compare-views).
. "$(dirname "$0")/lib.sh"
CMP=$SRC/scripts/compare-views
export NDOSCOPE
WHAT="drivers net stack"
# kills that land while the command runs (a kill after it ended does not count)
KILLS_INDEX=${KILLS_INDEX:-20}
KILLS_MERGE=${KILLS_MERGE:-10}

"$NDOSCOPE" --db "$TMP/ref.db" index -C "$FIXTURE" -j 2 $WHAT >/dev/null 2>&1
for k in 0 1 2; do
	"$NDOSCOPE" --db "$TMP/s$k.db" index -C "$FIXTURE" --shard $k/3 $WHAT >/dev/null 2>&1
done

# How long an uninterrupted run takes, in ms: kills land within it.
ms() { date +%s%3N; }
t0=$(ms)
"$NDOSCOPE" --db "$TMP/timing.db" index -C "$FIXTURE" -j 2 $WHAT >/dev/null 2>&1
index_ms=$(($(ms) - t0 + 20))
t0=$(ms)
"$NDOSCOPE" merge "$TMP/timing-merge.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" >/dev/null 2>&1
merge_ms=$(($(ms) - t0 + 20))

# kill_during MAX_MS CMD...: start CMD, kill -9 it after 0..MAX_MS ms.
# Counts in KILLED the runs the kill ended (status 128 + 9).
kill_during() {
	local max=$1 pid rc=0
	shift
	"$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v r=$RANDOM -v m="$max" 'BEGIN { printf "%.3f", r / 32768 * m / 1000 }')"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null || rc=$?
	[ "$rc" = 137 ] && KILLED=$((KILLED + 1))
	return 0
}

# sound DB WHAT: the DB opens and passes integrity_check; one line on failure.
# Killed before its schema was committed, a new DB is one ndoscope reports
# as no index yet (or, between two migrations, as one to index again):
# SQLite must still find it sound.
BAD=0 UNBORN=0
sound() {
	local got
	[ -e "$1" ] || return 0	# killed before it was created
	got=$("$NDOSCOPE" --db "$1" sql --tsv "PRAGMA integrity_check" 2>&1 | tail -n +2)
	# killed between two migrations: the reader says to index it, which finishes them
	if [ "$got" != ok ] && "$NDOSCOPE" --db "$1" sql "SELECT 1" 2>&1 |
		grep -qE "^error: '.*' is at schema [0-9]{3}_[a-z_]+ and this ndoscope reads [0-9]{3}_[a-z_]+: run 'ndoscope index'"; then
		got=$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$1" 2>&1)
		[ "$got" = ok ] && UNBORN=$((UNBORN + 1))
	elif [ "$got" != ok ] && "$NDOSCOPE" --db "$1" sql "SELECT 1" 2>&1 |
		grep -qE "^error: (no index at|'.*' is not an ndoscope index)"; then
		got=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
v = c.execute("PRAGMA user_version").fetchone()[0]
print(c.execute("PRAGMA integrity_check").fetchone()[0] if v == 0 else "user_version %d" % v)' "$1" 2>&1)
		[ "$got" = ok ] && UNBORN=$((UNBORN + 1))
	fi
	if [ "$got" != ok ]; then
		BAD=$((BAD + 1))
		not_ok "$2: the DB opens and passes integrity_check" \
			"$("$NDOSCOPE" --db "$1" sql --tsv "PRAGMA integrity_check" 2>&1 | head -3)"
	fi
}

same_facts() {	# same_facts DB DESCRIPTION
	if "$CMP" "$TMP/ref.db" "$1" >"$TMP/cmp" 2>&1; then
		ok "$2"
	else
		not_ok "$2" "$(grep -A5 DIFFER "$TMP/cmp" | head -30)"
	fi
}

# index: from an empty DB every third time, else with --force over what the
# last one left, so that there is work to interrupt; until KILLS_INDEX kills
# landed (at most 4 times as many tries).
KILLED=0 i=0
while [ "$KILLED" -lt "$KILLS_INDEX" ] && [ $i -lt $((KILLS_INDEX * 4)) ]; do
	i=$((i + 1))
	[ $((i % 3)) = 1 ] && rm -f "$TMP/k.db" "$TMP/k.db-wal" "$TMP/k.db-shm"
	kill_during "$index_ms" "$NDOSCOPE" --db "$TMP/k.db" index -C "$FIXTURE" -j 2 --force $WHAT
	sound "$TMP/k.db" "index killed ($i)"
	if [ $((i % 10)) = 0 ]; then
		"$NDOSCOPE" --db "$TMP/k.db" index -C "$FIXTURE" -j 2 $WHAT >/dev/null 2>&1
		same_facts "$TMP/k.db" "index killed, then run again: the facts of an uninterrupted run ($i)"
	fi
done
"$NDOSCOPE" --db "$TMP/k.db" index -C "$FIXTURE" -j 2 $WHAT >/dev/null 2>&1
same_facts "$TMP/k.db" "index killed, then run again: the facts of an uninterrupted run (last)"
[ "$BAD" = 0 ] && ok "$i runs of index, $KILLED killed while running ($UNBORN before the schema): every DB opens and passes integrity_check"
[ "$KILLED" -ge "$KILLS_INDEX" ] && ok "$KILLED kills landed while index ran" ||
	not_ok "$KILLS_INDEX kills landed while index ran" "$KILLED in $i tries: index_ms=$index_ms"

# merge: from an empty output every time but every fourth, when the last
# killed one is merged again.
KILLED=0 BAD=0 UNBORN=0 i=0
while [ "$KILLED" -lt "$KILLS_MERGE" ] && [ $i -lt $((KILLS_MERGE * 8)) ]; do
	i=$((i + 1))
	[ $((i % 4)) != 0 ] && rm -f "$TMP/m.db" "$TMP/m.db-wal" "$TMP/m.db-shm"
	kill_during "$merge_ms" "$NDOSCOPE" merge "$TMP/m.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
	sound "$TMP/m.db" "merge killed ($i)"
	for k in 0 1 2; do
		sound "$TMP/s$k.db" "a shard merge read when killed ($i)"
	done
	if [ $((i % 8)) = 0 ]; then
		"$NDOSCOPE" merge "$TMP/m.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" >/dev/null 2>&1
		same_facts "$TMP/m.db" "merge killed, then run again: the facts of an uninterrupted run ($i)"
	fi
done
"$NDOSCOPE" merge "$TMP/m.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db" >/dev/null 2>&1
same_facts "$TMP/m.db" "merge killed, then run again: the facts of an uninterrupted run (last)"
[ "$BAD" = 0 ] && ok "$i runs of merge, $KILLED killed while running ($UNBORN before the schema): every DB opens and passes integrity_check"
[ "$KILLED" -ge "$KILLS_MERGE" ] && ok "$KILLED kills landed while merge ran" ||
	not_ok "$KILLS_MERGE kills landed while merge ran" "$KILLED in $i tries: merge_ms=$merge_ms"

test_done
