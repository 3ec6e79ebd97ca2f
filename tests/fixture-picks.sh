#!/bin/bash
# Where a statement picks one row of several, it picks the same one
# whichever order the index stored the TUs in (-j 2 varies it; row ids
# follow it). Scratch files on a copy of the fixture tree hold the cases:
# a shared USB probe two minidrivers' usb_driver tables name (report's
# registration, bound_in); a setup function defined, not static, in two
# backends, and a static function of one name in two drivers calling it
# (the browser's function page, its callers and callees); a static function
# of one name in two files that an allocator names as its setup (report's
# function_named).
. "$(dirname "$0")/lib.sh"

cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree
U=drivers/net/fxusb
P=drivers/net/fxpair

# A second FX USB minidriver: its usb_driver names the core's probe too.
cat >"$T/$U/fxusb_alt.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
/* Fixture FX USB alternate minidriver: probed by the core, like fxmini. */
#include <linux/kernel.h>
#include "fxusbnet.h"

static int fxalt_bind(struct fxusbnet *dev, struct usb_interface *intf)
{
	dev->net->max_mtu = 9000;
	return 0;
}

static const struct fxusb_driver_info fxalt_info = {
	.description	= "FX USB alternate adapter",
	.bind		= fxalt_bind,
};

static const struct usb_device_id fxalt_products[] = {
	{ .idVendor = 0x0fe0, .idProduct = 0x0101, .driver_info = (unsigned long)&fxalt_info },
	{ },
};

static struct usb_driver fxalt_driver = {
	.name		= "fxalt",
	.probe		= fxusbnet_probe,
	.id_table	= fxalt_products,
};

module_usb_driver(fxalt_driver);
EOF

# FX pair: two chip backends that each define fxpair_hw_setup (a build
# links one), and two drivers with a static fxpair_setup of their own
# that calls it.
mkdir -p "$T/$P"
cat >"$T/$P/fxpair.h" <<'EOF'
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FXPAIR_H
#define _FXPAIR_H
#include <linux/netdevice.h>

/* Set up what the chip decides: each backend has its own. */
void fxpair_hw_setup(struct net_device *dev);

#endif /* _FXPAIR_H */
EOF
for b in a b; do
	mtu=1500
	[ $b = b ] && mtu=1492
	cat >"$T/$P/fxpair_hw_$b.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
/* Fixture FX pair, backend $b. */
#include "fxpair.h"

void fxpair_hw_setup(struct net_device *dev)
{
	dev->mtu = $mtu;
}
EOF
done
for d in one two; do
	cat >"$T/$P/fxpair_$d.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
/* Fixture FX pair, driver $d: its setup is static, named as the other's. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/netdevice.h>
#include "fxpair.h"

static void fxpair_setup(struct net_device *dev)
{
	fxpair_hw_setup(dev);
	dev->tx_queue_len = 0;
}

static int __init fxpair_${d}_init(void)
{
	struct net_device *dev;

	dev = alloc_netdev(0, "fx$d%d", NET_NAME_ENUM, fxpair_setup);
	if (!dev)
		return -ENOMEM;
	return register_netdev(dev);
}
module_init(fxpair_${d}_init);
EOF
done

# An allocator whose setup the report finds by name (netdev_api: can_setup
# for alloc_candev_mqs), and two files with a static can_setup: a CAN core
# look-alike and an SPI glue that copied its name.
mkdir -p "$T/drivers/net/fxcan"
cat >"$T/drivers/net/fxcan/fxcan.h" <<'EOF'
/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FXCAN_H
#define _FXCAN_H
#include <linux/netdevice.h>

struct net_device *alloc_candev_mqs(int sizeof_priv, unsigned int echo_skb_max,
				    unsigned int txqs, unsigned int rxqs);
int register_candev(struct net_device *dev);

#endif /* _FXCAN_H */
EOF
for f in fxcan_core:16 fxcan_spi:72; do
	cat >"$T/drivers/net/fxcan/${f%:*}.c" <<EOF
// SPDX-License-Identifier: GPL-2.0
/* Fixture FX CAN, ${f%:*}: a static can_setup of its own. */
#include <linux/kernel.h>
#include "fxcan.h"

static void can_setup(struct net_device *dev)
{
	dev->mtu = ${f#*:};
}

void ${f%:*}_use(struct net_device *dev)
{
	can_setup(dev);
}
EOF
done
cat >"$T/drivers/net/fxcan/fxcan_drv.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
/* Fixture FX CAN driver: allocates with alloc_candev_mqs (set up by can_setup). */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/pci.h>
#include "fxcan.h"

static int fxcan_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct net_device *dev = alloc_candev_mqs(0, 1, 1, 1);

	if (!dev)
		return -ENOMEM;
	return register_candev(dev);
}

static const struct pci_device_id fxcan_pci_tbl[] = {
	{ .vendor = 0x0fe0, .device = 0x0c01 },
	{ },
};

static struct pci_driver fxcan_driver = {
	.name		= "fxcan",
	.id_table	= fxcan_pci_tbl,
	.probe		= fxcan_probe,
};

static int __init fxcan_init(void)
{
	return pci_register_driver(&fxcan_driver);
}
module_init(fxcan_init);
EOF

TUS="$U/fxusbnet.c $U/fxusb_mini.c $U/fxusb_alt.c $P/fxpair_hw_a.c $P/fxpair_hw_b.c
	$P/fxpair_one.c $P/fxpair_two.c drivers/net/fxcan/fxcan_core.c drivers/net/fxcan/fxcan_spi.c
	drivers/net/fxcan/fxcan_drv.c"
DB=$TMP/fwd.db
for tu in $(printf '%s\n' $TUS | sort); do
	"$NDOSCOPE" --db "$DB" index -C "$T" "$tu" >/dev/null 2>&1
done
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE status <> 'failed'")" 10 \
	"the scratch TUs indexed one at a time, in the order of their paths"
# Each scratch case has several candidates in the index.
expect_eq "$(q "$DB" "SELECT count(*) FROM bindings WHERE function = 'fxusbnet_probe'")" 2 \
	"fxusbnet_probe is bound in two usb_driver tables"
expect_eq "$(q "$DB" "SELECT count(*), count(DISTINCT usr) FROM functions WHERE name = 'fxpair_hw_setup'")" "2	1" \
	"fxpair_hw_setup: one function, defined in two files"
expect_eq "$(q "$DB" "SELECT count(DISTINCT usr) FROM functions WHERE name = 'fxpair_setup'")" 2 \
	"fxpair_setup: two static functions"
expect_eq "$(q "$DB" "SELECT count(DISTINCT usr) FROM functions WHERE name = 'can_setup'")" 2 \
	"can_setup: two static functions"

R=$TMP/rev.db
index_reversed "$DB" "$R" "$T"

# out DB NAME ARGS...: ndoscope's stdout, in $TMP/NAME.DB
out() {
	local db=$1 name=$2
	shift 2
	"$NDOSCOPE" --db "$TMP/$db.db" "$@" >"$TMP/$name.$db" 2>&1
}

# 1. report: a minidriver is reached through its own table, not through
# whichever table naming the shared probe was stored first.
for db in fwd rev; do
	out $db fxmini report fxmini
	out $db fxalt report fxalt
	out $db fxcan report fxcan
done
expect_match "$(cat "$TMP/fxmini.fwd")" "^2\. $U/fxusb_mini\.c:[0-9]+: fxmini_driver\.probe = fxusbnet_probe \(struct usb_driver\)$" \
	"report fxmini: reached through fxmini_driver.probe"
expect_match "$(cat "$TMP/fxalt.fwd")" "^2\. $U/fxusb_alt\.c:[0-9]+: fxalt_driver\.probe = fxusbnet_probe \(struct usb_driver\)$" \
	"report fxalt: reached through fxalt_driver.probe"
# The allocator's setup by name: the first static can_setup by path.
expect_match "$(cat "$TMP/fxcan.fwd")" '^\| net_device\.mtu = \| `16` \| 16 \| set by can_setup \| drivers/net/fxcan/fxcan_core\.c:[0-9]+ \|$' \
	"report fxcan: the settings of one can_setup, the first by path"
for name in fxmini fxalt fxcan; do
	expect_file_eq "$TMP/$name.rev" "$TMP/$name.fwd" "report $name: the same from the TUs stored in reverse"
done

# 2. the browser: where a function defined in two files is, and the call
# site of each caller and callee of a name two static functions share:
# the one in the file of the function the page is about, else the first.
# The pages name symbols by id (data-c="s12"), which follow the order the
# TUs were stored in, and Graphviz may write a drawing's clusters in
# another order from one run to the next; the test compares the rest.
PAGES="fxpair_hw_setup fxpair_setup $P/fxpair_one.c:fxpair_setup $P/fxpair_two.c:fxpair_setup"
for db in fwd rev; do
	"$NDOSCOPE" --db "$TMP/$db.db" html -C "$T" -o "$TMP/html.$db" $P >/dev/null 2>&1
	for pg in $PAGES; do
		perl -0pe 's/s[0-9]+/sN/g; s/<div class="graph">.*?<\/svg>//s' "$TMP/html.$db/fn/$pg.html" \
			>"$TMP/$(basename "$pg").html.$db"
	done
done
at() {	# at FILE LINE: a link to FILE:LINE, from any page
	printf '<a class="at" href="[./]*source/%s\\.html#L%s">%s:%s</a>' "${1//./\\.}" "$2" "${1//./\\.}" "$2"
}
page=$(cat "$TMP/fxpair_hw_setup.html.fwd")
expect_match "$page" "Defined at $(at $P/fxpair_hw_a.c 5)" \
	"fn/fxpair_hw_setup: defined at its first definition by path"
expect_match "$page" "fxpair_setup</a> $(at $P/fxpair_one.c 10)" \
	"its caller fxpair_setup at the first call by path"
for d in one two; do
	expect_match "$(cat "$TMP/fxpair_$d.c:fxpair_setup.html.fwd")" "<h2>Callees</h2><ul class=\"edges\"><li><a class=\"fn\" href=\"[./]*fn/fxpair_hw_setup\.html\">fxpair_hw_setup</a> $(at $P/fxpair_$d.c 10)" \
		"fn/$P/fxpair_$d.c:fxpair_setup: its callee at its own call"
done
for pg in $PAGES; do
	pg=$(basename "$pg")
	expect_file_eq "$TMP/$pg.html.rev" "$TMP/$pg.html.fwd" "html fn/$pg.html: the same from the TUs stored in reverse"
done

test_done
