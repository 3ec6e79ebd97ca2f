#!/bin/bash
# Hardware drivers on the real kernel: 6.12 defconfig's Intel directory
# indexed the way kbuild builds it (e100.c, e1000/ and e1000e/), then
# virtio_net.c, net/core/dev.c and net/ethernet/eth.c, and the reports of
# e1000, e1000e and virtio_net. About a minute on an idle 2-core machine.
. "$(dirname "$0")/lib.sh"

K=$("$SRC/scripts/kernel-tree") || { not_ok "a prepared linux-source-6.12 tree" "scripts/kernel-tree failed"; test_done; exit 1; }
DB=$TMP/kd.db
I=drivers/net/ethernet/intel

run "$NDOSCOPE" --db "$DB" index -C "$K" -j2 $I
expect_rc 0 "index $I"
expect_match "$out" "^indexed 16, unchanged 0, failed 0, purged 0 in [0-9.]+s( \([0-9]+ parsed again\))?; [0-9]+ files not built by this configuration \(--all-files indexes them\)$" \
	"the 16 files defconfig builds (e100.c, e1000's 4, e1000e's 11), the rest counted as not built"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 \
	"no parse errors: e1000e's ccflags-y += -I\$(src) finds ./e1000e_trace.h"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu JOIN file f ON f.id = tu.file_id WHERE f.path LIKE '$I/e1000/%' OR f.path LIKE '$I/e1000e/%'")" 15 \
	"e1000/ and e1000e/ indexed"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu JOIN file f ON f.id = tu.file_id WHERE f.path LIKE '$I/igb/%' OR f.path LIKE '$I/ice/%'")" 0 \
	"igb/ and ice/ (not in defconfig) left out"

run "$NDOSCOPE" --db "$DB" index -C "$K" -j2 drivers/net/virtio_net.c net/core/dev.c net/ethernet/eth.c
expect_rc 0 "index virtio_net.c, dev.c and eth.c"

# e1000: the acceptance of issue 8.
run "$NDOSCOPE" --db "$DB" report $I/e1000/e1000_main.c
expect_rc 0 "report $I/e1000/e1000_main.c"
expect_match "$out" '^# e1000$' "named by the driver's name"
expect_match "$out" '^A `pci_driver` driver, `e1000_driver`, probed by `e1000_probe` for the [0-9]+ device IDs of `e1000_pci_tbl`' \
	"the pci_driver, its probe and its ID table"
expect_match "$out" "^[0-9]+\. $I/e1000/e1000_main\.c:[0-9]+: e1000_probe calls alloc_etherdev_mqs: the net_device, named eth%d, set up by ether_setup$" \
	"the allocation in e1000_probe, set up by ether_setup (indexed)"
expect_match "$out" "^[0-9]+\. $I/e1000/e1000_main\.c:[0-9]+: e1000_probe calls register_netdev$" "and its registration"
expect_match "$out" '^### netdev_ops = &e1000_netdev_ops \(struct net_device_ops' "e1000_netdev_ops"
expect_match "$out" '^\| `ndo_start_xmit` \| `e1000_xmit_frame` \|' "with e1000_xmit_frame at ndo_start_xmit"
expect_match "$out" "^\| net_device\.ethtool_ops = \| \`&e1000_ethtool_ops\` \|  \| set by e1000_set_ethtool_ops, called by e1000_probe \|" \
	"the ethtool ops set through the helper"
expect_match "$out" '^### features = .*

\| bit \| flag \| the kernel.s comment \|
\|---\|---\|---\|
\| 0 \| `NETIF_F_SG` \|' "the features set in probe, NETIF_F_SG among them (through features |= netdev->hw_features)"
expect_match "$out" "^\| net_device\.hw_features |= \| \`NETIF_F_TSO\` \| 65536 \| set by e1000_probe, when \`\(hw->mac_type >= e1000_82544\) && \(hw->mac_type != e1000_82547\)\` \|" \
	"a feature bit set under its condition"
expect_match "$out" "^- $I/e1000/e1000_main\.c:[0-9]+: the doorbell: \`e1000_xmit_frame\` calls \`writel\`" \
	"the xmit path down to where the descriptor tail is written"
expect_match "$out" "^- $I/e1000/e1000_main\.c:[0-9]+: the DMA mapping: \`e1000_tx_map\` calls \`dma_map_single\` \(e1000_xmit_frame → e1000_tx_map\)$" \
	"and where the data is mapped for DMA"
expect_match "$out" "^- $I/e1000/e1000_main\.c:[0-9]+: \`e1000_xmit_frame\` does return NETDEV_TX_BUSY
  - when: \`unlikely\(e1000_maybe_stop_tx\(netdev, tx_ring, count \+ 2\)\)\`" "a drop point with its condition"
expect_match "$out" "^- $I/e1000/e1000_main\.c:[0-9]+: \`e1000_xmit_frame\` calls netif_stop_queue$" "the queue stopped"
expect_match "$out" '^N: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ' "ip link, from ether_setup's flags and mtu"
if printf '%s\n' "$out" | grep -q 'set by free_netdev'; then
	not_ok "the core's functions the probe calls (free_netdev) set nothing of the device"
else
	ok "the core's functions the probe calls (free_netdev) set nothing of the device"
fi

# virtio_net: a virtio_driver, a kick.
run "$NDOSCOPE" --db "$DB" report drivers/net/virtio_net.c
expect_rc 0 "report drivers/net/virtio_net.c"
expect_match "$out" '^A `virtio_driver` driver, `virtio_net_driver`, probed by `virtnet_probe`' "virtnet_probe"
expect_match "$out" '^### netdev_ops = &virtnet_netdev \(struct net_device_ops' "virtnet_netdev"
expect_match "$out" '^\| `ndo_start_xmit` \| `start_xmit` \|' "with start_xmit"
expect_match "$out" "^- drivers/net/virtio_net\.c:[0-9]+: the doorbell: \`start_xmit\` calls \`virtqueue_notify\`, when \`kick\`$" \
	"the virtqueue kick on the xmit path"
expect_match "$out" "^- drivers/net/virtio_net\.c:[0-9]+: the DMA mapping: \`xmit_skb\` calls \`virtqueue_add_outbuf\` \(start_xmit → xmit_skb\)$" \
	"the packet handed to the virtqueue"

# e1000e by its name: its probe is also called e1000_probe.
run "$NDOSCOPE" --db "$DB" report e1000e
expect_match "$out" '^A `pci_driver` driver, `e1000_driver`, probed by `e1000_probe` for the [0-9]+ device IDs of `e1000_pci_tbl`' \
	"report e1000e: the pci_driver of e1000e/netdev.c"
expect_match "$out" '^### netdev_ops = &e1000e_netdev_ops ' "e1000e_netdev_ops, not e1000's"
expect_match "$out" "^\| net_device\.ethtool_ops = \| \`&e1000_ethtool_ops\` \|  \| set by e1000e_set_ethtool_ops, called by e1000_probe \| $I/e1000e/ethtool\.c:" \
	"e1000e's ethtool ops, from e1000e/ethtool.c"

# The matrix of the Intel directory.
run "$NDOSCOPE" --db "$DB" report --matrix $I -f csv
expect_eq "$(printf '%s\n' "$out" | cut -d, -f1,2)" "device,setup
e100,e100_probe
e1000,e1000_probe
e1000e,e1000_probe" "report --matrix $I has rows for e100, e1000 and e1000e"
run "$NDOSCOPE" --db "$DB" report --matrix $I
expect_match "$out" '^Coverage: 3 of the 3 `net_device_ops` tables defined here belong to a device above \(100\.0%\)\.$' \
	"every net_device_ops table of the directory is attributed"

test_done
