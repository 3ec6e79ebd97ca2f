#!/bin/bash
# Index the fixture tree and compare every public view with its golden file.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-views
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" -j 2 drivers net
expect_rc 0 "index the fixture tree"
expect_match "$out" '^indexed 6, unchanged 0, failed 0, purged 0 in [0-9.]+s \(1 with parse errors' "summary line counts the TUs"

# Every view, every column, in a total order, and the references of a few
# names with their kinds: the golden files are exact.
goldens() {
	local v
	for v in functions calls bindings ops_tables fn_args assignments flags returns call_args init_fields; do
		dump_view "$DB" "$v" >"$TMP/$v.tsv"
		if [ -n "${UPDATE_EXPECTED:-}" ]; then
			cp "$TMP/$v.tsv" "$EXPECTED/$v.tsv"
		fi
		expect_file_eq "$TMP/$v.tsv" "$EXPECTED/$v.tsv" "view $v matches fixtures/expected/$v.tsv${GOLDEN_NOTE:-}"
	done

	"$NDOSCOPE" --db "$DB" sql --tsv "SELECT name, kind, file, line, col, in_macro FROM refs
		WHERE name IN ('loopback_xmit', 'netdev_max_backlog', 'net_device.mtu', 'net.loopback_dev',
			       'net_device_ops.ndo_start_xmit', 'enqueue_to_backlog')
		ORDER BY name, file, line, col, kind" >"$TMP/refs.tsv"
	[ -n "${UPDATE_EXPECTED:-}" ] && cp "$TMP/refs.tsv" "$EXPECTED/refs.tsv"
	expect_file_eq "$TMP/refs.tsv" "$EXPECTED/refs.tsv" "refs of chosen names match fixtures/expected/refs.tsv${GOLDEN_NOTE:-}"
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

# The --json form of a view carries the same rows.
n_json=$("$NDOSCOPE" --db "$DB" sql --json "SELECT * FROM calls" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
n_tsv=$(q "$DB" "SELECT count(*) FROM calls")
expect_eq "$n_json" "$n_tsv" "sql --json returns every row"

# The parse error of broken.c is recorded, and what parsed before it is indexed.
expect_eq "$(q "$DB" "SELECT tu, n_errors, line, col, message FROM tu_errors")" \
	"$(printf 'drivers/net/broken.c\t1\t17\t20\tuse of undeclared identifier '"'"'no_such_symbol'"'"'')" \
	"broken.c's error is recorded with its location"
expect_eq "$(q "$DB" "SELECT name FROM functions WHERE file = 'drivers/net/broken.c' AND name = 'broken_ok'")" \
	"broken_ok" "broken.c is indexed as far as it parsed"

# A static inline in a header appears once, whichever TUs include it.
expect_eq "$(q "$DB" "SELECT count(*) FROM functions WHERE name = '__netdev_start_xmit'")" 1 \
	"a header's static inline is recorded once"
expect_eq "$(q "$DB" "SELECT count(*) FROM calls WHERE caller = '__netdev_start_xmit'")" 1 \
	"and so are the calls it makes"

run "$NDOSCOPE" --db "$DB" stats
expect_rc 0 "stats runs"
expect_match "$out" 'drivers/net/broken.c +errors +1' "stats lists the TU with errors"
expect_match "$out" '^bindings +22$' "stats counts the bindings"

test_done
