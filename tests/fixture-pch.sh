#!/bin/bash
# index --pch: TUs parsed on shared precompiled preludes give, row for row,
# the facts of a plain run (scripts/compare-views), also when re-indexing.
. "$(dirname "$0")/lib.sh"
CMP=$SRC/scripts/compare-views
export NDOSCOPE
WHAT="drivers net stack"

cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree

same() {	# same PLAIN PCH DESCRIPTION
	if "$CMP" "$1" "$2" >"$TMP/cmp" 2>&1; then
		ok "$3"
	else
		not_ok "$3" "$(grep -A5 DIFFER "$TMP/cmp" | head -30)"
	fi
}

"$NDOSCOPE" --db "$TMP/plain.db" index -C "$T" -j 2 $WHAT >/dev/null 2>&1
run env TMPDIR="$TMP" "$NDOSCOPE" --db "$TMP/pch.db" index -C "$T" -j 2 --pch $WHAT
expect_match "$out" '\(--pch: [1-9][0-9]* on [1-9][0-9]* preludes, 0 fell back\)' \
	"some TUs are parsed on a prelude, none falls back"
same "$TMP/plain.db" "$TMP/pch.db" "--pch: every view, TU outcome, file read and token is a plain run's"
expect_eq "$(ls -d "$TMP"/ndoscope-pch.* 2>/dev/null)" "" "the preludes' scratch directory is removed"

# A TU that starts with a #define gets no prelude: pr_fmt would differ.
sed -i '1i #define pr_fmt(fmt) "veth: " fmt' "$T/drivers/net/veth.c"
"$NDOSCOPE" --db "$TMP/plain.db" index -C "$T" -j 2 $WHAT >/dev/null 2>&1
run "$NDOSCOPE" --db "$TMP/pch.db" index -C "$T" -j 2 --pch --force $WHAT
expect_rc 0 "--pch --force after an edit"
same "$TMP/plain.db" "$TMP/pch.db" "--pch --force after an edit: the facts of a plain run"

# Re-indexing with --pch: only the changed TU, same facts.
echo 'int veth_pch_added(void) { return 1; }' >>"$T/drivers/net/veth.c"
"$NDOSCOPE" --db "$TMP/plain.db" index -C "$T" -j 2 $WHAT >/dev/null 2>&1
run "$NDOSCOPE" --db "$TMP/pch.db" index -C "$T" -j 2 --pch $WHAT
expect_match "$out" '^indexed 1, ' "--pch re-indexes the one TU that changed"
same "$TMP/plain.db" "$TMP/pch.db" "--pch re-index: the facts of a plain run"

# No scratch directory: one line, nothing indexed is lost.
before=$(q "$TMP/pch.db" "SELECT count(*) FROM functions")
run env TMPDIR="$TMP/nowhere" "$NDOSCOPE" --db "$TMP/pch.db" index -C "$T" -j 2 --pch --force $WHAT
expect_nonzero "--pch with no scratch directory fails"
expect_eq "$err" "error: cannot make a scratch directory for --pch in '$TMP/nowhere': No such file or directory" \
	"--pch with no scratch directory: says which"
expect_eq "$(q "$TMP/pch.db" "SELECT count(*) FROM functions")" "$before" "nothing indexed is lost"

test_done
