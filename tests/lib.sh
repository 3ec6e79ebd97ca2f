# Shared helpers for the shell tests, git's t/test-lib.sh in miniature.
# Each test script sources this, runs checks, and ends with test_done.
#
#   NDOSCOPE   the binary under test (set by ctest)
#   SRC        the source root

set -u
: "${NDOSCOPE:?NDOSCOPE must name the ndoscope binary}"
SRC=${SRC:-$(cd "$(dirname "$0")/.." && pwd)}
FIXTURE=$SRC/fixtures/tree
EXPECTED=$SRC/fixtures/expected
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ndoscope-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
n_ok=0
n_fail=0

ok() {
	n_ok=$((n_ok + 1))
	echo "ok $((n_ok + n_fail)) - $1"
}

not_ok() {
	n_fail=$((n_fail + 1))
	echo "not ok $((n_ok + n_fail)) - $1"
	shift
	for line in "$@"; do
		printf '#   %s\n' "$line"
	done
}

# run CMD...: sets $out, $err and $rc
run() {
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

expect_rc() {	# expect_rc WANT DESCRIPTION
	if [ "$rc" = "$1" ]; then ok "$2"; else not_ok "$2" "exit code $rc, want $1" "stderr: $err"; fi
}

expect_nonzero() {
	if [ "$rc" != 0 ]; then ok "$1"; else not_ok "$1" "exit code 0, want non-zero"; fi
}

expect_eq() {	# expect_eq ACTUAL WANT DESCRIPTION
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "got:  $1" "want: $2"; fi
}

expect_match() {	# expect_match TEXT GREP-PATTERN DESCRIPTION
	if printf '%s\n' "$1" | grep -qE -- "$2"; then ok "$3"; else not_ok "$3" "no match for /$2/ in:" "$1"; fi
}

expect_error() {	# expect_error DESCRIPTION MESSAGE ARGS...: 'ndoscope --db $DB ARGS' exits 1, printing "error: MESSAGE" alone
	local what=$1 want=$2

	shift 2
	run "$NDOSCOPE" --db "$DB" "$@"
	expect_eq "$rc:$err" "1:error: $want" "$what"
}

expect_one_line() {	# expect_one_line TEXT DESCRIPTION
	if [ "$(printf '%s\n' "$1" | wc -l)" = 1 ] && [ -n "$1" ]; then ok "$2"; else not_ok "$2" "want one line, got:" "$1"; fi
}

# expect_file_eq ACTUAL_FILE EXPECTED_FILE DESCRIPTION
expect_file_eq() {
	if diff -u "$2" "$1" >"$TMP/diff"; then
		ok "$3"
	else
		not_ok "$3" "$(head -40 "$TMP/diff")"
	fi
}

# q DB SQL: one value or rows as TSV without the header
q() {
	"$NDOSCOPE" --db "$1" sql --tsv "$2" | tail -n +2
}

test_done() {
	echo "# $(basename "$0"): $n_ok passed, $n_fail failed"
	[ "$n_fail" = 0 ]
}

# dump_view DB VIEW: every row of a view as TSV with its header, in a total
# order; fails the test when the query fails.
dump_view() {
	local cols
	cols=$("$NDOSCOPE" --db "$1" sql --tsv "SELECT * FROM $2 LIMIT 0" | head -1 | tr '\t' ',')
	[ -n "$cols" ] || { echo "dump_view: no columns for $2" >&2; return 1; }
	"$NDOSCOPE" --db "$1" sql --tsv "SELECT * FROM $2 ORDER BY $cols"
}

# golden DIR NAME ARGS...: run ndoscope --db "$DB" ARGS, compare its stdout
# (and a non-zero exit with its stderr) with DIR/NAME. With UPDATE_EXPECTED
# set, write DIR/NAME instead: review the diff before committing it.
golden() {
	local dir=$1 name=$2 code
	shift 2
	mkdir -p "$dir"
	"$NDOSCOPE" --db "$DB" "$@" >"$TMP/$name" 2>"$TMP/$name.err"
	code=$?
	[ "$code" = 0 ] || echo "exit $code: $(cat "$TMP/$name.err")" >>"$TMP/$name"
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/$name" "$dir/$name"
	expect_file_eq "$TMP/$name" "$dir/$name" "ndoscope $* (${dir#"$SRC"/}/$name${GOLDEN_NOTE:-})"
}

# index_reversed FROM_DB DB [TREE]: index into DB the TUs FROM_DB holds (of
# TREE, the fixture tree by default), one at a time and in the opposite
# order of their paths. A header's functions are walked by the first TU
# that reads it, and -j 2 stores TUs in any order: nothing a command prints
# may depend on that, so a test checks its golden outputs a second time
# against DB, with UPDATE_EXPECTED unset: the second pass compares with what
# the first wrote.
index_reversed() {
	local tu
	for tu in $(q "$1" "SELECT f.path FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1 DESC"); do
		"$NDOSCOPE" --db "$2" index -C "${3:-$FIXTURE}" "$tu" >/dev/null 2>&1
	done
	expect_eq "$(q "$2" "SELECT count(*) FROM tu")" "$(q "$1" "SELECT count(*) FROM tu")" \
		"the same TUs stored again, one at a time in reverse"
}

# goldens_reversed: the test's goldens (a function it defines, reading $DB)
# once more, against an index_reversed of $DB.
goldens_reversed() {
	local first=$DB

	DB=$TMP/reversed.db
	index_reversed "$first" "$DB"
	UPDATE_EXPECTED='' GOLDEN_NOTE=", TUs stored in reverse" goldens
	DB=$first
}
