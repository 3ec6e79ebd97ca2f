#!/bin/bash
# The source browser without a browser: 'ndoscope serve' answered with curl
# and 'ndoscope html' read as files, on fixtures/hostile (names, strings and
# comments that try to inject markup and script) and on fixtures/tree.
# Everything from the source or the DB must come out escaped, and no file
# outside the indexed tree may be served.
. "$(dirname "$0")/lib.sh"
HOSTILE=$SRC/fixtures/hostile
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT

# serve DB [ARGS...]: start 'ndoscope serve' on a free loopback port; sets $base
serve() {
	local db=$1
	shift
	serve_log=$TMP/serve.$RANDOM
	serve_told=""
	"$NDOSCOPE" --db "$db" serve --port 0 "$@" >"$serve_log" 2>&1 &
	serve_pid=$!
	pids="$pids $serve_pid"
	for _ in $(seq 100); do
		grep -q '^serving ' "$serve_log" && break
		sleep 0.1
	done
	base=$(sed -n 's|^serving \(http://[^ ]*\)/$|\1|p' "$serve_log")
}

# get PATH: $code, $body, $headers of GET $base/PATH, sent as is (no ../ folding).
# When serve gives no answer or a 5xx, its output (a sanitizer's report, an
# error) is shown once, so that the failure explains itself.
get() {
	code=$(curl -s --path-as-is -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' "$base$1")
	body=$(cat "$TMP/body")
	headers=$(cat "$TMP/headers")
	case $code in
	000 | 5??)
		[ -n "$serve_told" ] && return
		serve_told=1
		if kill -0 "$serve_pid" 2>/dev/null; then
			echo "# GET $1: $code; serve (pid $serve_pid) is running; its output:"
		else
			wait "$serve_pid"
			echo "# GET $1: $code; serve exited with status $?; its output:"
		fi
		sed 's/^/#   /' "$serve_log" | head -n 100
		;;
	esac
}

# The hostile tree, copied so that the test can add symlinks out of it.
cp -r "$HOSTILE" "$TMP/hostile"
echo 'root:x:0:0:outside the tree' >"$TMP/outside.c"
ln -s "$TMP/outside.c" "$TMP/hostile/drivers/net/escape.c"
run "$NDOSCOPE" --db "$TMP/h.db" index -C "$TMP/hostile" drivers
expect_rc 0 "index the hostile tree"

serve "$TMP/h.db"
expect_match "$base" '^http://127\.0\.0\.1:[0-9]+$' "serve binds 127.0.0.1 by default"

# Every page that shows hostile text: nothing of it may come out as markup.
for u in /source/drivers/net/evil.c /source/drivers/net/ /source/include/linux/netdevice.h \
	 "/source/drivers/net/%3Csvg%20onload%3Dalert(1)%3E.h" /fn/evil_xmit /fn/evil_setup \
	 /struct/net_device_ops / "/search?q=evil" "/card/m:NETIF_F_EVIL" "/card/m:EVIL_TITLE" \
	 "/device/%3Cscript%3Ealert('ifname')%3C%2Fscript%3E%25d"; do
	get "$u"
	expect_eq "$code" 200 "GET $u: 200"
	bad=$(printf '%s' "$body" | grep -oE "<script>alert|<script[^>]*>[^<]|<img|<svg onload|<iframe|<[a-z]+ [^>]*onerror=|<a href=\"javascript:" | head -3)
	expect_eq "$bad" "" "GET $u: hostile text is escaped"
done
get /source/drivers/net/evil.c
expect_match "$body" "&lt;/span&gt;&lt;/div&gt;&lt;script&gt;alert\(&#39;string&#39;\)&lt;/script&gt;" \
	"a string literal's markup is shown as text"
expect_match "$body" "&lt;svg onload=alert\(1\)&gt;\.h" "an #include of a hostile file name is shown as text"
expect_match "$headers" "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'" \
	"pages carry a Content-Security-Policy without inline script"
if printf '%s' "$headers" | grep -q "unsafe-inline"; then not_ok "no 'unsafe-inline'"; else ok "no 'unsafe-inline'"; fi
get "/device/%3Cscript%3Ealert('ifname')%3C%2Fscript%3E%25d"
expect_match "$body" "<h1>device &lt;script&gt;alert\(&#39;ifname&#39;\)&lt;/script&gt;%d</h1>" \
	"a device named with markup: its page escapes the name"
get "/search?q=evil_"
expect_eq "$(printf '%s' "$body" | python3 -c 'import json,sys; print(" ".join(sorted(e["n"] for e in json.load(sys.stdin))))')" \
	"evil_init evil_netdev_ops evil_setup evil_xmit" "search is JSON, by prefix"
get "/card/m:NETIF_F_EVIL"
expect_match "$body" "&quot;&gt;&lt;img src=x onerror=alert\(&#39;flag-doc&#39;\)&gt;" "a flag's doc is escaped in its card"

# Only files of the indexed tree.
for u in /source/../Makefile /source/%2e%2e/%2e%2e/%2e%2e/etc/passwd /source/drivers/..%2f..%2fMakefile \
	 /source/drivers/%2e%2e/Makefile /source//etc/passwd /source/%2fetc%2fpasswd \
	 "/source/$TMP/outside.c" /source/drivers/net/escape.c /source/Makefile \
	 /source/drivers/net/./evil.c /static/../page.html /static/%2e%2e/tool/sql/html.sql /nowhere; do
	get "$u"
	expect_eq "$code" 404 "GET $u: 404"
	if printf '%s' "$body" | grep -q "root:x:0"; then not_ok "GET $u: nothing outside the tree"; fi
done
# A file indexed and then replaced by a symlink out of the tree is not followed.
rm "$TMP/hostile/drivers/net/evil.c"
ln -s "$TMP/outside.c" "$TMP/hostile/drivers/net/evil.c"
get /source/drivers/net/evil.c
expect_eq "$code" 404 "an indexed file turned into a symlink out of the tree: 404"
rm "$TMP/hostile/drivers/net/evil.c"
cp "$HOSTILE/drivers/net/evil.c" "$TMP/hostile/drivers/net/evil.c"
get /static/app.js
expect_eq "$code" 200 "the script is a file: /static/app.js"
expect_match "$headers" "Content-Type: text/javascript" "served as JavaScript"

# The static export of the hostile tree.
run "$NDOSCOPE" --db "$TMP/h.db" html -o "$TMP/hx"
expect_rc 0 "html exports the hostile tree"
expect_match "$out" "^wrote [0-9]+ pages \(7 source files\)" "html: one line, the pages written"
files=$(cd "$TMP/hx" && find . -type f | sort | tr '\n' ' ')
expect_match "$files" "\./source/drivers/net/<svg onload=alert\(1\)>\.h\.html" "a hostile file name is a page"
expect_match "$files" "\./fn/evil_xmit\.html .*\./search-index\.js .*\./static/app\.js" "function pages, the search index, the script"
bad=$(grep -rlE "<script>alert|<img|<svg onload|<[a-z]+ [^>]*onerror=|<a href=\"javascript:" "$TMP/hx" | head -3)
expect_eq "$bad" "" "no exported page carries hostile markup"
expect_match "$(cat "$TMP/hx/search-index.js")" '^window\.ndoscopeSearchIndex = \[' "the search index is a script assigning data"
expect_match "$(cat "$TMP/hx/search-index.js")" '"n":"net_device_ops.ndo_start_xmit","k":"field","u":"struct/net_device_ops.html#ndo_start_xmit"' \
	"the export's search index holds the fields"
if grep -q '</script>' "$TMP/hx/search-index.js"; then not_ok "the search index escapes <"; else ok "the search index escapes <"; fi
expect_match "$(cat "$TMP/hx/source/drivers/net/evil.c.html")" '<template id="card-m:NETIF_F_EVIL">' \
	"the export embeds the cards the page uses"

# The fixture tree: links, indirect targets, skipped regions, directories.
run "$NDOSCOPE" --db "$TMP/f.db" index -C "$FIXTURE" drivers net
# A page's references and #defines come from its file's units, by rowid
# span, not from a read of all of ref or macro_def (schemas/018 and 021).
if out=$(python3 "$SRC/tests/sql-plans.py" "$TMP/f.db" "$SRC/tool/sql/html.sql" file_marks u 2>&1); then
	ok "a page's references and #defines read no whole table"
else
	not_ok "a page's references and #defines read no whole table" "$out"
fi
serve "$TMP/f.db" -C "$FIXTURE"
get /source/drivers/net/loopback.c
expect_eq "$code" 200 "the fixture's loopback.c"
expect_match "$body" '<a class="fn" href="#L[0-9]+" data-c="s[0-9]+">loopback_xmit</a>' \
	"loopback_ops' loopback_xmit links to its definition"
expect_match "$body" '<a class="fn def" id="d-loopback_xmit" data-c="s[0-9]+" href="../../../fn/loopback_xmit">' \
	"the definition links to the function's page"
field=$(printf '%s' "$body" | grep -o 'data-c="s[0-9]*">ndo_start_xmit<' | head -1 | grep -o 's[0-9][0-9]*')
get "/card/$field"
expect_match "$body" 'field <code>net_device_ops.ndo_start_xmit</code>' "a field's card"
expect_match "$body" 'uses</div><div>1 call, 5 writes</div>' "counts its uses by kind"
get /source/net/core/dev.c
var=$(printf '%s' "$body" | grep -o 'data-c="s[0-9]*">netdev_max_backlog<' | head -1 | grep -o 's[0-9][0-9]*')
get "/card/$var"
expect_match "$body" '^<div class="card-h">variable <code>netdev_max_backlog</code></div><div class="card-s">uses</div><div>1 address taken, 1 read</div>' \
	"a variable's card: its uses, under one heading"
if printf '%s' "$body" | grep -q 'field <code>\|bound to it'; then
	not_ok "a variable's card is not also a field's"
else
	ok "a variable's card is not also a field's"
fi
get /source/include/linux/netdevice.h
expect_match "$body" 'through <code>net_device_ops.ndo_start_xmit</code>: 5 targets' "the indirect call in __netdev_start_xmit"
expect_match "$body" 'dummy_xmit</a> <span class="bound">bound at <a class="at" href="../../../source/drivers/net/dummy.c#L[0-9]+">' \
	"each target with where it was bound"
get /source/drivers/net/
expect_match "$body" 'loopback.c</a> <span class="dim">[0-9]+ functions, a TU' "a directory lists its files"

# The tokens are stored deflated (schemas/011_lex_zlib.sql). A row written
# before that (raw_size NULL, the varints as they were) shows the same page;
# a damaged row shows the text without highlighting.
expect_eq "$(sqlite3 "$TMP/f.db" "SELECT count(raw_size) > count(*) / 2, count(raw_size) = sum(raw_size > length(tokens)) FROM file_lex")" "1|1" \
	"tokens are stored deflated when that makes them smaller"
get /source/drivers/net/loopback.c
deflated=$body
expect_match "$deflated" '<span class="kw">static</span>' "deflated tokens highlight the page"
kill "$serve_pid"
cp "$TMP/f.db" "$TMP/old.db"
python3 - "$TMP/old.db" <<'PY'
import sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
for rowid, tokens in db.execute("SELECT rowid, tokens FROM file_lex WHERE raw_size IS NOT NULL").fetchall():
    db.execute("UPDATE file_lex SET tokens = ?, raw_size = NULL WHERE rowid = ?",
               (zlib.decompress(tokens), rowid))
db.commit()
PY
serve "$TMP/old.db" -C "$FIXTURE"
get /source/drivers/net/loopback.c
expect_eq "$body" "$deflated" "tokens stored as before schema 11: the same page"
kill "$serve_pid"
sqlite3 "$TMP/old.db" "UPDATE file_lex SET tokens = x'78deadbeef', raw_size = 99 WHERE file_id IN (SELECT id FROM file WHERE path = 'drivers/net/loopback.c')"
serve "$TMP/old.db" -C "$FIXTURE"
get /source/drivers/net/loopback.c
expect_eq "$code" 200 "damaged tokens: the page is still shown"
expect_match "$body" 'loopback_xmit' "damaged tokens: with its text"
expect_eq "$(printf '%s' "$body" | grep -c '<span class="kw">')" 0 "damaged tokens: without highlighting"
kill "$serve_pid"
serve "$TMP/f.db" -C "$FIXTURE"
get "/search?q=ndo_start"
expect_match "$body" '"n": ?"net_device_ops.ndo_start_xmit", ?"k": ?"field", ?"u": ?"struct/net_device_ops#ndo_start_xmit"' \
	"search finds a field by its member's name"
get /fn/init_one
expect_match "$body" '2 static functions have this name' "/fn/NAME of a static name defined twice lists both"
get /fn/drivers/net/veth.c:init_one
expect_match "$body" 'Defined at <a class="at" href="../../../source/drivers/net/veth.c#L[0-9]+">' "/fn/FILE:NAME"
get /device/lo
expect_match "$body" '<h1>device lo</h1>' "the device page of lo"
get /fn/loopback_xmit
expect_match "$body" '<div class="graph"><svg' "a function page draws its call graph as SVG"
expect_match "$body" '<a xlink:href="../fn/__netdev_start_xmit"' "whose nodes link to the functions' pages (a caller)"
expect_match "$body" '<a xlink:href="../fn/loopback_xmit"' "and the function itself"
run "$NDOSCOPE" --db "$TMP/f.db" html -C "$FIXTURE" -o "$TMP/fx" drivers/net/loopback.c
expect_rc 0 "html with a PATH"
expect_match "$out" "\(1 source files\)" "PATH limits the source pages"
expect_match "$(cat "$TMP/fx/source/drivers/net/loopback.c.html")" 'href="../../../fn/loopback_xmit.html"' \
	"the export links with .html added"
expect_match "$(cat "$TMP/fx/fn/loopback_xmit.html")" '<a xlink:href="../fn/loopback_xmit.html"' \
	"an exported graph links to exported pages"
if grep -q 'xlink:href="../fn/__netdev_start_xmit' "$TMP/fx/fn/loopback_xmit.html"; then
	not_ok "and not to pages left out of the export"
else
	ok "and not to pages left out of the export"
fi

run "$NDOSCOPE" --db "$TMP/f.db" html -C "$FIXTURE" -o "$TMP/f1" -j 1
expect_rc 0 "html -j 1"
run "$NDOSCOPE" --db "$TMP/f.db" html -C "$FIXTURE" -o "$TMP/f2" -j 2
expect_rc 0 "html -j 2"
expect_eq "$(cd "$TMP/f1" && find . -type f | sort | md5sum)" "$(cd "$TMP/f2" && find . -type f | sort | md5sum)" \
	"two workers write the same files as one"
# Every byte, the drawings' too: cgraph ordered a graph's clusters by the
# address of their names (render/graphviz.c gives it IDs in DOT order), so
# two runs drew the same DOT with its clusters in a different order.
expect_eq "$(diff -r "$TMP/f1" "$TMP/f2" | head -5)" "" "and the same pages, byte for byte, drawings included"
# And an index that stored the same TUs in another order: a symbol's card is
# named on a page by where the page first uses it, not by the symbol's row.
index_reversed "$TMP/f.db" "$TMP/frev.db"
run "$NDOSCOPE" --db "$TMP/frev.db" html -C "$FIXTURE" -o "$TMP/frev" -j 1
expect_eq "$(diff -r "$TMP/f1" "$TMP/frev" | head -5)" "" "an index that stored its TUs in reverse exports the same bytes"
expect_eq "$(find "$TMP/f2" -name '*.html' | wc -l)" "$(echo "$out" | sed -n 's/^wrote \([0-9]*\) pages.*/\1/p')" \
	"every page counted is written"

# A long list of targets is collapsed: nine drivers bind ndo_start_xmit, the
# indirect call in netdev_start_xmit shows six and folds the rest.
mkdir -p "$TMP/many/drivers/net"
(cd "$HOSTILE" && cp -r Makefile Kbuild arch include "$TMP/many/")
{
	echo '#include <linux/netdevice.h>'
	for i in 1 2 3 4 5 6 7 8 9; do
		printf 'static netdev_tx_t x%d_xmit(struct sk_buff *skb, struct net_device *dev)\n{\n\treturn NETDEV_TX_OK;\n}\n' $i
		printf 'static const struct net_device_ops x%d_ops = {\n\t.ndo_start_xmit = x%d_xmit,\n};\n' $i $i
	done
} >"$TMP/many/drivers/net/many.c"
run "$NDOSCOPE" --db "$TMP/m.db" index -C "$TMP/many" drivers
expect_rc 0 "index nine implementations of ndo_start_xmit"
run "$NDOSCOPE" --db "$TMP/m.db" html -o "$TMP/mx"
expect_rc 0 "export them"
page=$(cat "$TMP/mx/source/include/linux/netdevice.h.html")
expect_match "$page" 'through <code>net_device_ops.ndo_start_xmit</code>: 9 targets' "the indirect call lists nine targets"
expect_match "$page" '</ul><details><summary>\+3 more ndo_start_xmit implementations</summary><ul class="tg">' \
	"six shown, three folded behind '+3 more ndo_start_xmit implementations'"
expect_eq "$(printf '%s' "$page" | grep -o 'x[0-9]_xmit</a> <span class="bound">bound at' | wc -l)" 9 \
	"each of the nine with where it was bound"

# serve keeps serving while index writes the same DB.
"$NDOSCOPE" --db "$TMP/f.db" index -C "$FIXTURE" --force drivers net >/dev/null 2>&1 &
ipid=$!
codes=""
for _ in 1 2 3 4 5 6; do
	get /source/drivers/net/veth.c
	codes="$codes$code "
	sleep 0.1
done
wait $ipid
expect_eq "$codes" "200 200 200 200 200 200 " "pages are served while 'index --force' writes"

# A header read twice by its owner (no guard, as trace headers are under
# define_trace.h): its skipped #if ranges are recorded once, as for an
# owner that reads it once.
R=$TMP/twice
mkdir -p "$R"
printf 'int before;\n#ifdef NEVER_DEFINED\nint skipped_a;\n#endif\nint after;\n' >"$R/twice.h"
printf '#include "twice.h"\n#define before before2\n#define after after2\n#include "twice.h"\nint main_fn(void) { return 0; }\n' >"$R/two.c"
printf '#include "twice.h"\nint once_fn(void) { return 0; }\n' >"$R/one.c"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang", "-c", "%s"]}]\n' "$R" "$R/two.c" "$R/two.c" >"$R/two.json"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang", "-c", "%s"]}]\n' "$R" "$R/one.c" "$R/one.c" >"$R/one.json"
"$NDOSCOPE" --db "$TMP/two.db" index -C "$R" -p "$R/two.json" >/dev/null 2>&1
"$NDOSCOPE" --db "$TMP/one.db" index -C "$R" -p "$R/one.json" >/dev/null 2>&1
skipped_of() { sqlite3 "$1" "SELECT x.skipped FROM file_lex x JOIN file f ON f.id = x.file_id WHERE f.path = 'twice.h'"; }
expect_eq "$(skipped_of "$TMP/two.db")" "2-4" "a header read twice: its skipped range once"
expect_eq "$(skipped_of "$TMP/two.db")" "$(skipped_of "$TMP/one.db")" "the same as when its owner reads it once"

# A guarded header with text outside its guard (tracepoint.h: the
# TRACE_EVENT #defines), read twice: the second reading skips the whole
# guarded text, which is not compiled out. Its first reading is recorded.
printf '#ifndef _GUARD_H\n#define _GUARD_H\n#ifdef NEVER_DEFINED\nint skipped_g;\n#endif\n#define GUARD_INNER 1\n#endif\n#define GUARD_OUTSIDE 2\n' >"$R/guard.h"
printf '#include "guard.h"\n#undef GUARD_OUTSIDE\n#include "guard.h"\nint guard_fn(void) { return GUARD_INNER; }\n' >"$R/guard.c"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang", "-c", "%s"]}]\n' "$R" "$R/guard.c" "$R/guard.c" >"$R/guard.json"
"$NDOSCOPE" --db "$TMP/guard.db" index -C "$R" -p "$R/guard.json" >/dev/null 2>&1
expect_eq "$(sqlite3 "$TMP/guard.db" "SELECT x.skipped FROM file_lex x JOIN file f ON f.id = x.file_id WHERE f.path = 'guard.h'")" "3-5" \
	"a guarded header read twice: the ranges of its first reading"
expect_eq "$(sqlite3 "$TMP/guard.db" "SELECT group_concat(m.name || '=' || m.skipped, ' ') FROM (SELECT * FROM macro_def ORDER BY line) m JOIN file f ON f.id = m.file_id WHERE f.path = 'guard.h'")" \
	"_GUARD_H=0 GUARD_INNER=0 GUARD_OUTSIDE=0" "and none of its #defines compiled out"

# Token edges (index/lex.c takes each token's end, line and spelling from
# the text): a comment ending on a directive's line, line splices inside a
# token, between tokens and in a // comment, CRLF and a lone CR, a splice at
# the end of the file. The expected file is what libclang's token extents
# and lines gave before lex.c read them from the text.
L=$TMP/lex
mkdir -p "$L"
cp "$SRC/fixtures/lex/edge.c" "$L/"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang", "-c", "%s"]}]\n' "$L" "$L/edge.c" "$L/edge.c" >"$L/cc.json"
run "$NDOSCOPE" --db "$TMP/lex.db" index -C "$L" -p "$L/cc.json"
expect_rc 0 "index a file of token edges"
python3 "$SRC/tests/lex-tokens.py" "$TMP/lex.db" "$L/edge.c" edge.c >"$TMP/lex.txt" 2>&1
expect_file_eq "$TMP/lex.txt" "$SRC/fixtures/expected/lex/edge.txt" "token edges: each token's bytes, kind and #define line"

# A macro defined twice, once under '#ifndef' after the other (the shape of
# __read_mostly: asm/cache.h, then linux/cache.h's fallback): the page links
# its use to the definition the TU compiles, though the skipped one comes
# first by path.
C=$TMP/mostly
mkdir -p "$C/include/linux"
printf '#define __fx_mostly __attribute__((section(".data.fx")))\n' >"$C/include/linux/compiler_fx.h"
printf '#include <linux/compiler_fx.h>\n#ifndef __fx_mostly\n#define __fx_mostly\n#endif\n' >"$C/include/linux/cache.h"
printf '#include <linux/cache.h>\nint fx_value __fx_mostly;\n' >"$C/m.c"
printf '[{"directory": "%s", "file": "%s", "arguments": ["clang", "-I%s/include", "-c", "%s"]}]\n' \
	"$C" "$C/m.c" "$C" "$C/m.c" >"$C/cc.json"
run "$NDOSCOPE" --db "$TMP/mostly.db" index -C "$C" -p "$C/cc.json"
expect_rc 0 "index a macro defined twice, once compiled out"
expect_eq "$(q "$TMP/mostly.db" "SELECT f.path || ':' || m.line || ':' || m.skipped FROM macro_def m
	JOIN file f ON f.id = m.file_id WHERE m.name = '__fx_mostly' ORDER BY 1")" \
	"$(printf 'include/linux/cache.h:3:1\ninclude/linux/compiler_fx.h:1:0')" \
	"the fallback under #ifndef is recorded as compiled out"
run "$NDOSCOPE" --db "$TMP/mostly.db" html -C "$C" -o "$TMP/mostly-x"
expect_match "$(cat "$TMP/mostly-x/source/m.c.html")" \
	'compiler_fx\.h\.html#L1"' "a use of the macro links to the definition the TU compiles"
if grep -q 'cache\.h\.html#L3"' "$TMP/mostly-x/source/m.c.html"; then
	not_ok "not to the one compiled out"
else
	ok "not to the one compiled out"
fi

# A field copied from another (trip/tcp.c, as 2.6.35's neighbour layer):
# its card and its call sites show what the field read is bound to.
run "$NDOSCOPE" --db "$TMP/trip.db" index -C "$FIXTURE" trip
serve "$TMP/trip.db" -C "$FIXTURE"
get /source/trip/tcp.c
expect_match "$body" 'through <code>neighbour.output</code>: 1 target' "the call through the copied field has its target"
field=$(printf '%s' "$body" | grep -o 'data-c="s[0-9]*">output<' | sed -n 2p | grep -o 's[0-9][0-9]*')
get "/card/$field"
expect_match "$body" 'field <code>neighbour.output</code>.*dev_queue_xmit</a> in arp_direct_ops, copied from neigh_ops.queue_xmit <a class="at" href="/source/trip/tcp.c#L27">' \
	"the copied field's card lists the function bound to the field it copies"

test_done
