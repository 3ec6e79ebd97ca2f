#!/bin/bash
# index blanks the header function bodies an earlier TU walked out of later
# parses (tool/index/bodies.c), and the facts stay, row for row, those of
# 'index --full-parse' (scripts/compare-views): on the fixture tree, on a
# header written to trip the blanking up, after a re-index and a header edit.
. "$(dirname "$0")/lib.sh"
CMP=$SRC/scripts/compare-views
export NDOSCOPE

cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree

# like_full DB FILES DESCRIPTION: index FILES of $T with --full-parse into
# DB's twin (X.db: X-full.db), then check that DB holds the same facts
like_full() {
	local full=${1%.db}-full.db

	"$NDOSCOPE" --db "$full" index -C "$T" -j 1 --full-parse $2 >/dev/null 2>&1
	if "$CMP" "$full" "$1" >"$TMP/cmp" 2>&1; then
		ok "$3"
	else
		not_ok "$3" "$(grep -A5 -E 'DIFFER|cannot' "$TMP/cmp" | head -30)"
	fi
}

# The fixture tree: every view, outcome, file read and token of a full parse.
WHAT="drivers net stack trip"
run "$NDOSCOPE" --db "$TMP/blank.db" index -C "$T" -j 1 $WHAT
expect_rc 0 "index the fixture tree with bodies blanked"
like_full "$TMP/blank.db" "$WHAT" "fixture tree: the facts of --full-parse"
expect_eq "$(q "$TMP/blank-full.db" "SELECT count(*) FROM tu WHERE blanked > 0")" 0 \
	"--full-parse blanks nothing"
n=$(q "$TMP/blank.db" "SELECT count(*) FROM tu WHERE blanked > 0")
expect_match "$n" '^[1-9][0-9]*$' "TUs after the first read walked header bodies blanked ($n)"
run "$NDOSCOPE" --db "$TMP/blank.db" stats
expect_match "$out" "^  parsed with walked header bodies blanked +$n\$" "stats counts them"

# A header written to trip the blanking up.
mkdir -p "$T/bt"
cat >"$T/include/linux/bodytest.h" <<'EOF'
#ifndef _LINUX_BODYTEST_H
#define _LINUX_BODYTEST_H
int bt_sink(int);

static inline int bt_plain(int x)
{
	/* a comment with a directive at a line start:
#define BT_HIDDEN 1
	 */
	const char *s = "{ not a brace } /* nor a comment";
	char c = '}';	// a '{' in a comment
	return bt_sink(x) + s[0] + c;
}

static inline int bt_directives(int x)
{
#ifdef BT_FAST
	return bt_sink(x);
#else
	return bt_sink(x + 1);
#endif
}

static inline int bt_defines(int x)
{
#define BT_INSIDE 7	/* defined in a body, used after it */
	return bt_sink(x) * BT_INSIDE;
}

static inline int bt_included(int x)
{
#include "bodytest_part.h"
}

#define BT_GEN(name) static inline int name(int x) { return bt_sink(x) - 1; }
BT_GEN(bt_generated)

#ifdef BT_OTHER
static inline int bt_other_config(int x)
{
	return bt_sink(x) * 3;
}
#endif

static inline int bt_after(int x)
{
	return bt_sink(x) + BT_INSIDE + __LINE__;
}
#endif
EOF
echo '	return bt_sink(x) - 2;' >"$T/include/linux/bodytest_part.h"
cat >"$T/bt/a.c" <<'EOF'
#include <linux/bodytest.h>
int bt_a(int x) { return bt_plain(x) + bt_after(x); }
EOF
cat >"$T/bt/b.c" <<'EOF'
#define BT_OTHER
#include <linux/bodytest.h>
int bt_b(int x) { return bt_other_config(x) + BT_INSIDE + bt_included(x); }
EOF
cat >"$T/bt/c.c" <<'EOF'
#include <linux/bodytest.h>
int bt_c(int x) { return bt_directives(x) + bt_defines(x) + bt_generated(x) + __LINE__; }
#ifdef BT_HIDDEN
int bt_hidden(void) { return 1; }	/* only if a blank uncovered the #define */
#endif
EOF
cat >"$T/bt/d.c" <<'EOF'
#include <linux/bodytest.h>
int bt_d(int x) { return bt_plain(x) + ; }
EOF
BT="bt/a.c bt/b.c bt/c.c bt/d.c"
run "$NDOSCOPE" --db "$TMP/bt.db" index -C "$T" -j 1 $BT
expect_match "$out" '^indexed 4, unchanged 0, failed 0, purged 0 in [0-9.]+s \(1 with parse errors: see .ndoscope stats.\) \(1 parsed again\)$' \
	"the TU with a parse error is parsed again in full"
like_full "$TMP/bt.db" "$BT" "a tricky header: the facts of --full-parse"
expect_eq "$(q "$TMP/bt.db" "SELECT count(*), count(body_start), count(body_file) FROM unit_fn")" "$(printf '6\t6\t1')" \
	"the owner records where its 6 bodies are written, one in BT_GEN's #define"
expect_eq "$(q "$TMP/bt.db" "SELECT f.path, t.blanked FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1")" \
	"$(printf 'bt/a.c\t0\nbt/b.c\t5\nbt/c.c\t5\nbt/d.c\t0')" \
	"later TUs read 5 bodies blanked (not the one with an #include); the TU with an error none"
expect_eq "$(q "$TMP/bt.db" "SELECT callee FROM calls WHERE caller = 'bt_other_config'")" "bt_sink" \
	"a definition only another configuration shows is still walked"
expect_eq "$(q "$TMP/bt.db" "SELECT group_concat(caller, ' ') FROM (SELECT caller FROM calls WHERE callee = 'bt_sink' ORDER BY 1)")" \
	"bt_after bt_defines bt_directives bt_generated bt_included bt_other_config bt_plain" \
	"every header function's call is there once"

# Re-indexing one TU: the bodies come from the index.
touch "$T/bt/c.c"
run "$NDOSCOPE" --db "$TMP/bt.db" index -C "$T" -j 1 $BT
expect_match "$out" '^indexed 1, unchanged 3, ' "touching c.c re-indexes it alone"
expect_eq "$(q "$TMP/bt.db" "SELECT t.blanked FROM tu t JOIN file f ON f.id = t.file_id WHERE f.path = 'bt/c.c'")" 5 \
	"re-indexed alone, c.c still reads the bodies blanked"
like_full "$TMP/bt.db" "$BT" "after a re-index: the facts of --full-parse"

# Editing the header: a new version, walked again in full by its first TU.
sed -i 's/return bt_sink(x) \* BT_INSIDE;/return bt_sink(x) * BT_INSIDE + 1;/' "$T/include/linux/bodytest.h"
sed -i '$i static inline int bt_new(int x) { return bt_sink(x); }' "$T/include/linux/bodytest.h"
run "$NDOSCOPE" --db "$TMP/bt.db" index -C "$T" -j 1 $BT
expect_match "$out" '^indexed 4, unchanged 0, ' "editing the header re-indexes every TU"
expect_eq "$(q "$TMP/bt.db" "SELECT f.path, t.blanked FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1")" \
	"$(printf 'bt/a.c\t0\nbt/b.c\t6\nbt/c.c\t6\nbt/d.c\t0')" \
	"the old version's bodies are not used: the first TU walks the new one"
like_full "$TMP/bt.db" "$BT" "after a header edit: the facts of --full-parse"

# A #define in one header that writes function bodies in others (as
# __DECLARE_TRACE does for every TRACE_EVENT): once a header's owner walked
# what it wrote, later TUs read the #define blanked; one that sees it write a
# function in a header no TU has walked yet, or in its own file, is parsed
# again in full, and every body is walked once.
mkdir -p "$T/mb"
cat >"$T/include/linux/mb_macros.h" <<'EOF'
#ifndef _LINUX_MB_MACROS_H
#define _LINUX_MB_MACROS_H
int mb_sink(int);
#define MB_DEFINE(name, k)						\
	static inline int name(int x)					\
	{								\
		return mb_sink(x) * (k);	/* a comment, "a string" */	\
	}								\
	static inline int name##_twice(int x) { return name(name(x)); }
#endif
EOF
printf '#include <linux/mb_macros.h>\nMB_DEFINE(mb_first, 2)\n' >"$T/include/linux/mb_first.h"
printf '#include <linux/mb_macros.h>\nMB_DEFINE(mb_second, 3)\n' >"$T/include/linux/mb_second.h"
printf '#include <linux/mb_first.h>\nint mb_a(int x) { return mb_first_twice(x); }\n' >"$T/mb/a.c"
printf '#include <linux/mb_first.h>\nint mb_b(int x) { return mb_first(x); }\n' >"$T/mb/b.c"
printf '#include <linux/mb_first.h>\n#include <linux/mb_second.h>\nint mb_c(int x) { return mb_second(x); }\n' >"$T/mb/c.c"
printf '#include <linux/mb_first.h>\nMB_DEFINE(mb_local, 4)\nint mb_d(int x) { return mb_local(x) + mb_first(x); }\n' >"$T/mb/d.c"
MB="mb/a.c mb/b.c mb/c.c mb/d.c"
run "$NDOSCOPE" --db "$TMP/mb.db" index -C "$T" -j 1 $MB
expect_match "$out" '^indexed 4, unchanged 0, failed 0, purged 0 in [0-9.]+s \(2 parsed again\)$' \
	"the TU that owns a new header the #define writes in, and the one it writes in, are parsed again, with no #define blanked"
like_full "$TMP/mb.db" "$MB" "a #define writing bodies in other headers: the facts of --full-parse"
expect_eq "$(q "$TMP/mb.db" "SELECT count(*) FROM unit_fn WHERE body_file LIKE 'hdr:include/linux/mb_macros.h#%'")" 4 \
	"the bodies MB_DEFINE writes in mb_first.h and mb_second.h are recorded where its #define spells them"
expect_eq "$(q "$TMP/mb.db" "SELECT f.path, t.blanked FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1")" \
	"$(printf 'mb/a.c\t0\nmb/b.c\t2\nmb/c.c\t0\nmb/d.c\t0')" \
	"b.c reads MB_DEFINE's two bodies blanked; c.c and d.c, parsed again, none"
expect_eq "$(q "$TMP/mb.db" "SELECT group_concat(caller, ' ') FROM (SELECT caller FROM calls WHERE callee = 'mb_sink' ORDER BY 1)")" \
	"mb_first mb_local mb_second" "each function MB_DEFINE writes is walked once"

# The kernel's case of the same, guessed before the parse: a TU whose main
# file includes a <trace/events/...> header no TU has taken yet (e.c), or
# defines CREATE_TRACE_POINTS (g.c), is parsed with no #define blanked from
# the start, so none is parsed twice. f.c, the second to include the trace
# header, reads MB_DEFINE blanked as before.
mkdir -p "$T/include/trace/events"
printf '#include <linux/mb_macros.h>\nMB_DEFINE(mb_event, 5)\n' >"$T/include/trace/events/mb_ev.h"
printf '#include <linux/mb_first.h>\n  #  include <trace/events/mb_ev.h>\nint mb_e(int x) { return mb_event(x); }\n' >"$T/mb/e.c"
printf '#include <linux/mb_first.h>\n#include <trace/events/mb_ev.h>\nint mb_f(int x) { return mb_event_twice(x); }\n' >"$T/mb/f.c"
printf '#define CREATE_TRACE_POINTS\n#include <linux/mb_first.h>\nint mb_g(int x) { return mb_first(x); }\n' >"$T/mb/g.c"
MB2="mb/a.c mb/e.c mb/f.c mb/g.c"
run "$NDOSCOPE" --db "$TMP/mb2.db" index -C "$T" -j 1 $MB2
expect_match "$out" '^indexed 4, unchanged 0, failed 0, purged 0 in [0-9.]+s$' \
	"the first includer of a trace header and a CREATE_TRACE_POINTS TU are parsed once each"
expect_eq "$(q "$TMP/mb2.db" "SELECT f.path, t.blanked FROM tu t JOIN file f ON f.id = t.file_id ORDER BY 1")" \
	"$(printf 'mb/a.c\t0\nmb/e.c\t0\nmb/f.c\t2\nmb/g.c\t0')" \
	"f.c reads MB_DEFINE's two bodies blanked; e.c and g.c none"
like_full "$TMP/mb2.db" "$MB2" "TUs guessed to need the #defines: the facts of --full-parse"

# The same guess when the header is reached through other headers, as
# mac80211's files reach its own trace.h through "driver-ops.h", and
# rtnetlink.c a cleanup class's DEFINE_FREE in <linux/pci.h>: k.c through
# two quoted includes, l.c through two <...> ones. m.c reaches a class
# header only under '#if 0': guessed, though it does not need the #define
# bodies; only the parse's cost. The old guess read the main file alone,
# and parsed k.c and l.c twice.
printf '#include <linux/mb_macros.h>\n#define DEFINE_FREE(name, k) MB_DEFINE(name, k)\n' >"$T/include/linux/mb_free.h"
mkdir -p "$T/mb/drv"
printf '#include <linux/mb_free.h>\nDEFINE_FREE(mb_trace, 7)\n' >"$T/mb/drv/trace.h"
printf '#include "trace.h"\nstatic inline int mb_ops(int x) { return mb_trace(x); }\n' >"$T/mb/drv/ops.h"
printf '#include <linux/mb_first.h>\n#include "drv/ops.h"\nint mb_k(int x) { return mb_ops(x); }\n' >"$T/mb/k.c"
printf '#include <linux/mb_free.h>\n  DEFINE_FREE (mb_cls, 8)\n' >"$T/include/linux/mb_cls.h"
printf '#include <linux/mb_cls.h>\n' >"$T/include/linux/mb_user.h"
printf '#include <linux/mb_first.h>\n#include <linux/mb_user.h>\nint mb_l(int x) { return mb_cls(x); }\n' >"$T/mb/l.c"
printf '#include <linux/mb_free.h>\nDEFINE_FREE(mb_never, 9)\n' >"$T/include/linux/mb_never.h"
printf '#include <linux/mb_first.h>\n#if 0\n#include <linux/mb_never.h>\n#endif\nint mb_m(int x) { return mb_first(x); }\n' >"$T/mb/m.c"
MB3="mb/a.c mb/k.c mb/l.c mb/m.c"
run "$NDOSCOPE" --db "$TMP/mb3.db" index -C "$T" -j 1 $MB3
expect_match "$out" '^indexed 4, unchanged 0, failed 0, purged 0 in [0-9.]+s$' \
	"TUs reaching an unclaimed header that uses DEFINE_FREE through other headers are parsed once each"
expect_eq "$(q "$TMP/mb3.db" "SELECT count(*) FROM unit_fn WHERE body_file LIKE 'hdr:include/linux/mb_macros.h#%' AND key LIKE '%:mb_trace%'")" 2 \
	"the bodies DEFINE_FREE writes in a local trace.h are recorded where MB_DEFINE spells them"
like_full "$TMP/mb3.db" "$MB3" "TUs guessed through their headers: the facts of --full-parse"

# A guessed TU with a parse error is parsed again in full, as any other.
printf '#define CREATE_TRACE_POINTS\n#include <linux/mb_first.h>\nint mb_h(int x) { return mb_first(x) }\n' >"$T/mb/h.c"
run "$NDOSCOPE" --db "$TMP/mb2.db" index -C "$T" -j 1 $MB2 mb/h.c
expect_match "$out" '^indexed 1, unchanged 4, failed 0, purged 0 in [0-9.]+s \(1 with parse errors: see .ndoscope stats.\) \(1 parsed again\)$' \
	"a guessed TU with a parse error is parsed again in full"
like_full "$TMP/mb2.db" "$MB2 mb/h.c" "with it: the facts of --full-parse"

test_done
