#!/bin/bash
# Old kernels and 'ndoscope diff' (issue 10) on two look-alike trees:
# fixtures/old, shaped like 2.6.35 (stdarg.h from the compiler, #define'd
# NETIF_F_* masks with comments, alloc_netdev_mq, ndo_get_stats,
# loopback_xmit -> netif_rx -> enqueue_to_backlog), and fixtures/tree,
# shaped like 6.12. Regenerate after a deliberate change with:
#   UPDATE_EXPECTED=1 ctest -R fixture-versions
. "$(dirname "$0")/lib.sh"
OLD=$SRC/fixtures/old
GOLD=$EXPECTED/versions

cd "$TMP" || exit 1
run "$NDOSCOPE" --db old.db index -C "$OLD" drivers net
expect_rc 0 "index the 2.6-era fixture"
expect_match "$out" "^indexed 3, unchanged 0, failed 0, purged 0 in" "its three TUs"
expect_eq "$(q old.db "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 \
	"no parse errors: stdarg.h and stddef.h come from libclang's include directory"
"$NDOSCOPE" --db new.db index -C "$FIXTURE" drivers net >/dev/null 2>&1

# The 2.6 era as data: #define'd masks with comments, alloc_netdev_mq.
expect_eq "$(q old.db "SELECT value, bit, file, doc FROM flags WHERE name = 'NETIF_F_NO_CSUM'")" \
	"$(printf '4\t2\tinclude/linux/netdevice.h\tNeeds no checksum at all (loopback).')" \
	"NETIF_F_NO_CSUM: a #define'd mask, bit 2, with its comment"
expect_eq "$(q old.db "SELECT value, doc FROM flags WHERE name = 'IFF_XMIT_DST_RELEASE'")" \
	"$(printf '1024\tdev_hard_start_xmit() is allowed to release skb->dst')" \
	"IFF_XMIT_DST_RELEASE: a comment over several lines, joined"
expect_eq "$(q old.db "SELECT count(*) FROM flags WHERE name IN ('ETH_HLEN', 'IFNAMSIZ', 'NET_RX_DROP')")" 0 \
	"other #defines of those headers are not flags"

# Old lo's report, then diff: each question, in the three formats for report.
goldens() {
	DB=old.db
	golden "$GOLD" old-report-lo.md report lo
	DB=new.db
	golden "$GOLD" diff-report-lo.md diff old.db new.db report lo
	golden "$GOLD" diff-report-lo.json diff old.db new.db report lo -f json
	golden "$GOLD" diff-report-lo.html diff old.db new.db report lo -f html
	golden "$GOLD" diff-ops.md diff old.db new.db ops loopback_ops
	golden "$GOLD" diff-impl.md diff old.db new.db impl net_device_ops.ndo_start_xmit
	golden "$GOLD" diff-path.md diff old.db new.db path dev_queue_xmit enqueue_to_backlog
	golden "$GOLD" diff-summary.md diff old.db new.db
}
goldens

# The same from two indexes of the same names that stored the TUs one at a
# time, in the opposite order (lib.sh's index_reversed).
mkdir reversed
index_reversed old.db reversed/old.db "$OLD"
index_reversed new.db reversed/new.db
cd reversed || exit 1
UPDATE_EXPECTED='' GOLDEN_NOTE=", TUs stored in reverse" goldens
cd "$TMP" || exit 1

# What old lo's report and the diff of lo say.
lo=$(cat "$GOLD/old-report-lo.md")
expect_match "$lo" '^\| net_device.mtu = \| `\(16 \* 1024\) \+ 20 \+ 20 \+ 12` \| 16436 \| set by loopback_setup' \
	"old lo: mtu 16436 as written"
expect_match "$lo" 'loopback_net_init calls alloc_netdev\(\.\.\., "lo", loopback_setup\)' \
	"old lo: allocated by alloc_netdev over alloc_netdev_mq"
expect_match "$lo" '^\| `ndo_get_stats` \| `loopback_get_stats` \| drivers/net/loopback.c:[0-9]+ \|$' \
	"old lo: ndo_get_stats"
expect_match "$lo" '`netif_rx` → `enqueue_to_backlog`' "old lo: netif_rx -> enqueue_to_backlog"
expect_match "$lo" 'netdev_max_backlog is the sysctl net.core.netdev_max_backlog \(net/core/sysctl_net_core.c:11\)' \
	"old lo: the sysctl's directories from its ctl_path array"

d=$(cat "$GOLD/diff-report-lo.md")
expect_match "$d" '^\| ~ \| `net_device.mtu =` \| 16436 \(\(16 \* 1024\) \+ 20 \+ 20 \+ 12\) \| 65536 \(\(64 \* 1024\)\) \|$' \
	"diff report lo: mtu 16436 -> 65536"
expect_match "$d" '^\| - \| `features: NETIF_F_NO_CSUM` \| Needs no checksum at all \(loopback\). \|  \|$' \
	"diff report lo: NETIF_F_NO_CSUM gone"
expect_match "$d" '^- netdev_ops.ndo_get_stats became netdev_ops.ndo_get_stats64 \(a guess' \
	"diff report lo: ndo_get_stats -> ndo_get_stats64, said to be a guess"
expect_match "$d" '^- net_device.destructor became net_device.priv_destructor \(a guess: the same value, loopback_dev_free\)$' \
	"diff report lo: destructor -> priv_destructor, a guess by value"
expect_match "$d" '^\| ~ \| netif_rx \(called at drivers/net/loopback.c:[0-9]+\) \| __netif_rx \(called at drivers/net/loopback.c:[0-9]+\) \|$' \
	"diff report lo: netif_rx aligned with __netif_rx"
expect_match "$d" '^\| \+ \|  \| netif_rx_internal \(called at net/core/dev.c:[0-9]+\) \|$' \
	"diff report lo: netif_rx_internal is new on the path"
expect_match "$d" '^\|  \| enqueue_to_backlog \(called at net/core/dev.c:[0-9]+\) \| enqueue_to_backlog \(called at net/core/dev.c:[0-9]+\) \|$' \
	"diff report lo: both paths end in enqueue_to_backlog"
expect_eq "$(python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); print(" ".join(s["title"] for s in d["sections"]))' "$GOLD/diff-report-lo.json")" \
	"Settings Flags Features Ops tables Transmit path Drop points" "diff -f json: the sections"
expect_match "$(cat "$GOLD/diff-summary.md")" '^- alloc_netdev_mq \(net/core/dev.c\) may be alloc_netdev_mqs: a guess' \
	"diff summary: alloc_netdev_mq matched to alloc_netdev_mqs, as a guess"
expect_match "$(cat "$GOLD/diff-summary.md")" 'moved: net_core_table \(to net/core/dev.c\)' \
	"diff summary: a table that changed file is moved, not added and removed"

# Bad input: one clear line.
run "$NDOSCOPE" diff old.db new.db report no_such_dev
expect_nonzero "diff report of an unknown device fails"
expect_eq "$err" "error: no device matches 'no_such_dev' in either index" "and says so once"
run "$NDOSCOPE" diff old.db
expect_nonzero "diff with one index fails"
expect_match "$err" "name the old and the new index" "and says what is missing"
run "$NDOSCOPE" diff old.db missing.db
expect_nonzero "diff with a missing index fails"
run "$NDOSCOPE" diff old.db new.db frobnicate x
expect_nonzero "diff of an unknown question fails"

test_done
