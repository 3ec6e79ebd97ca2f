#!/bin/bash
# Incremental runs, purges, --force, kill -9 at any moment, and -j.
. "$(dirname "$0")/lib.sh"

T=$TMP/tree
cp -r "$FIXTURE" "$T"
DB=$TMP/inc.db

run "$NDOSCOPE" --db "$DB" index -C "$T" -j 1 drivers net
expect_match "$out" "^indexed 6, unchanged 0, failed 0, purged 0 in" "first run indexes everything"
full=$(dump_view "$DB" calls)
expect_eq "$full" "$(cat "$EXPECTED/calls.tsv")" "the first run's calls are the golden ones"

run "$NDOSCOPE" --db "$DB" index -C "$T" drivers net
expect_match "$out" "^indexed 0, unchanged 6, failed 0, purged 0 in" "second run skips every unchanged TU"

# The statements store.c runs for every TU it stores read no whole table but
# their own temp ones: gc's 'id IN (SELECT unit_id FROM tu_unit)' read all of
# tu_unit for each TU, 2.3 ms a TU at the end of the bench corpus. (The TU's
# lists, json_each(), are its own row's.)
if out=$(python3 "$SRC/tests/sql-plans.py" "$DB" "$SRC/tool/sql/store.sql" \
	unit_clear,tu_detach,tu_links,span_mark,span_put,gc gc_units,g,span_mark,link_unit,link_stat,j 2>&1); then
	ok "the per-TU statements of store.sql read no whole table"
else
	not_ok "the per-TU statements of store.sql read no whole table" "$out"
fi

sleep 0.01
touch "$T/drivers/net/dummy.c"
run "$NDOSCOPE" --db "$DB" index -C "$T" drivers net
expect_match "$out" "^indexed 1, unchanged 5, " "touching a .c file re-indexes it alone"

sleep 0.01
echo "/* a change */" >>"$T/include/linux/netdevice.h"
run "$NDOSCOPE" --db "$DB" index -C "$T" drivers net
expect_match "$out" "^indexed 6, unchanged 0, " "changing a header re-indexes every TU that includes it"
expect_eq "$(dump_view "$DB" calls)" "$full" \
	"the facts after re-indexing are the same facts"
expect_eq "$(q "$DB" "SELECT count(*) FROM functions WHERE name = '__netdev_start_xmit'")" 1 \
	"a changed header's inline is still recorded once"
expect_eq "$(q "$DB" "SELECT count(*) FROM unit WHERE key LIKE 'hdr:include/linux/netdevice.h#%'")" 1 \
	"the header's old unit is gone"
expect_eq "$(q "$DB" "SELECT count(*) FROM file_stat s JOIN file f ON f.id = s.file_id
		WHERE f.path = 'include/linux/netdevice.h'")" 1 "the header's old version is gone (file_stat)"
expect_eq "$(q "$DB" "SELECT count(*) FROM file_stat WHERE id NOT IN (SELECT j.value FROM tu, json_each(tu.deps) j)")" 0 \
	"no file version that no TU read"

run "$NDOSCOPE" --db "$DB" index -C "$T" --force drivers/net/veth.c
expect_match "$out" "^indexed 1, unchanged 0, " "--force re-indexes what it is given"

rm "$T/drivers/net/veth.c"
run "$NDOSCOPE" --db "$DB" index -C "$T" drivers net
expect_match "$out" "^indexed 0, unchanged 5, failed 0, purged 1 in" "a removed file is purged"
expect_eq "$(q "$DB" "SELECT count(*) FROM functions WHERE file = 'drivers/net/veth.c'")" 0 \
	"and its facts are gone"
expect_eq "$(q "$DB" "SELECT count(*) FROM functions WHERE name = 'netdev_priv'")" 1 \
	"facts it shared with other TUs stay"

# Interrupted at any moment: a bigger tree, killed mid-run, must open and resume.
# Each TU includes a large header so that a run takes a few seconds.
mkdir -p "$T/net/many"
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "static inline int heavy_%d(int x) { return x * %d + (x >> 3); }\n", i, i }' \
	>"$T/include/linux/heavy.h"
for i in $(seq 1 60); do
	{ echo '#include <linux/heavy.h>'
	  sed "s/\\b\\(netif_rx\\|__netif_rx\\|netdev_max_backlog\\)\\b/\\1_$i/g" "$T/net/core/dev.c"; } >"$T/net/many/dev$i.c"
done
KDB=$TMP/kill.db
"$NDOSCOPE" --db "$KDB" index -C "$T" -j 2 net/many >/dev/null 2>&1 &
pid=$!
# Kill it once a few TUs are committed whole, and well before the end. A
# TU committed while the owner of a header it links still walks that header
# (heavy.h's 6,000 bodies) links a unit not yet written: it is not whole,
# and the next run walks it again.
WHOLE="SELECT count(*) FROM tu t WHERE NOT EXISTS (SELECT 1 FROM json_each(t.units) x
	JOIN unit u ON u.id = x.value WHERE u.complete = 0)"
for _ in $(seq 1 400); do
	n=$(sqlite3 "$KDB" "$WHOLE" 2>/dev/null || echo 0)
	[ "${n:-0}" -ge 3 ] && break
	sleep 0.05
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
expect_eq "$(sqlite3 "$KDB" "PRAGMA integrity_check")" "ok" "killed mid-run: the DB passes integrity_check"
run "$NDOSCOPE" --db "$KDB" stats
expect_rc 0 "killed mid-run: the DB opens"
done_before=$(q "$KDB" "SELECT count(*) FROM tu")
echo "# killed after $done_before of 60 TUs"
if [ "$done_before" -ge 1 ] && [ "$done_before" -lt 60 ]; then
	ok "killed mid-run: some TUs were committed, not all ($done_before)"
else
	not_ok "killed mid-run: some TUs were committed, not all" "committed $done_before of 60"
fi
whole=$(q "$KDB" "$WHOLE")
[ "$whole" -ge 1 ] && ok "killed mid-run: some TUs were committed whole ($whole)" ||
	not_ok "killed mid-run: some TUs were committed whole" "$whole of $done_before"
run "$NDOSCOPE" --db "$KDB" index -C "$T" -j 2 net/many
expect_match "$out" "^indexed $((60 - whole)), unchanged $whole, failed 0" \
	"killed mid-run: the next run resumes where it stopped ($whole were committed whole)"
expect_eq "$(q "$KDB" "SELECT count(*) FROM functions WHERE name LIKE 'netif_rx_%' AND name NOT LIKE 'netif_rx_i%'")" 60 \
	"killed mid-run: every TU's facts are there in the end"

# -j 1 and -j 2 give the same facts.
"$NDOSCOPE" --db "$TMP/j1.db" index -C "$FIXTURE" -j 1 drivers net >/dev/null 2>&1
"$NDOSCOPE" --db "$TMP/j2.db" index -C "$FIXTURE" -j 2 drivers net >/dev/null 2>&1
for v in functions calls bindings fn_args assignments flags refs; do
	a=$(dump_view "$TMP/j1.db" "$v")
	b=$(dump_view "$TMP/j2.db" "$v")
	if [ "$(printf '%s\n' "$a" | wc -l)" -gt 1 ] && [ "$a" = "$b" ]; then
		ok "-j 1 and -j 2 agree on $v"
	else
		not_ok "-j 1 and -j 2 agree on $v" "$(diff <(echo "$a") <(echo "$b") | head -10)"
	fi
done

# A header function that only one TU's flags show (an #ifdef on its -D) is
# walked into a unit of its own: re-indexing that TU, or --force, keeps it.
U=$TMP/ifdef
mkdir -p "$U/include"
cat >"$U/include/shared.h" <<'EOF2'
#ifndef SHARED_H
#define SHARED_H
static inline int shared_always(int x) { return x + 1; }
#ifdef WITH_EXTRA
static inline int shared_extra(int x) { return shared_always(x) * 2; }
#endif
#endif
EOF2
printf '#include "include/shared.h"\nint plain_user(void) { return shared_always(1); }\n' >"$U/plain.c"
printf '#include "include/shared.h"\nint extra_user(void) { return shared_extra(1); }\n' >"$U/extra.c"
cat >"$U/compile_commands.json" <<EOF2
[{"directory": "$U", "file": "plain.c", "arguments": ["cc", "-c", "plain.c", "-I."]},
 {"directory": "$U", "file": "extra.c", "arguments": ["cc", "-c", "extra.c", "-I.", "-DWITH_EXTRA"]}]
EOF2
UDB=$TMP/ifdef.db
"$NDOSCOPE" --db "$UDB" index -p "$U/compile_commands.json" -j 1 >/dev/null 2>&1
expect_eq "$(q "$UDB" "SELECT name FROM functions WHERE name LIKE 'shared_%' ORDER BY 1" | tr '\n' ' ')" \
	"shared_always shared_extra " "the #ifdef'd header function is recorded"
sleep 0.01
echo '/* touched */' >>"$U/extra.c"
run "$NDOSCOPE" --db "$UDB" index -p "$U/compile_commands.json" -j 1
expect_match "$out" "^indexed 1, unchanged 1, " "touching the TU that alone sees it re-indexes that TU"
expect_eq "$(q "$UDB" "SELECT count(*) FROM functions WHERE name = 'shared_extra'")" 1 \
	"re-indexing the TU that alone sees a header function keeps the function"
"$NDOSCOPE" --db "$UDB" index -p "$U/compile_commands.json" -j 1 --force >/dev/null 2>&1
expect_eq "$(q "$UDB" "SELECT count(*) FROM functions WHERE name = 'shared_extra'")" 1 \
	"--force keeps a header function walked into a unit of its own"

# An index an older walk made (meta 'walker' another version): the next run
# walks every TU again, each unit cleared first, and ends with the facts of a
# fresh index; the run after that finds nothing to do.
W=$TMP/walker.db
"$NDOSCOPE" --db "$W" index -C "$FIXTURE" drivers net >/dev/null 2>&1
"$NDOSCOPE" --db "$TMP/walker-fresh.db" index -C "$FIXTURE" drivers net >/dev/null 2>&1
n=$(q "$W" "SELECT count(*) FROM tu")
# rows the older walk wrote twice, inside their unit's span as it would have
sqlite3 "$W" "UPDATE meta SET value = '1' WHERE key = 'walker';
	INSERT INTO ref SELECT * FROM ref WHERE rowid = (SELECT min(rowid) FROM ref);
	INSERT INTO call SELECT * FROM call WHERE rowid = (SELECT min(rowid) FROM call);
	UPDATE unit_span SET hi = (SELECT max(rowid) FROM ref) WHERE tbl = 'ref'
		AND unit_id = (SELECT unit_id FROM ref WHERE rowid = (SELECT max(rowid) FROM ref));
	UPDATE unit_span SET hi = (SELECT max(rowid) FROM call) WHERE tbl = 'call'
		AND unit_id = (SELECT unit_id FROM call WHERE rowid = (SELECT max(rowid) FROM call))"
run "$NDOSCOPE" --db "$W" index -C "$FIXTURE" drivers net
expect_match "$out" "^indexed $n, unchanged 0, " "an older walker's index: every TU walked again ($n)"
expect_eq "$(q "$W" "SELECT value FROM meta WHERE key = 'walker'")" \
	"$(q "$TMP/walker-fresh.db" "SELECT value FROM meta WHERE key = 'walker'")" "and the walker's version recorded"
if NDOSCOPE="$NDOSCOPE" "$SRC/scripts/compare-views" "$TMP/walker-fresh.db" "$W" >"$TMP/cmp" 2>&1; then
	ok "an older walker's index, walked again: the facts of a fresh index, its stale rows gone"
else
	not_ok "an older walker's index, walked again: the facts of a fresh index" "$(grep -A5 DIFFER "$TMP/cmp" | head -20)"
fi
run "$NDOSCOPE" --db "$W" index -C "$FIXTURE" drivers net
expect_match "$out" "^indexed 0, unchanged $n, " "the run after finds nothing to do"

# Every fact row lies inside its unit's span in its table (unit_span): the
# rows a unit's clearing finds.
FACT_TABLES="func call binding var_binding ops_table fn_arg assign ret init_field flow local flag ref file_lex macro_def"
outside_spans() {	# outside_spans DB: the rows no span of their unit covers, by table
	for t in $FACT_TABLES; do
		sqlite3 "$1" "SELECT '$t', count(*) FROM $t x WHERE NOT EXISTS (SELECT 1 FROM unit_span s
			WHERE s.unit_id = x.unit_id AND s.tbl = '$t' AND x.rowid BETWEEN s.lo AND s.hi)" |
			grep -v '|0$' || true
	done
}
expect_eq "$(outside_spans "$DB")" "" "every fact row in its unit's span, after the re-indexes above"
expect_eq "$(sqlite3 "$DB" "SELECT count(*) - count(DISTINCT usr) FROM sym")" 0 \
	"a USR is one symbol after the re-indexes above (sym has no unique index: 024)"
expect_eq "$(outside_spans "$W")" "" "every fact row in its unit's span, after an older walker's index is walked again"

# A run that rewrites a quarter of the index or more ends with a VACUUM
# (base/compact.c). SQLite may renumber the fact tables' rows then, so the
# spans are derived again (a span of no unit, put here, goes with them),
# and a gc after it finds each unit's rows by them.
C=$TMP/compact.db
"$NDOSCOPE" --db "$C" index -C "$FIXTURE" drivers net >/dev/null 2>&1
BOGUS="SELECT count(*) FROM unit_span WHERE unit_id = 999999"
sqlite3 "$C" "INSERT INTO unit_span VALUES (999999, 'ref', 1, 1)"
"$NDOSCOPE" --db "$C" index -C "$FIXTURE" --force drivers/net/dummy.c >/dev/null 2>&1
expect_eq "$(sqlite3 "$C" "$BOGUS")" 1 "re-indexing 1 TU of 6: no VACUUM"
run "$NDOSCOPE" --db "$C" index -C "$FIXTURE" --force drivers/net/dummy.c drivers/net/loopback.c
expect_match "$out" "^indexed 2, unchanged 0, " "re-indexing 2 TUs of 6"
expect_eq "$(sqlite3 "$C" "$BOGUS")" 0 "then a VACUUM, and the spans derived again"
expect_eq "$(outside_spans "$C")" "" "every fact row in its unit's span after the VACUUM"
"$NDOSCOPE" --db "$C" index -C "$FIXTURE" --force drivers/net/dummy.c >/dev/null 2>&1
if NDOSCOPE="$NDOSCOPE" "$SRC/scripts/compare-views" "$TMP/walker-fresh.db" "$C" >"$TMP/cmp" 2>&1; then
	ok "a TU re-indexed after the VACUUM: the facts of a fresh index"
else
	not_ok "a TU re-indexed after the VACUUM: the facts of a fresh index" "$(grep -A5 DIFFER "$TMP/cmp" | head -20)"
fi
# A process killed between the VACUUM and the spans leaves meta 'spans'.
sqlite3 "$C" "INSERT OR REPLACE INTO meta(key, value) VALUES ('spans', 'stale'); DELETE FROM unit_span;"
run "$NDOSCOPE" --db "$C" index -C "$FIXTURE" drivers net
expect_match "$out" "^indexed 0, unchanged 6, " "after a VACUUM whose spans were lost: nothing to index"
expect_eq "$(outside_spans "$C")|$(sqlite3 "$C" "SELECT count(*) FROM meta WHERE key = 'spans'")" "|0" \
	"and the spans derived again"
# An eighth of the file free (what a schema migration dropped) is packed
# by a run that writes nothing.
sqlite3 "$C" "CREATE TABLE scratch AS SELECT zeroblob(100000) AS b FROM (VALUES (1), (2), (3), (4)); DROP TABLE scratch;"
expect_eq "$(sqlite3 "$C" "SELECT 8 * freelist_count >= page_count FROM pragma_freelist_count, pragma_page_count")" 1 \
	"an eighth of the index's pages free"
run "$NDOSCOPE" --db "$C" index -C "$FIXTURE" drivers net
expect_match "$out" "^indexed 0, unchanged 6, " "a run with nothing to index"
expect_eq "$(sqlite3 "$C" "PRAGMA freelist_count")" 0 "packs them"

# An index of schema 013: the migrations to 015 name each file's version
# once (file_stat), and find a unit's rows through spans instead of an index
# per table (unit_span); 016 and 017 make the calls' indexes by via and type
# partial and add macro_def.skipped; 018 drops the index of ref by file;
# 019 makes a TU's deps and units lists in its row; 020 keeps a direct
# call's ref in its call row; 021 drops the index of macro_def by file;
# 022 codes a ref's kind in a letter; 023 writes an argument with no value
# or field as its text alone; 024 drops sym's unique index of USRs; 025
# adds assign.src, which the walker of this build fills; every TU still
# reads as unchanged. The 013 index is made here from a fresh one,
# undoing 023 to 014 (024 makes sym again, unique or not) with the
# statements the older migrations wrote; an index without a schema
# fingerprint is one from before them.
M=$TMP/schema13.db
cp "$TMP/walker-fresh.db" "$M"
{
	echo "CREATE TABLE tu_unit (tu_id INTEGER NOT NULL, unit_id INTEGER NOT NULL,
		PRIMARY KEY (tu_id, unit_id)) WITHOUT ROWID;
	INSERT INTO tu_unit SELECT t.id, j.value FROM tu t, json_each(t.units) j;
	UPDATE call SET args = (SELECT json_group_array(CASE j.type WHEN 'text' THEN json_object('text', j.value)
		ELSE json(j.value) END) FROM json_each(call.args) j) WHERE args IS NOT NULL;
	DROP VIEW call_args;
	UPDATE ref SET kind = (SELECT name FROM ref_kind WHERE code = ref.kind); DROP TABLE ref_kind;
	INSERT INTO ref(unit_id, sym_id, kind, file_id, line, col, in_macro)
	SELECT unit_id, callee_id, 'call', file_id, line, col, ref FROM call WHERE ref IS NOT NULL;
	DROP VIEW refs; ALTER TABLE call DROP COLUMN ref;"
	sed -n '/^CREATE VIEW refs AS/,/;$/p;/^CREATE VIEW call_args AS/,/;$/p' "$SRC/schemas/001_init.sql"
	echo "CREATE INDEX ref_by_file ON ref(file_id, line); CREATE INDEX macro_def_by_file ON macro_def(file_id, line);
	ALTER TABLE macro_def DROP COLUMN skipped;
	DROP INDEX call_by_via; CREATE INDEX call_by_via ON call(via);
	DROP INDEX call_by_type; CREATE INDEX call_by_type ON call(fn_type);"
	echo "DROP TABLE unit_span; DROP TRIGGER unit_delete_source; DROP TRIGGER unit_clear_source;"
	grep -h '^CREATE INDEX [a-z_]*_by_unit ON' "$SRC"/schemas/00[1-4]*.sql |
		sed 's/^CREATE INDEX /CREATE INDEX IF NOT EXISTS /'
	sed -n '/^CREATE TRIGGER unit_delete_source/,/^END;/p;/^CREATE TRIGGER unit_clear_source/,/^END;/p' \
		"$SRC/schemas/004_source.sql"
	echo "CREATE TABLE tu_dep (tu_id INTEGER NOT NULL, file_id INTEGER NOT NULL,
		mtime INTEGER NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (tu_id, file_id)) WITHOUT ROWID;
	INSERT INTO tu_dep SELECT t.id, s.file_id, s.mtime, s.size
		FROM tu t, json_each(t.deps) d JOIN file_stat s ON s.id = d.value;
	DROP TABLE file_stat; ALTER TABLE tu DROP COLUMN units; ALTER TABLE tu DROP COLUMN deps;
	ALTER TABLE unit DROP COLUMN n_tu; ALTER TABLE unit DROP COLUMN tu_id;
	ALTER TABLE assign DROP COLUMN src;
	DELETE FROM meta WHERE key = 'schema'; PRAGMA user_version = 12;"
} | sqlite3 "$M"
expect_eq "$(sqlite3 "$M" "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_by_unit'")" 17 \
	"the schema 013 index has its 17 indexes by unit"
expect_eq "$(sqlite3 "$M" "SELECT count(*) FROM sqlite_master WHERE name LIKE 'call_by_%' AND sql LIKE '% WHERE %'")" 0 \
	"the schema 013 index has whole indexes by via and type"
deps=$(sqlite3 "$M" "SELECT count(*) FROM tu_dep")	# q reads through ndoscope, which needs 015
links=$(sqlite3 "$M" "SELECT count(*) FROM tu_unit")
run "$NDOSCOPE" --db "$M" index -C "$FIXTURE" drivers net
expect_match "$out" "^indexed 0, unchanged $n, " "schema 013 migrated: every TU unchanged"
expect_eq "$(sqlite3 "$M" "PRAGMA freelist_count")" 0 "schema 013 migrated: and packed, by the run that migrated it"
expect_eq "$(q "$M" "SELECT sum(json_array_length(deps)) FROM tu")" "$deps" "schema 013 migrated: every dep kept"
expect_eq "$(q "$M" "SELECT count(*) FROM file_stat")" \
	"$(q "$M" "SELECT count(DISTINCT s.file_id) FROM tu t, json_each(t.deps) d JOIN file_stat s ON s.id = d.value")" \
	"schema 013 migrated: one version of each file"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE name LIKE '%_by_unit'")" \
	"unit_fn_by_unit" "schema 013 migrated: the fact tables' indexes by unit gone, and tu_unit's (019)"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE name IN ('tu_unit', 'tu_dep')")" \
	"" "schema 013 migrated: a TU's units and deps are lists in its row (019)"
expect_eq "$(sqlite3 "$M" "SELECT sum(json_array_length(units)) FROM tu") $(sqlite3 "$M" "SELECT sum(n_tu) FROM unit")" \
	"$links $links" "schema 013 migrated: every link kept, and each unit's count of TUs (019)"
expect_eq "$(outside_spans "$M")" "" "schema 013 migrated: every fact row in its unit's span"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE name LIKE 'call_by_%' AND sql LIKE '% WHERE % IS NOT NULL'")" \
	"call_by_via call_by_type" "schema 013 migrated: the calls' indexes by via and by type hold no NULLs (016)"
expect_eq "$(sqlite3 "$M" "SELECT count(*) FROM macro_def WHERE skipped = 0")" "$(sqlite3 "$M" "SELECT count(*) FROM macro_def")" \
	"schema 013 migrated: its #defines read as compiled until walked again (017)"
expect_eq "$(sqlite3 "$M" "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'ref' AND type = 'index'")" 1 \
	"schema 013 migrated: ref's one index is by symbol (018)"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE tbl_name = 'macro_def' AND type = 'index'")" \
	"macro_def_by_name" "schema 013 migrated: macro_def's one index is by name (021)"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(DISTINCT kind) FROM (SELECT kind FROM ref ORDER BY kind)")" "a,c,r,w" \
	"schema 013 migrated: a ref's kind is a letter (022)"
ARGS="SELECT j.type, count(*) FROM call, json_each(call.args) j
	WHERE j.type = 'text' OR json_extract(j.value, '$.field') IS NOT NULL OR json_extract(j.value, '$.value') IS NOT NULL
	GROUP BY 1 ORDER BY 1"
expect_eq "$(sqlite3 "$M" "$ARGS")" "$(sqlite3 "$TMP/walker-fresh.db" "$ARGS")" \
	"schema 013 migrated: an argument with no value or field is its text alone, as a fresh index writes it (023)"
expect_eq "$(sqlite3 "$M" "SELECT group_concat(name, ' ') FROM sqlite_master WHERE tbl_name = 'sym' AND type = 'index'") $(sqlite3 "$M" "SELECT count(*) - count(DISTINCT usr) FROM sym")" \
	"sym_by_name 0" "schema 013 migrated: sym's one index is by name, and a USR is one symbol (024)"
expect_eq "$(sqlite3 "$M" "SELECT count(*) FROM ref WHERE kind = 'c'") $(sqlite3 "$M" "SELECT count(*) FROM call WHERE ref IS NOT NULL")" \
	"$(sqlite3 "$TMP/walker-fresh.db" "SELECT count(*) FROM ref WHERE kind = 'c'") $(sqlite3 "$TMP/walker-fresh.db" "SELECT count(*) FROM call WHERE ref IS NOT NULL")" \
	"schema 013 migrated: the direct calls' refs in their call rows, as a fresh index has them (020)"
if NDOSCOPE="$NDOSCOPE" "$SRC/scripts/compare-views" "$TMP/walker-fresh.db" "$M" >"$TMP/cmp" 2>&1; then
	ok "schema 013 migrated: the facts and deps of a fresh index"
else
	not_ok "schema 013 migrated: the facts and deps of a fresh index" "$(grep -A5 DIFFER "$TMP/cmp" | head -20)"
fi
test_done
