#!/bin/bash
# index --shard K/N and merge: three shards merged give, row for row, the
# public views of one run; merging again redoes only the shard that changed.
. "$(dirname "$0")/lib.sh"
CMP=$SRC/scripts/compare-views
export NDOSCOPE

# A copy of the fixture tree, so that a file can be edited and removed.
# trip/ has a field copied from another (assign.src) and a parameter passed
# on (call.args), which merge copies and derive follows.
cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree
WHAT="drivers net stack trip"

single() {
	rm -f "$TMP/single.db"*
	"$NDOSCOPE" --db "$TMP/single.db" index -C "$T" -j 2 $WHAT >/dev/null 2>&1
}
shards() {	# index the 3 shards, the summary lines into $TMP/shards.log
	: >"$TMP/shards.log"
	for k in 0 1 2; do
		"$NDOSCOPE" --db "$TMP/s$k.db" index -C "$T" --shard $k/3 $WHAT >>"$TMP/shards.log" 2>/dev/null
	done
}
compare() {	# compare DESCRIPTION
	if "$CMP" "$TMP/single.db" "$TMP/out.db" >"$TMP/cmp" 2>&1; then
		ok "$1: every public view is identical to a single run's"
	else
		not_ok "$1: every public view is identical to a single run's" "$(head -30 "$TMP/cmp")"
	fi
}

single
shards
n_single=$(q "$TMP/single.db" "SELECT count(*) FROM tu")
n_shards=0
for k in 0 1 2; do
	n_shards=$((n_shards + $(q "$TMP/s$k.db" "SELECT count(*) FROM tu")))
	expect_eq "$(q "$TMP/s$k.db" "SELECT value FROM meta WHERE key = 'shard'")" "$k/3" "shard $k/3 says which it is"
done
expect_eq "$n_shards" "$n_single" "the 3 shards hold every TU once"
n_nonempty=$(for k in 0 1 2; do q "$TMP/s$k.db" "SELECT count(*) > 0 FROM tu"; done | grep -c 1)
[ "$n_nonempty" -ge 2 ] && ok "at least two shards have TUs ($n_nonempty)" ||
	not_ok "at least two shards have TUs" "only $n_nonempty"

# The same slices every time: K/N depends on the paths only.
"$NDOSCOPE" --db "$TMP/again.db" index -C "$T" --shard 0/3 $WHAT >/dev/null 2>&1
expect_eq "$(q "$TMP/again.db" "SELECT f.path FROM tu JOIN file f ON f.id = tu.file_id ORDER BY 1")" \
	"$(q "$TMP/s0.db" "SELECT f.path FROM tu JOIN file f ON f.id = tu.file_id ORDER BY 1")" \
	"shard 0/3 is the same slice on a second run"

run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
expect_rc 0 "merge 3 shards"
expect_match "$out" '^merged 3, unchanged 0 in [0-9.]+s$' "merge says what it merged"
compare "3 shards merged"

# Headers several shards read are in the output once: the shards together
# hold more header functions than the output, which holds as many as one run.
hdr="SELECT count(*) FROM func fn JOIN unit u ON u.id = fn.unit_id WHERE u.key NOT LIKE 'tu:%'"
sum=0
for k in 0 1 2; do sum=$((sum + $(q "$TMP/s$k.db" "$hdr"))); done
out_hdr=$(q "$TMP/out.db" "$hdr")
expect_eq "$out_hdr" "$(q "$TMP/single.db" "$hdr")" "header functions: as many as a single run's"
[ "$sum" -gt "$out_hdr" ] && ok "header functions read by several shards are counted once ($sum in shards, $out_hdr merged)" ||
	not_ok "header functions read by several shards are counted once" "$sum in shards, $out_hdr merged"
expect_eq "$(q "$TMP/out.db" "PRAGMA integrity_check")" "ok" "the merged index passes integrity_check"

# Nothing changed: nothing is merged again.
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
expect_match "$out" '^merged 0, unchanged 3 in' "merging unchanged shards again does nothing"

# One .c changes: only its shard is re-indexed, only it is merged again,
# and the TUs of the other shards are left as they were.
victim=drivers/net/veth.c
cat >>"$T/$victim" <<'C'

int veth_added_by_test(int x)
{
	return x + 1;
}
C
vk=$(for k in 0 1 2; do [ "$(q "$TMP/s$k.db" "SELECT count(*) FROM file f JOIN tu ON tu.file_id = f.id WHERE f.path = '$victim'")" = 1 ] && echo $k; done)
others="SELECT tu.id, f.path FROM tu JOIN file f ON f.id = tu.file_id
	JOIN merge_tu m ON m.tu_id = tu.id JOIN merge_shard s ON s.id = m.shard_id
	WHERE s.name <> '$vk/3' ORDER BY 1"
before=$(q "$TMP/out.db" "$others")
# a span of no unit: it goes when a merge ends with a VACUUM (base/compact.c)
sqlite3 "$TMP/out.db" "INSERT INTO unit_span VALUES (999999, 'ref', 1, 1)"
shards
expect_eq "$(grep -c '^indexed 1,' "$TMP/shards.log")" 1 "after editing $victim, one shard re-indexes one TU"
single
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
expect_match "$out" '^merged 1, unchanged 2 in' "only the re-indexed shard is merged again"
expect_eq "$(q "$TMP/out.db" "$others")" "$before" "the other shards' TUs are untouched"
expect_eq "$(sqlite3 "$TMP/out.db" "SELECT count(*) FROM unit_span WHERE unit_id = 999999") $(sqlite3 "$TMP/out.db" "PRAGMA freelist_count")" \
	"0 0" "merging 1 shard of 3 ends with a VACUUM: the spans derived again, no free page"
expect_eq "$(q "$TMP/out.db" "SELECT count(*) FROM functions WHERE name = 'veth_added_by_test'")" 1 \
	"the edit is in the merged index"
expect_eq "$(q "$TMP/out.db" "SELECT count(*) FROM file_stat s JOIN file f ON f.id = s.file_id
		WHERE f.path = '$victim'")" 1 "the edited file's old version is gone from the merged index"
expect_eq "$(q "$TMP/out.db" "SELECT count(*) FROM file_stat WHERE id NOT IN (SELECT j.value FROM tu, json_each(tu.deps) j)")" 0 \
	"the merged index keeps no file version that no TU read"
expect_eq "$(sqlite3 "$TMP/out.db" "SELECT count(*) - count(DISTINCT usr) FROM sym")" 0 \
	"a USR is one symbol in the merged index (sym has no unique index: 024)"
compare "after editing one file"

# A file removed: its shard purges it, the merge forgets it.
rm "$T/drivers/net/dummy.c"
shards
single
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/s0.db" "$TMP/s1.db" "$TMP/s2.db"
expect_match "$out" '^merged 1, unchanged 2 in' "after a removal, one shard is merged again"
compare "after removing one file"

# Merging in another order gives the same views.
rm -f "$TMP/out.db"*
"$NDOSCOPE" merge "$TMP/out.db" "$TMP/s2.db" "$TMP/s0.db" "$TMP/s1.db" >/dev/null
compare "merged in another order"

# Bad input: one line each, and the output is left as it was.
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/nowhere.db"
expect_eq "$err" "error: no shard index at '$TMP/nowhere.db'" "a missing shard: one line"
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/out.db"
expect_match "$err" "^error: '.*out.db' is the output: it cannot be merged into itself$" "merging the output into itself: one line"
echo junk >"$TMP/junk.db"
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/junk.db"
expect_nonzero "a file that is not an index: non-zero exit"
expect_one_line "$err" "a file that is not an index: one line"
# A shard from a build with a table this merge does not know: refused whole.
cp "$TMP/s0.db" "$TMP/alien.db"
python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("CREATE TABLE alien(a)")' "$TMP/alien.db"
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/alien.db"
expect_eq "$err" "error: '$TMP/alien.db' has a table merge does not know, 'alien': this ndoscope cannot merge it" \
	"a shard with a table merge does not know: one line"
# A shard whose facts another version of the walk recorded: refused whole.
cp "$TMP/s0.db" "$TMP/oldwalk.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE meta SET value = ? WHERE key = ?", ("1", "walker")); c.commit()' "$TMP/oldwalk.db"
run "$NDOSCOPE" merge "$TMP/out.db" "$TMP/oldwalk.db"
expect_eq "$err" "error: '$TMP/oldwalk.db' was made by another build of ndoscope: index that shard again" \
	"a shard an older walk recorded: one line"
compare "after bad input"
run "$NDOSCOPE" --db "$TMP/x.db" index -C "$T" --shard 3/3 net
expect_rc 129 "--shard 3/3 is a usage error"
expect_match "$err" "^error: --shard takes K/N with 0 <= K < N, not '3/3'" "--shard 3/3: says why"
run "$NDOSCOPE" merge "$TMP/out.db"
expect_rc 129 "merge with no shard is a usage error"

test_done
