#!/bin/bash
# ndoscope report on a hardware driver: the fixture FX NIC, a PCI driver
# whose probe allocates with alloc_etherdev, keeps the netdev in its private
# adapter, sets the ethtool ops through a helper in another file, picks one
# of two netdev_ops tables by the chip's revision, and transmits by mapping
# the packet for DMA and writing the ring's tail register.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-drivers
. "$(dirname "$0")/lib.sh"

D=drivers/net/ethernet/fxcorp
DB=$TMP/fx.db
L=drivers/net/ethernet/fxlite
U=drivers/net/fxusb
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" $D $L/fxlite.c $L/fx_failover.c $U/fxusbnet.c $U/fxusb_mini.c \
	drivers/net/loopback.c net/core/dev.c
expect_rc 0 "index the FX NIC, the FX Lite and FX USB (named: their configs are off), loopback.c and dev.c"
GOLD=$EXPECTED/drivers

goldens() {
	golden "$GOLD" fxnic.md report fxnic
	golden "$GOLD" fx_main.c.json report $D/fx_main.c -f json
	golden "$GOLD" matrix.md report --matrix drivers/net
}
goldens

# The same from an index that stored the TUs one at a time, in the
# opposite order (lib.sh).
goldens_reversed

md=$(cat "$GOLD/fxnic.md")
expect_match "$md" '^A `pci_driver` driver, `fx_driver`, probed by `fx_probe` for the 3 device IDs of `fx_pci_tbl`; the probe allocates with `alloc_etherdev_mqs` \(set up by `ether_setup`\), interfaces named `eth%d`\.$' \
	"named by the driver's .name (a char array), with its bus structure, probe and ID count"
expect_match "$md" "^[0-9]+\. $D/fx_main\.c:[0-9]+: fx_driver_init calls pci_register_driver\(&fx_driver\)$" \
	"registration: module_pci_driver's initcall registers the pci_driver"
expect_match "$md" "^[0-9]+\. $D/fx_main\.c:[0-9]+: fx_probe calls alloc_etherdev_mqs: the net_device, named eth%d" \
	"the allocation in the probe, with file:line"
expect_match "$md" "^[0-9]+\. $D/fx_main\.c:[0-9]+: fx_probe calls register_netdev$" "and the registration"
expect_match "$md" "^\| net_device\.ethtool_ops = \| \`&fx_ethtool_ops\` \|  \| set by fx_set_ethtool_ops, called by fx_probe \| $D/fx_ethtool\.c:[0-9]+ \|$" \
	"ethtool ops set through the helper in fx_ethtool.c"
expect_match "$md" '^\| net_device\.min_mtu = \| `ETH_MIN_MTU` \| 68 \| set by fx_probe \|' \
	"a field set through the private struct (adapter->netdev->min_mtu)"
expect_match "$md" '^\| net_device\.features \|= \| `NETIF_F_RXCSUM` \| 128 \| set by fx_probe, when `adapter->revision >= FX_REV_NEW` \|' \
	"a feature bit set with |= under its condition"
expect_match "$md" '^\| 0 \| `NETIF_F_SG` \| Scatter/gather IO\. \|$' "NETIF_F_SG among the features"
expect_match "$md" '^\| 7 \| `NETIF_F_RXCSUM` \|' "and the bit |= added"
expect_match "$md" '^### netdev_ops = &fx_netdev_ops .*

When `adapter->revision >= FX_REV_NEW`\.$' "the first ops table with its condition"
expect_match "$md" '^### netdev_ops = &fx_old_netdev_ops .*

When `!\(adapter->revision >= FX_REV_NEW\)`\.$' "the other one with the negated condition"
expect_match "$md" '^\| `ndo_start_xmit` \| `fx_xmit_frame` \|' "fx_xmit_frame at ndo_start_xmit"
expect_match "$md" "^[0-9]+\. include/linux/netdevice\.h:[0-9]+: \`__netdev_start_xmit\` → \`fx_xmit_frame\` through \`net_device_ops\.ndo_start_xmit\`" \
	"the transmit path from the core into the driver"
expect_match "$md" "^- $D/fx_main\.c:[0-9]+: the DMA mapping: \`fx_xmit_frame\` calls \`dma_map_single\`$" \
	"the packet is mapped for DMA in the xmit"
expect_match "$md" "^- $D/fx_main\.c:[0-9]+: the doorbell: \`fx_tx_queue\` calls \`writel\` \(fx_xmit_frame → fx_tx_queue\)$" \
	"and leaves the CPU where the tail register is written, one helper down"
expect_match "$md" "^- $D/fx_main\.c:[0-9]+: \`fx_xmit_frame\` calls netif_stop_queue
  - when: \`ring->next_to_use \+ 1 == ring->count\`" "drop points: the queue stopped when the ring is full"
expect_match "$md" "^- $D/fx_main\.c:[0-9]+: \`fx_xmit_frame\` does return NETDEV_TX_BUSY$" "NETDEV_TX_BUSY"
expect_match "$md" "^- $D/fx_main\.c:[0-9]+: \`fx_xmit_frame\` calls dev_kfree_skb
  - when: \`dma_mapping_error\(0, dma\)\`" "the packet freed when the mapping fails"
expect_match "$md" '^N: eth0: <UP,LOWER_UP>' "ip link names the first interface of the pattern"

# The names a reader knows it by.
for name in fx_probe fx_driver fx_netdev_ops fx_old_netdev_ops fx_ethtool_ops $D/fx_main.c; do
	expect_eq "$("$NDOSCOPE" --db "$DB" report "$name" | head -1)" "# fxnic" "report $name names the FX NIC"
done

# The matrix of the vendor directory: the hardware device only.
run "$NDOSCOPE" --db "$DB" report --matrix drivers/net/ethernet -f csv
expect_eq "$(printf '%s\n' "$out" | cut -d, -f1,2)" "device,setup
fxnic,fx_probe
fxlite,fxlite_probe
fx_failover_create,ether_setup" "report --matrix drivers/net/ethernet has the FX NIC's and the FX Lite's rows"
expect_match "$out" '^fxnic,fx_probe,fx_open,eth_mac_addr,fx_xmit_frame,' "with its netdev_ops slots"

# FX Lite: a platform_driver named by .driver.name, a probe that allocates
# in a helper, an element of an array of tables, and a library helper that
# sets up a device of its own.
run "$NDOSCOPE" --db "$DB" report fxlite
expect_rc 0 "report fxlite"
expect_match "$out" '^A `platform_driver` driver, `fxlite_driver`, probed by `fxlite_probe`; the probe allocates with `alloc_etherdev_mqs`' \
	"a platform_driver, named by .driver.name = DRV_NAME"
expect_match "$out" "^[0-9]+\. $L/fxlite\.c:[0-9]+: fxlite_probe calls fxlite_init_netdev
[0-9]+\. $L/fxlite\.c:[0-9]+: fxlite_init_netdev calls alloc_etherdev_mqs" "the allocation in the probe's helper, and the call to it"
expect_match "$out" '^### netdev_ops = &fxlite_netdev_ops \(struct net_device_ops' "&fxlite_netdev_ops[port] is the table fxlite_netdev_ops"
if printf '%s\n' "$out" | grep -q 'fx_failover_ops\|1400'; then
	not_ok "nothing of the device the failover library allocates" "$out"
else
	ok "nothing of the device the failover library allocates"
fi
# The library's device: named by the function that allocates it, reached
# from the probe that calls it.
run "$NDOSCOPE" --db "$DB" report fx_failover_create
expect_match "$out" '^Set up by `ether_setup`; allocated and registered by `fx_failover_create`\.$' \
	"a device no bus probes directly: named by the function that allocates it"
expect_match "$out" "^[0-9]+\. $L/fxlite\.c:[0-9]+: fxlite_probe calls fx_failover_create$" "reached from fxlite_probe"
expect_match "$out" '^### netdev_ops = &fx_failover_ops ' "with its own table"
run "$NDOSCOPE" --db "$DB" report --matrix $L -f csv
expect_eq "$(printf '%s\n' "$out" | cut -d, -f1,2)" "device,setup
fxlite,fxlite_probe
fx_failover_create,ether_setup" "report --matrix $L: the driver and the library's device"
run "$NDOSCOPE" --db "$DB" report --matrix $L
expect_match "$out" '^Coverage: 2 of the 2 `net_device_ops` tables defined here belong to a device above \(100\.0%\)\.$' \
	"coverage: both tables belong to a device"

# FX USB: a usb_driver whose probe is the shared core's; the core calls the
# minidriver's bind through a struct field, and the bind reaches its ops
# table three helpers down, through a getter.
run "$NDOSCOPE" --db "$DB" report fxmini
expect_rc 0 "report fxmini"
expect_match "$out" '^A `usb_driver` driver, `fxmini_driver`, probed by `fxusbnet_probe` for the 2 device IDs of `fxmini_products`' \
	"a usb_driver whose probe is the shared core's"
expect_match "$out" "^\| net_device\.netdev_ops = \| \`fxmini_get_netdev_ops\(\)\` \|  \| set by fxmini_init_netdev, called by fxmini_reset, called by fxmini_bind, called by fxusbnet_probe through fxusb_driver_info\.bind \| $U/fxusb_mini\.c:[0-9]+ \|$" \
	"the minidriver's settings: through the bind its own file binds, three helpers down, with the chain"
expect_match "$out" '^### netdev_ops = &fxmini_netdev_ops \(struct net_device_ops, '"$U"'/fxusb_mini\.c:[0-9]+; set by fxmini_init_netdev, .*\)

Returned by `fxmini_get_netdev_ops\(\)`\.$' "the table the getter returns"
expect_eq "$("$NDOSCOPE" --db "$DB" report fxmini_netdev_ops | head -1)" "# fxmini" "report fxmini_netdev_ops: a table set through a getter names its device"
run "$NDOSCOPE" --db "$DB" report --matrix $U
expect_match "$out" '^Coverage: 2 of the 2 `net_device_ops` tables defined here belong to a device above \(100\.0%\)\.$' \
	"coverage: the core's table and the minidriver's"

# Coverage over the whole index: stats, and the matrix of the tree's top.
run "$NDOSCOPE" --db "$DB" stats
expect_match "$out" '^net_device_ops tables defined +8 +100%$' "stats: the tables defined in indexed files"
expect_match "$out" '^  attributed to a device +8 +100\.0%$' "stats: all of them attributed"
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers/net/fxorphan/fxorphan.c
expect_rc 0 "index FX Orphan: a table only another module's call attaches"
run "$NDOSCOPE" --db "$DB" stats
expect_match "$out" '^  attributed to a device +8 +88\.9%$' "stats: the orphan table lowers the share"
expect_match "$out" '^  not attributed \(report --matrix DIR lists them\) +1 +11\.1%$' "stats: and counts it"
expect_eq "$("$NDOSCOPE" --db "$DB" stats --json | python3 -c 'import json, sys; d = json.JSONDecoder(); s = sys.stdin.read().strip(); a = []
while s: o, n = d.raw_decode(s); a.append(o); s = s[n:].strip()
print(json.dumps(a[3], separators=(",", ":")))')" \
	'[{"what":"net_device_ops tables defined","count":9,"share":"100%"},{"what":"  attributed to a device","count":8,"share":"88.9%"},{"what":"  not attributed (report --matrix DIR lists them)","count":1,"share":"11.1%"}]' \
	"stats --json: the coverage is the fourth array"
run "$NDOSCOPE" --db "$DB" report --matrix .
expect_match "$out" '^Coverage: 8 of the 9 `net_device_ops` tables defined here belong to a device above \(88\.9%\)\.
Not attributed:

- `fxorphan_netdev_ops` \(drivers/net/fxorphan/fxorphan\.c:[0-9]+\)$' "report --matrix .: every device of the index, and the table no device attaches"

# The html page says the same, escaped.
run "$NDOSCOPE" --db "$DB" report fxnic -f html
expect_match "$out" 'when <code>adapter-&gt;revision &gt;= FX_REV_NEW</code>' "html: the table's condition, escaped"
expect_match "$out" 'the doorbell: <code>fx_tx_queue</code> calls <code>writel</code>' "html: where the packet leaves the CPU"

# drop_site: a stopped queue is kind 'stop'; graph does not draw it as a drop.
expect_eq "$(q "$DB" "SELECT d.kind, d.what FROM drop_site d JOIN sym s ON s.id = d.func_id WHERE s.name = 'fx_xmit_frame' ORDER BY d.line")" \
	"$(printf 'stop\tnetif_stop_queue\nreturn\tNETDEV_TX_BUSY\nfree\tdev_kfree_skb')" "drop_site: netif_stop_queue is a 'stop', next to the drops"

test_done
