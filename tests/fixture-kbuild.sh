#!/bin/bash
# Indexing a directory the way kbuild builds it: the fixture FX NIC's
# Makefile (composite object, CONFIG_ conditions, ifeq/else, ccflags-y and
# CFLAGS_foo.o) with fixtures/tree/include/config/auto.conf.
. "$(dirname "$0")/lib.sh"

D=drivers/net/ethernet/fxcorp
DB=$TMP/kb.db

run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" $D
expect_rc 0 "index $D"
expect_match "$out" "^indexed 2, unchanged 0, failed 0, purged 0 in [0-9.]+s; 2 files not built by this configuration \(--all-files indexes them\)$" \
	"the two files of fxnic.o are indexed, fx_ptp.c and fx_old.c are not built"
expect_eq "$(q "$DB" "SELECT f.path FROM tu JOIN file f ON f.id = tu.file_id ORDER BY f.path")" "$D/fx_ethtool.c
$D/fx_main.c" "fxnic-y lists fx_main.o and fx_ethtool.o"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE n_errors > 0")" 0 \
	"ccflags-y's -I\$(src)/include and CFLAGS_fx_main.o reach the compiler: no parse error"

run "$NDOSCOPE" flags -C "$FIXTURE" $D/fx_main.c
expect_match "$out" "\"-I$FIXTURE/$D/include\"" "ccflags-y += -I\$(src)/include, made absolute"
expect_match "$out" "\"-DFX_RING_SIZE=256\"" "CFLAGS_fx_main.o := -DFX_RING_SIZE=256"
expect_match "$out" 'KBUILD_MODNAME=..fxnic' "KBUILD_MODNAME is the composite module's name"

expect_match "$out" '"-DMODULE"' "CONFIG_FXNIC=m: fxnic.o is in obj-m, so its files get -DMODULE"

run "$NDOSCOPE" flags -C "$FIXTURE" $D/fx_ethtool.c
expect_match "$out" '"-DMODULE"' "-DMODULE reaches every part of the composite module"
if printf '%s\n' "$out" | grep -q FX_RING_SIZE; then
	not_ok "CFLAGS_fx_main.o is for fx_main.o only" "$out"
else
	ok "CFLAGS_fx_main.o is for fx_main.o only"
fi

run "$NDOSCOPE" flags -C "$FIXTURE" $D/fx_old.c
if printf '%s\n' "$out" | grep -q -- -DMODULE; then
	not_ok "a file no obj-m lists gets no -DMODULE" "$out"
else
	ok "a file no obj-m lists gets no -DMODULE"
fi

# A file named explicitly is indexed, built or not.
run "$NDOSCOPE" --db "$DB" index -C "$FIXTURE" $D/fx_old.c
expect_match "$out" "^indexed 1, unchanged 0, failed 0, purged 0 in [0-9.]+s$" "a file named explicitly is indexed"

# --all-files: every .c, as before, and without the Makefile's flags for
# the files it does not build, fx_ptp.c does not find fx_hw.h.
run "$NDOSCOPE" --db "$TMP/all.db" index --all-files -C "$FIXTURE" $D
expect_match "$out" "^indexed 4, unchanged 0, failed 0, purged 0 in [0-9.]+s" "--all-files indexes all four"

# Sources in a subdirectory without a Makefile (hns3's hns3_common/): the
# Makefile above lists them with their directory, and its ccflags-y and
# module reach them, named one by one or as their directory.
S=drivers/net/ethernet/fxsplit
run "$NDOSCOPE" flags -C "$FIXTURE" $S/core/fxs_core.c
expect_match "$out" "\"-I$FIXTURE/$S/common\"" "a file in core/ gets the -I of the Makefile above it"
expect_match "$out" 'KBUILD_MODNAME=..fxsplit' "and the name of the module that Makefile links it into"
expect_match "$out" '"-DMODULE"' "and -DMODULE, as part of an obj-m object"
run "$NDOSCOPE" --db "$TMP/split.db" index -C "$FIXTURE" $S/core/fxs_core.c $S/common
expect_match "$out" "^indexed 2, unchanged 0, failed 0, purged 0 in [0-9.]+s$" \
	"the file in core/ and the directory common/ are indexed"
expect_eq "$(q "$TMP/split.db" "SELECT f.path || ' ' || tu.n_errors FROM tu JOIN file f ON f.id = tu.file_id ORDER BY f.path")" \
	"$S/common/fxs_lib.c 0
$S/core/fxs_core.c 0" "both parse: each finds the other directory's header"
run "$NDOSCOPE" --db "$TMP/split.db" index -C "$FIXTURE" $S
expect_match "$out" "^indexed 0, unchanged 2, failed 0, purged 0 in [0-9.]+s$" \
	"indexing the driver's directory gives the same two TUs the same flags"

test_done
