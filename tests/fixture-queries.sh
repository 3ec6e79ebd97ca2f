#!/bin/bash
# callers, callees, path, impl, ops, refs and query on the fixture tree:
# exact text and --json outputs, and the errors for names that do not resolve.
# Regenerate after a deliberate change with: UPDATE_EXPECTED=1 ctest -R fixture-queries
. "$(dirname "$0")/lib.sh"

DB=$TMP/fx.db
"$NDOSCOPE" --db "$DB" index -C "$FIXTURE" drivers net >/dev/null 2>&1
GOLD=$EXPECTED/cli

# golden NAME ARGS...: stdout (and the exit code, when not 0) against GOLD/NAME
goldens() {
	golden "$GOLD" callers-loopback_xmit.txt callers loopback_xmit
	golden "$GOLD" callers-loopback_xmit.json callers loopback_xmit --json
	golden "$GOLD" callers-enqueue_to_backlog-d4.txt callers enqueue_to_backlog --depth 4
	golden "$GOLD" callees-alloc_netdev_mqs.txt callees alloc_netdev_mqs
	golden "$GOLD" callees-free_netdev.txt callees free_netdev
	golden "$GOLD" callees-netif_rx_indirect-types.txt callees netif_rx_indirect --include-type-matches
	golden "$GOLD" path-loopback.txt path __dev_queue_xmit enqueue_to_backlog --via loopback_xmit
	golden "$GOLD" path-loopback.json path __dev_queue_xmit enqueue_to_backlog --via loopback_xmit --json
	golden "$GOLD" path-k3.txt path dev_queue_xmit enqueue_to_backlog -k 3
	golden "$GOLD" path-param-context.txt path blackhole_netdev_init gen_lo_setup
	golden "$GOLD" impl-ndo_start_xmit.txt impl net_device_ops.ndo_start_xmit
	golden "$GOLD" impl-ndo_start_xmit.json impl net_device_ops.ndo_start_xmit --json
	golden "$GOLD" impl-priv_destructor.txt impl priv_destructor
	golden "$GOLD" ops-all.txt ops
	golden "$GOLD" ops-loopback_ops.txt ops loopback_ops
	golden "$GOLD" ops-net_device_ops.json ops net_device_ops --json
	golden "$GOLD" refs-loopback_dev.txt refs net.loopback_dev
	golden "$GOLD" refs-netdev_max_backlog.json refs netdev_max_backlog --json
	golden "$GOLD" query-tx-busy.txt query tx-busy
	golden "$GOLD" query-drops-from.txt query drops-from -P from=__dev_queue_xmit
	golden "$GOLD" query-ops-missing.txt query ops-missing -P struct=net_device_ops -P field=ndo_init
	golden "$GOLD" query-setup-of.tsv query setup-of -P function=gen_lo_setup --tsv
	golden "$GOLD" query-decode-features.txt query decode-features -P value=25
	golden "$GOLD" query-static-collisions.txt query static-collisions
	golden "$GOLD" query-list.txt query --list
}
goldens

# The same answers from an index that stored the TUs one at a time, in the
# opposite order: a header is then walked by another TU, and -j 2 stores
# them in any order. Nothing a command prints may depend on that.
goldens_reversed

# Every JSON output parses.
for f in "$GOLD"/*.json; do
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$f" 2>/dev/null; then
		ok "$(basename "$f") is valid JSON"
	else
		not_ok "$(basename "$f") is valid JSON"
	fi
done

# A parameter hop follows the function passed at the call site the path came
# through: blackhole_netdev_init passes blackhole_netdev_setup to
# alloc_netdev_mqs, so no path leads from it to loopback_setup.
run "$NDOSCOPE" --db "$DB" path blackhole_netdev_init loopback_setup
expect_rc 1 "a parameter hop is context-sensitive in paths"
run "$NDOSCOPE" --db "$DB" path loopback_net_init loopback_setup
expect_eq "$out" "drivers/net/loopback.c:108: loopback_net_init -> alloc_netdev_mqs [direct]
net/core/dev.c:142: alloc_netdev_mqs -> loopback_setup [param param:4, passed at drivers/net/loopback.c:108]" \
	"and follows the function its caller passed"

# Names that do not resolve: one clear message, a non-zero exit.
expect_error "unknown function: says so and suggests close names" \
	"no function named 'loopback_xmt' in the index; did you mean 'loopback_xmit', 'loopback_init', 'loopback_setup'?" \
	callers loopback_xmt
# A plain name that is a field's own name, or ends in one: 6.9 made the
# global netdev_max_backlog the field net_hotdata.max_backlog.
expect_error "a field's own name: suggests the field first" \
	"no function, global or field named 'ndo_start_xmit' in the index; did you mean 'net_device_ops.ndo_start_xmit', 'netdev_start_xmit'?" \
	refs ndo_start_xmit
expect_error "a global's name ending in a field's: suggests the field" \
	"no function, global or field named 'dev_max_mtu' in the index; did you mean 'net_device.max_mtu', 'dev_get_mtu', 'dev_set_mtu'?" \
	refs dev_max_mtu
# A function the index has a declaration of only: no location to give.
run "$NDOSCOPE" --db "$DB" callees bad_size_like
expect_eq "$rc:$err" "0:bad_size_like (declared only) has no callees in the index" \
	"callees of a function declared only: says so, with no '?:0:'"
# Names as C writes them: 'struct S->f' and 'S->f' are S.f; a variable's
# 'dev->mtu' suggests the fields of that name, the most used first.
run "$NDOSCOPE" --db "$DB" refs 'struct net_device->mtu'
expect_match "$out" "write net_device.mtu in gen_lo_setup" "refs takes 'struct net_device->mtu'"
expect_eq "$out" "$("$NDOSCOPE" --db "$DB" refs net_device.mtu)" "and answers as for net_device.mtu"
run "$NDOSCOPE" --db "$DB" impl 'net_device_ops->ndo_start_xmit'
expect_match "$out" "loopback_xmit \(loopback_ops" "impl takes 'net_device_ops->ndo_start_xmit'"
expect_eq "$out" "$("$NDOSCOPE" --db "$DB" impl net_device_ops.ndo_start_xmit)" "and answers as for net_device_ops.ndo_start_xmit"
expect_error "a field through a variable: suggests the fields of its name" \
	"no function, global or field named 'dev.mtu' in the index; did you mean 'net_device.mtu'?" \
	refs 'dev->mtu'
# A field or a macro where a function was asked for: what it is, and where to look.
expect_error "callers of a field: says it is one and names impl and refs" \
	"'net_device_ops.ndo_start_xmit' is a field, not a function: 'impl net_device_ops.ndo_start_xmit' lists the functions bound to it, 'refs net_device_ops.ndo_start_xmit' every use of it and call through it" \
	callers net_device_ops.ndo_start_xmit
expect_error "refs of a macro: where it is defined, what its uses call, and where to look" \
	"'alloc_netdev' is a macro (#define at include/linux/netdevice.h:153); its uses call 'alloc_netdev_mqs': 'callers alloc_netdev' lists the calls written with it" \
	refs alloc_netdev
expect_error "callers of a macro no call is written with: says so" \
	"'likely' is a macro (#define at include/linux/compiler_types.h:14): ndoscope records what a macro expands to, not its uses" \
	callers likely
# callers of a macro: the calls written with its name, each to the function
# the expansion calls there.
run "$NDOSCOPE" --db "$DB" callers alloc_netdev
expect_eq "$out" "drivers/net/dummy.c:53: init_one -> alloc_netdev_mqs [macro alloc_netdev]
drivers/net/loopback.c:108: loopback_net_init -> alloc_netdev_mqs [macro alloc_netdev]
drivers/net/loopback.c:158: blackhole_netdev_init -> alloc_netdev_mqs [macro alloc_netdev]
drivers/net/veth.c:53: veth_init -> alloc_netdev_mqs [macro alloc_netdev]
drivers/net/veth.c:55: veth_init -> alloc_netdev_mqs [macro alloc_netdev]" "callers of a macro: the calls written with it"
run "$NDOSCOPE" --db "$DB" callers dev_kfree_skb --depth 2
expect_match "$out" "dummy_xmit -> consume_skb \[macro dev_kfree_skb\]" "callers of a macro, --depth 2: the first level"
expect_match "$out" "
[^ ]+:[0-9]+:   [a-z_]+ -> dummy_xmit \[field net_device_ops.ndo_start_xmit" "and the callers of its callers"
run "$NDOSCOPE" --db "$DB" callees init_one
expect_nonzero "ambiguous static name: non-zero exit"
expect_eq "$err" "error: 'init_one' is defined in 2 places; name one as FILE:init_one:
  drivers/net/dummy.c:48: init_one
  drivers/net/veth.c:32: init_one" "ambiguous static name: lists the candidates"
run "$NDOSCOPE" --db "$DB" callees drivers/net/veth.c:init_one
expect_rc 0 "FILE:NAME chooses one"
expect_eq "$out" "drivers/net/veth.c:34: init_one -> netdev_priv [direct]" "and gives its callees"
run "$NDOSCOPE" --db "$DB" callees veth.c:init_one
expect_rc 0 "a FILE suffix is enough"
run "$NDOSCOPE" --db "$DB" path loopback_xmit dev_queue_xmit --max-depth 5
expect_rc 1 "no path: exit code 1"
expect_match "$err" "^no path from loopback_xmit to dev_queue_xmit within 5 calls \(searched [0-9]+ functions in [0-9]+ ms\)$" \
	"no path: says how far it looked"
run "$NDOSCOPE" --db "$DB" impl net_device_ops.ndo_frob
expect_nonzero "unknown field: non-zero exit"
expect_match "$err" "^error: no field 'net_device_ops.ndo_frob' in the index" "unknown field: says so"
run "$NDOSCOPE" --db "$DB" ops no_such_ops
expect_match "$err" "^error: no ops table or struct named 'no_such_ops' in the index" "unknown ops table: says so"
run "$NDOSCOPE" --db "$DB" query no-such-query
expect_eq "$err" "error: no query named 'no-such-query': 'ndoscope query --list' lists them" "unknown query: says so"
run "$NDOSCOPE" --db "$DB" query ops-missing -P nosuch=1
expect_match "$err" "^error: the query has no parameter 'nosuch'" "unknown query parameter: says so"

# Hostile names reach SQL as bound values, never as SQL.
n_func=$(q "$DB" "SELECT count(*) FROM func")
run "$NDOSCOPE" --db "$DB" callers "x' OR '1'='1"
expect_match "$err" "^error: no function named 'x' OR '1'='1' in the index" "a quote in a name is just a character"
expect_eq "$(q "$DB" "SELECT count(*) FROM func")" "$n_func" "and the index is untouched"
run "$NDOSCOPE" --db "$DB" refs "net_device.mtu'; DROP TABLE func; --"
expect_nonzero "a hostile refs name is just a name"
expect_eq "$(q "$DB" "SELECT count(*) FROM func")" "$n_func" "and func is still there"

# The named queries also run under sqlite3 with parameters.
got=$(sqlite3 -cmd ".parameter set :function gen_lo_setup" -separator '|' "$DB" <"$SRC/queries/setup-of.sql" | head -1)
expect_eq "$got" "net_device.mtu|mtu||2|drivers/net/loopback.c|78" "queries/setup-of.sql runs under sqlite3"

test_done
