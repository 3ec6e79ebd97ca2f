-- Migration 003: what a hardware driver's report needs.
--
-- The if-conditions an assignment is under (an ops table picked at run
-- time), and the kernel APIs a driver is written with, as data: the bus
-- driver structures and their probe fields, the functions that allocate
-- and register a net_device, and the calls where a transmitted packet
-- leaves the CPU.

ALTER TABLE assign ADD COLUMN guard TEXT;	-- the if-conditions around it, joined by &&

-- Structures a driver fills to be probed by a bus: which field is the
-- probe, which names the driver and which holds the table of device IDs.
CREATE TABLE bus_driver (
	struct		TEXT PRIMARY KEY,	-- pci_driver
	probe		TEXT NOT NULL,		-- the field the bus calls per device
	name_field	TEXT,			-- .name, or NULL when it is .driver.name
	id_table	TEXT			-- .id_table, or NULL
);
INSERT INTO bus_driver(struct, probe, name_field, id_table) VALUES
	('pci_driver',		'probe', 'name', 'id_table'),
	('usb_driver',		'probe', 'name', 'id_table'),
	('virtio_driver',	'probe', NULL,   'id_table'),
	('platform_driver',	'probe', NULL,   'id_table'),
	('mdio_driver',		'probe', NULL,   NULL),
	('phy_driver',		'probe', 'name', NULL),
	('spi_driver',		'probe', NULL,   'id_table'),
	('i2c_driver',		'probe', NULL,   'id_table'),
	('sdio_driver',		'probe', 'name', 'id_table'),
	('pcmcia_driver',	'probe', 'name', 'id_table'),
	('amba_driver',		'probe', NULL,   'id_table'),
	('hv_driver',		'probe', 'name', 'id_table'),
	('xenbus_driver',	'probe', 'name', 'ids'),
	('vio_driver',		'probe', 'name', 'id_table'),
	('ps3_system_bus_driver', 'probe', NULL, NULL),
	('auxiliary_driver',	'probe', 'name', 'id_table'),
	('mhi_driver',		'probe', NULL,   'id_table'),
	('rpmsg_driver',	'probe', NULL,   'id_table'),
	('serdev_device_driver', 'probe', NULL,  NULL),
	('fsl_mc_driver',	'probe', NULL,   'match_id_table'),
	('bcma_driver',		'probe', 'name', 'id_table'),
	('ssb_driver',		'probe', 'name', 'id_table'),
	('eisa_driver',		'probe', NULL,   'id_table'),
	('zorro_driver',	'probe', 'name', 'id_table'),
	('ccwgroup_driver',	'setup', NULL,   NULL),
	('ccw_driver',		'probe', NULL,   'ids'),
	('parisc_driver',	'probe', 'name', 'id_table'),
	('tc_driver',		'probe', NULL,   'id_table'),
	('nubus_driver',	'probe', NULL,   NULL),
	('ishtp_cl_driver',	'probe', 'name', 'id'),
	('hid_driver',		'probe', 'name', 'id_table'),
	('isa_driver',		'probe', NULL,   NULL),
	('device_driver',	'probe', 'name', NULL);

-- Functions that allocate, set up and register a net_device. setup_arg is
-- the position of the setup function passed (NULL: none), implied_setup the
-- one the allocator calls itself, ifname the name pattern it gives.
CREATE TABLE netdev_api (
	name		TEXT PRIMARY KEY,
	role		TEXT NOT NULL,		-- alloc, register
	setup_arg	INTEGER,
	name_arg	INTEGER,		-- position of the interface name pattern
	implied_setup	TEXT,
	ifname		TEXT
);
INSERT INTO netdev_api(name, role, setup_arg, name_arg, implied_setup, ifname) VALUES
	('alloc_netdev_mqs',		'alloc', 4, 2, NULL, NULL),
	-- 2.6.35: alloc_netdev(sizeof, name, setup) is alloc_netdev_mq(sizeof, name, setup, 1)
	('alloc_netdev_mq',		'alloc', 3, 2, NULL, NULL),
	('alloc_netdev_dummy',		'alloc', NULL, NULL, 'init_dummy_netdev', NULL),
	('alloc_etherdev_mqs',		'alloc', NULL, NULL, 'ether_setup', '"eth%d"'),
	('alloc_etherdev_mq',		'alloc', NULL, NULL, 'ether_setup', '"eth%d"'),
	('devm_alloc_etherdev_mqs',	'alloc', NULL, NULL, 'ether_setup', '"eth%d"'),
	('alloc_candev_mqs',		'alloc', NULL, NULL, 'can_setup', '"can%d"'),
	('alloc_hdlcdev',		'alloc', NULL, NULL, 'hdlc_setup', '"hdlc%d"'),
	('alloc_fddidev',		'alloc', NULL, NULL, 'fddi_setup', '"fddi%d"'),
	('alloc_hippi_dev',		'alloc', NULL, NULL, 'hippi_setup', '"hip%d"'),
	('alloc_ltalkdev',		'alloc', NULL, NULL, 'ltalk_setup', '"lt%d"'),
	('alloc_arcdev',		'alloc', NULL, 1, 'arcdev_setup', NULL),
	('alloc_fcdev',			'alloc', NULL, NULL, 'fc_setup', '"fc%d"'),
	('alloc_irdadev',		'alloc', NULL, NULL, 'irda_device_setup', '"irda%d"'),
	('alloc_trdev',			'alloc', NULL, NULL, 'tr_setup', '"tr%d"'),
	('register_netdev',		'register', NULL, NULL, NULL, NULL),
	('register_netdevice',		'register', NULL, NULL, NULL, NULL),
	('devm_register_netdev',	'register', NULL, NULL, NULL, NULL),
	('register_candev',		'register', NULL, NULL, NULL, NULL),
	('register_hdlc_device',	'register', NULL, NULL, NULL, NULL);

-- Where a transmitted packet leaves the CPU: the doorbell (a register
-- write, a virtqueue kick) and the DMA mapping of its data.
CREATE TABLE xmit_exit (
	name		TEXT PRIMARY KEY,
	kind		TEXT NOT NULL		-- doorbell, dma_map
);
INSERT INTO xmit_exit(name, kind) VALUES
	('writel', 'doorbell'), ('writel_relaxed', 'doorbell'), ('writeq', 'doorbell'),
	('writeq_relaxed', 'doorbell'), ('writew', 'doorbell'), ('writeb', 'doorbell'),
	('iowrite32', 'doorbell'), ('iowrite16', 'doorbell'), ('__raw_writel', 'doorbell'),
	('outl', 'doorbell'), ('outw', 'doorbell'), ('outb', 'doorbell'),
	('virtqueue_kick', 'doorbell'), ('virtqueue_notify', 'doorbell'),
	('virtqueue_kick_prepare', 'doorbell'),
	('dma_map_single', 'dma_map'), ('dma_map_single_attrs', 'dma_map'),
	('dma_map_page', 'dma_map'), ('dma_map_page_attrs', 'dma_map'),
	('skb_frag_dma_map', 'dma_map'), ('dma_map_sg', 'dma_map'), ('dma_map_sg_attrs', 'dma_map'),
	('virtqueue_add_outbuf', 'dma_map'), ('virtqueue_add_sgs', 'dma_map');

-- A hardware driver's xmit stops its queue when the ring is full: the
-- packets wait (or the next one is refused with NETDEV_TX_BUSY). drop_site
-- gains kind 'stop' for those calls.
DROP VIEW drop_site;
CREATE VIEW drop_site AS
SELECT c.caller_id AS func_id, 'free' AS kind, coalesce(c.macro, ce.name) AS what,
       ce.name AS callee, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name IN ('kfree_skb', 'kfree_skb_reason', 'sk_skb_reason_drop', 'kfree_skb_list',
		  'kfree_skb_list_reason')
   OR ce.name LIKE 'dev\_kfree\_skb%' ESCAPE '\'
   OR c.macro LIKE 'dev\_kfree\_skb%' ESCAPE '\'
UNION ALL
SELECT r.func_id, 'return', r.expr, NULL, r.file_id, r.line, r.guard
FROM ret r
WHERE r.expr IN ('NET_RX_DROP', 'NETDEV_TX_BUSY')
UNION ALL
SELECT c.caller_id, 'counter', ce.name || '(' || coalesce(json_extract(c.args, '$[0].text'), '') || ')',
       ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name LIKE '%\_dropped\_inc' ESCAPE '\'
   OR (ce.name LIKE 'atomic%\_inc' ESCAPE '\' AND c.args LIKE '%drop%')
UNION ALL
SELECT a.func_id, 'counter', a.struct || '.' || a.field || a.op, NULL, a.file_id, a.line, NULL
FROM assign a
WHERE a.op IN ('++', '+=') AND a.field LIKE '%drop%'
UNION ALL
SELECT c.caller_id, 'stop', coalesce(c.macro, ce.name), ce.name, c.file_id, c.line, c.guard
FROM call c JOIN sym ce ON ce.id = c.callee_id
WHERE ce.name IN ('netif_stop_queue', 'netif_tx_stop_queue', 'netif_stop_subqueue',
		  'netif_tx_stop_all_queues', 'netif_subqueue_try_stop', 'netif_txq_try_stop')
   OR c.macro IN ('netif_subqueue_maybe_stop', 'netif_txq_maybe_stop');
