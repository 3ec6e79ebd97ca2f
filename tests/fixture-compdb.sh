#!/bin/bash
# A gcc build's compile_commands.json, with the flags clang does not take,
# gives the same facts as flags synthesized from the configured tree.
. "$(dirname "$0")/lib.sh"

T=$TMP/tree
cp -r "$FIXTURE" "$T"
gccflags="-Wp,-MMD,drivers/net/.x.o.d -nostdinc -I./arch/x86/include -I./arch/x86/include/generated -I./include \
-I./arch/x86/include/uapi -I./arch/x86/include/generated/uapi -I./include/uapi -I./include/generated/uapi \
-include ./include/linux/compiler-version.h -include ./include/linux/kconfig.h -include ./include/linux/compiler_types.h \
-D__KERNEL__ -std=gnu11 -fshort-wchar -funsigned-char -fno-common -fno-PIE -fno-strict-aliasing \
-mindirect-branch=thunk-extern -mindirect-branch-register -mindirect-branch-cs-prefix -mfunction-return=thunk-extern \
-fconserve-stack -mpreferred-stack-boundary=3 -Wimplicit-fallthrough=5 -mrecord-mcount -fno-allow-store-data-races \
-mskip-rax-setup -fno-ipa-sra -fmin-function-alignment=16 -mharden-sls=all --param=allow-store-data-races=0 -Werror \
-m64 -mno-red-zone -mcmodel=kernel"
{
	echo "["
	sep=""
	for f in drivers/net/loopback.c drivers/net/dummy.c drivers/net/veth.c drivers/net/broken.c drivers/net/nlmon.c net/core/dev.c; do
		base=$(basename "$f" .c)
		printf '%s {"directory": "%s", "file": "%s",\n  "command": "gcc %s -DKBUILD_MODFILE='"'"'\\"%s\\"'"'"' -DKBUILD_BASENAME='"'"'\\"%s\\"'"'"' -DKBUILD_MODNAME='"'"'\\"%s\\"'"'"' -c -o %s %s"}\n' \
			"$sep" "$T" "$f" "$gccflags" "${f%.c}" "$base" "$base" "${f%.c}.o" "$f"
		sep=","
	done
	echo "]"
} >"$T/compile_commands.json"

python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/compile_commands.json" ||
	not_ok "the generated compile_commands.json is valid JSON"

DB=$TMP/cc.db
run "$NDOSCOPE" --db "$DB" index -C "$T"
expect_rc 0 "index from TREE/compile_commands.json"
expect_match "$out" "^indexed 6, unchanged 0, failed 0, purged 0 in .* \(1 with parse errors" \
	"every entry parses; only broken.c has its error"
expect_eq "$(q "$DB" "SELECT count(*) FROM tu WHERE n_errors > 0 AND file_id IN (SELECT id FROM file WHERE path != 'drivers/net/broken.c')")" 0 \
	"no gcc-only flag reaches libclang as an error"

for v in functions calls bindings ops_tables fn_args assignments flags; do
	dump_view "$DB" "$v" >"$TMP/$v.tsv"
	expect_file_eq "$TMP/$v.tsv" "$EXPECTED/$v.tsv" "compile_commands.json: view $v matches the golden file"
done

# -p names a database elsewhere; FILE arguments restrict it.
mv "$T/compile_commands.json" "$TMP/cc.json"
run "$NDOSCOPE" --db "$TMP/p.db" index -C "$T" -p "$TMP/cc.json" drivers/net/loopback.c
expect_match "$out" "^indexed 1, " "-p with a FILE indexes that one TU"
expect_eq "$(q "$TMP/p.db" "SELECT count(*) FROM ops_tables WHERE name = 'loopback_ops'")" 1 \
	"and finds its ops table"

# 'ndoscope flags' prints the commands index uses; fed back with -p they
# give the same facts.
run "$NDOSCOPE" flags -C "$FIXTURE" drivers net
expect_rc 0 "flags prints the compile commands"
printf '%s\n' "$out" >"$TMP/flags.json"
expect_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/flags.json")" 6 \
	"one command per TU"
run "$NDOSCOPE" --db "$TMP/rt.db" index -C "$FIXTURE" -p "$TMP/flags.json"
expect_match "$out" "^indexed 6, " "index -p with the printed commands"
for v in functions calls bindings; do
	dump_view "$TMP/rt.db" "$v" >"$TMP/rt-$v.tsv"
	expect_file_eq "$TMP/rt-$v.tsv" "$EXPECTED/$v.tsv" "flags round trip: view $v matches the golden file"
done

# A header reached through a link is stored under the path it resolves to,
# whether the link is the file or a directory above it (index keeps each
# directory's resolution: index/realpath_cache.c).
L=$TMP/linked
cp -r "$FIXTURE" "$L"
mv "$L/include/net" "$L/include/net-real"
ln -s net-real "$L/include/net"
mv "$L/include/linux/skbuff.h" "$L/include/linux/skbuff-real.h"
ln -s skbuff-real.h "$L/include/linux/skbuff.h"
run "$NDOSCOPE" --db "$TMP/linked.db" index -C "$L" net/core/dev.c
expect_match "$out" "^indexed 1, " "index a tree whose headers are reached through links"
expect_eq "$(q "$TMP/linked.db" "SELECT group_concat(path, ' ') FROM (SELECT path FROM file WHERE path LIKE 'include/net%' OR path LIKE 'include/linux/skbuff%' ORDER BY path)")" \
	"include/linux/skbuff-real.h include/net-real/net_namespace.h include/net-real/sock.h" \
	"each linked header is stored under its real path, never the link's"
dump_view "$TMP/linked.db" functions | sed 's|include/linux/skbuff-real\.h|include/linux/skbuff.h|; s|include/net-real/|include/net/|' >"$TMP/linked-functions.tsv"
run "$NDOSCOPE" --db "$TMP/plain.db" index -C "$FIXTURE" net/core/dev.c
dump_view "$TMP/plain.db" functions >"$TMP/plain-functions.tsv"
expect_file_eq "$TMP/linked-functions.tsv" "$TMP/plain-functions.tsv" \
	"the same functions as the tree without links, by the real paths"

test_done
