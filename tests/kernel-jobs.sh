#!/bin/bash
# index -j 2 writes what index -j 1 writes, on 7 TUs of Debian's linux-source-6.12 that
# share most of their headers. Two TUs walking one new header at once used to split
# its functions between the header's unit and units of their own, as the threads'
# timing fell (2,272 to 3,140 units here instead of 1,040), and the bodies in those
# units were parsed in full by every later TU.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
TUS=(drivers/net/dummy.c drivers/net/loopback.c drivers/net/veth.c drivers/net/virtio_net.c
	net/core/dev.c net/core/skbuff.c net/core/sock.c)

# what the views do not show: how the facts are split into units, and which bodies later TUs read blanked
units() {
	q "$1" "SELECT key FROM unit ORDER BY key" | md5sum
	q "$1" "SELECT sum(json_array_length(units)) FROM tu"
	q "$1" "SELECT u.key, f.key, f.body_start, f.body_end FROM unit_fn f JOIN unit u ON u.id = f.unit_id ORDER BY 1, 2" | md5sum
}

run "$NDOSCOPE" --db "$TMP/j1.db" index -C "$K" -j 1 "${TUS[@]}"
expect_rc 0 "index -j 1"
want=$(units "$TMP/j1.db")
for r in 1 2 3; do
	rm -f "$TMP/j2.db" "$TMP/j2.db-wal" "$TMP/j2.db-shm"
	run "$NDOSCOPE" --db "$TMP/j2.db" index -C "$K" -j 2 "${TUS[@]}"
	expect_rc 0 "index -j 2, run $r"
	expect_eq "$(units "$TMP/j2.db")" "$want" "index -j 2, run $r: the units, their links and their bodies of index -j 1"
done
run env NDOSCOPE="$NDOSCOPE" "$SRC/scripts/compare-views" "$TMP/j1.db" "$TMP/j2.db"
expect_rc 0 "index -j 2: every view of index -j 1, row for row"

test_done
