#!/bin/bash
# Bad input gets one clear line and a non-zero exit, and loses nothing indexed.
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
"$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net >/dev/null 2>&1
before=$(q "$DB" "SELECT count(*) FROM calls")
[ "$before" -gt 0 ] || not_ok "the fixture index has calls" "got $before"

still_there() {
	expect_eq "$(q "$DB" "SELECT count(*) FROM calls")" "$before" "$1: nothing indexed is lost"
}

# A directory that is not a kernel tree.
mkdir -p "$TMP/notkernel"
run "$NDOSCOPE" --db "$DB" index -C "$TMP/notkernel" foo.c
expect_nonzero "not a kernel tree: non-zero exit"
expect_one_line "$err" "not a kernel tree: one line"
expect_match "$err" "^error: '.*notkernel' is not a kernel tree" "not a kernel tree: says so"
still_there "not a kernel tree"

# A tree that does not exist.
run "$NDOSCOPE" --db "$DB" index -C "$TMP/nowhere" foo.c
expect_nonzero "missing tree: non-zero exit"
expect_match "$err" "^error: cannot read tree '.*nowhere'" "missing tree: names it"

# A kernel tree that was never configured.
mkdir -p "$TMP/unconf/include/linux" "$TMP/unconf/arch/x86"
cp "$FIXTURE/Makefile" "$TMP/unconf/"
cp "$FIXTURE/include/linux/kernel.h" "$TMP/unconf/include/linux/"
run "$NDOSCOPE" --db "$DB" index -C "$TMP/unconf" net
expect_nonzero "unconfigured tree: non-zero exit"
expect_eq "$err" "error: '$(cd "$TMP/unconf" && pwd -P)' is not configured: run 'make defconfig prepare' in it" \
	"unconfigured tree: the exact line"
still_there "unconfigured tree"

# A malformed compile database: the JSON error's line and column.
printf '[\n  {"directory": "/tmp",\n   "file": "a.c" "x"}\n]\n' >"$TMP/bad.json"
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" -p "$TMP/bad.json"
expect_nonzero "malformed compile_commands.json: non-zero exit"
expect_one_line "$err" "malformed compile_commands.json: one line"
expect_match "$err" "bad.json' is not valid JSON: line 3, column [0-9]+" "malformed compile_commands.json: line and column"
still_there "malformed compile_commands.json"

# An entry whose file is missing is reported and skipped; the others are indexed.
cat >"$TMP/missing.json" <<JSON
[
 {"directory": "$FIXTURE", "file": "drivers/net/gone.c", "arguments": ["cc", "-c", "drivers/net/gone.c"]},
 {"directory": "$FIXTURE", "file": "drivers/net/dummy.c",
  "command": "gcc -nostdinc -I./arch/x86/include -I./arch/x86/include/generated -I./include -I./arch/x86/include/uapi -I./include/uapi -include ./include/linux/kconfig.h -include ./include/linux/compiler_types.h -D__KERNEL__ -std=gnu11 -c -o drivers/net/dummy.o drivers/net/dummy.c"}
]
JSON
run "$NDOSCOPE" --db "$TMP/missing.db" index -C "$FIXTURE" -p "$TMP/missing.json"
expect_rc 0 "a missing entry does not stop the others"
expect_match "$err" "^warning: 'drivers/net/gone.c' in '.*missing.json' is missing: skipped" "the missing entry is named"
expect_match "$out" "^indexed 1, " "the present entry is indexed"

# A corrupted database.
echo "this is not sqlite" >"$TMP/corrupt.db"
run "$NDOSCOPE" --db "$TMP/corrupt.db" stats
expect_nonzero "corrupted DB: non-zero exit"
expect_eq "$err" "error: '$TMP/corrupt.db' is not an ndoscope index: file is not a database" "corrupted DB: one clear line"
run "$NDOSCOPE" --db "$TMP/corrupt.db" index -C "$FIXTURE" net
expect_nonzero "corrupted DB: index refuses it too"
expect_eq "$(cat "$TMP/corrupt.db")" "this is not sqlite" "corrupted DB: left as it was"

# A database made by a newer schema.
cp "$DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
run "$NDOSCOPE" --db "$TMP/newer.db" index -C "$FIXTURE" net
expect_nonzero "newer schema: non-zero exit"
expect_one_line "$err" "newer schema: one line"
expect_match "$err" "was made by a newer ndoscope \(schema version 99; this one reads up to [0-9]+, [0-9]{3}_[a-z_]+\)" "newer schema: says so"
run "$NDOSCOPE" --db "$TMP/newer.db" sql "SELECT 1"
expect_nonzero "newer schema: readers refuse it too"

# A database of the same schema version from a different build of it.
cp "$DB" "$TMP/otherbuild.db"
schema=$(basename "$(ls "$SRC"/schemas/[0-9]*.sql | sort | tail -1)" .sql)	# named by its newest migration
sqlite3 "$TMP/otherbuild.db" "UPDATE meta SET value = 'x' WHERE key = 'schema'"
run "$NDOSCOPE" --db "$TMP/otherbuild.db" stats
expect_nonzero "another build's schema: non-zero exit"
expect_eq "$err" "error: '$TMP/otherbuild.db' was made by another build of ndoscope's schema $schema: delete it and run 'ndoscope index' again" \
	"another build's schema: one clear line"

# An index of this schema from a build before fingerprints were computed at
# build time: its fingerprint hashed the migrations' texts at run time (FNV-1a
# of each, combined). Readers accept it; the next writer replaces it.
cp "$DB" "$TMP/v1print.db"
v1=$(python3 - "$SRC"/schemas/[0-9]*.sql <<'PY'
import sys
M = (1 << 64) - 1
h = 0
for path in sorted(sys.argv[1:]):
    x = 0xcbf29ce484222325
    for b in open(path, 'rb').read():
        x = ((x ^ b) * 0x100000001b3) & M
    h ^= (x + (h << 6) + (h >> 2)) & M
print('%016x' % h)
PY
)
sqlite3 "$TMP/v1print.db" "UPDATE meta SET value = '$v1' WHERE key = 'schema'"
run "$NDOSCOPE" --db "$TMP/v1print.db" callers netif_rx
expect_rc 0 "the older fingerprint: readers accept it"
"$NDOSCOPE" --db "$TMP/v1print.db" index -C "$FIXTURE" net >/dev/null 2>&1
expect_match "$(sqlite3 "$TMP/v1print.db" "SELECT value FROM meta WHERE key = 'schema'")" "^sha256:[0-9a-f]{16}$" \
	"the older fingerprint: the next index writes this build's"
run "$NDOSCOPE" --db "$TMP/v1print.db" callers netif_rx
expect_rc 0 "the older fingerprint: readers accept the new one"

# An older schema version made by a development build whose migration at that
# number was another file: upgrading it would run the wrong migrations on it.
cp "$DB" "$TMP/olderbuild.db"
sqlite3 "$TMP/olderbuild.db" "PRAGMA user_version = 1; UPDATE meta SET value = 'x' WHERE key = 'schema'"
run "$NDOSCOPE" --db "$TMP/olderbuild.db" index -C "$FIXTURE" net
expect_nonzero "another build's older schema: index refuses to migrate it"
expect_eq "$err" "error: '$TMP/olderbuild.db' was made by another build of ndoscope's schema 001_init: delete it and run 'ndoscope index' again" \
	"another build's older schema: one clear line"
expect_eq "$(sqlite3 "$TMP/olderbuild.db" "PRAGMA user_version")" "1" "another build's older schema: left as it was"

# An older schema version, read: readers never migrate, they say what to do.
cp "$DB" "$TMP/older.db"
sqlite3 "$TMP/older.db" "PRAGMA user_version = 1"
run "$NDOSCOPE" --db "$TMP/older.db" callers x
expect_nonzero "older schema, read: non-zero exit"
expect_eq "$err" "error: '$TMP/older.db' is at schema 001_init and this ndoscope reads $schema: run 'ndoscope index' on it to bring it up to date" \
	"older schema, read: one clear line"

# A database another index is writing: its lock is held.
exec 9>"$DB.lock"
flock -n 9
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" net
expect_nonzero "locked DB: non-zero exit"
expect_one_line "$err" "locked DB: one line"
expect_match "$err" "^error: '.*fx.db' is being written by another 'ndoscope index'" "locked DB: says who holds it"
run "$NDOSCOPE" --db "$DB" sql "SELECT count(*) FROM functions"
expect_rc 0 "locked DB: readers still read"
exec 9>&-
still_there "locked DB"

# No index at all, and an index that is someone else's SQLite file.
run "$NDOSCOPE" --db "$TMP/none.db" callers x 2>/dev/null
run "$NDOSCOPE" --db "$TMP/none.db" stats
expect_eq "$err" "error: no index at '$TMP/none.db': run 'ndoscope index' first" "no index: one clear line"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x)"
run "$NDOSCOPE" --db "$TMP/other.db" index -C "$FIXTURE" net
expect_match "$err" "is not an ndoscope index: it holds other tables" "foreign SQLite file is refused"
expect_eq "$(sqlite3 "$TMP/other.db" "PRAGMA journal_mode")" "delete" \
	"foreign SQLite file: its journal mode is left as it was, not switched to WAL"
# One that also sets a user_version, as any application may: no meta table.
sqlite3 "$TMP/other3.db" "CREATE TABLE t(x); PRAGMA user_version = 3"
run "$NDOSCOPE" --db "$TMP/other3.db" index -C "$FIXTURE" net
expect_eq "$rc:$err" "1:error: '$TMP/other3.db' is not an ndoscope index: it has no meta table" \
	"foreign SQLite file with a user_version: refused by index"
expect_eq "$(sqlite3 "$TMP/other3.db" "PRAGMA journal_mode; PRAGMA user_version")" "delete
3" "and left as it was"
run "$NDOSCOPE" --db "$TMP/other3.db" stats
expect_eq "$rc:$err" "1:error: '$TMP/other3.db' is not an ndoscope index: it has no meta table" \
	"and by readers, not sent to 'ndoscope index'"

# sql is read-only and reports bad SQL in one line.
run "$NDOSCOPE" --db "$DB" sql "DELETE FROM func"
expect_nonzero "sql refuses to write"
still_there "sql refuses to write"
run "$NDOSCOPE" --db "$DB" sql "SELEC nonsense"
expect_match "$err" '^error: bad SQL: near "SELEC"' "bad SQL: one line"

# Unknown names of things.
run "$NDOSCOPE" --db "$DB" frobnicate
expect_rc 129 "unknown command: usage exit code"
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" no/such/dir
expect_match "$err" "^error: 'no/such/dir' does not exist in" "a FILE|DIR that does not exist"

# A writer killed before it committed leaves a hot journal: a reader gets
# SQLite to roll it back and answers, instead of "readonly database".
cp "$DB" "$TMP/hot.db"
python3 - "$TMP/hot.db" <<'EOF2'
import os, sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA journal_mode = DELETE")
c.execute("PRAGMA cache_size = 1")
c.execute("BEGIN IMMEDIATE")
c.execute("CREATE TABLE interrupted(x)")
for i in range(2000):
    c.execute("INSERT INTO interrupted VALUES (randomblob(1000))")
os._exit(0)
EOF2
expect_eq "$([ -e "$TMP/hot.db-journal" ] && echo hot)" hot "a killed writer left a hot journal"
run "$NDOSCOPE" --db "$TMP/hot.db" sql --tsv "SELECT count(*) FROM functions"
expect_rc 0 "a reader opens a DB with a hot journal"
expect_eq "$out" "$(printf 'count(*)\n%s' "$(q "$DB" "SELECT count(*) FROM functions")")" \
	"a DB with a hot journal: the committed facts, not the interrupted write"

test_done
