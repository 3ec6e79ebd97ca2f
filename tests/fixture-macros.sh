#!/bin/bash
# What a macro body writes is recorded once per place, with the text written
# there: a macro that copies its argument (the size switch of this_cpu_add()
# under NET_INC_STATS) gives one call and one ref, not one per copy; an
# argument, a condition, a right-hand side or a returned expression written
# in a macro's body has the text of the body, not the whole invocation; and a
# macro invoked as an argument keeps its invocation as its text.
. "$(dirname "$0")/lib.sh"

cp -a "$FIXTURE" "$TMP/tree"
T=$TMP/tree
mkdir -p "$T/mt"
cat >"$T/include/linux/mtest.h" <<'EOF2'
#ifndef _LINUX_MTEST_H
#define _LINUX_MTEST_H
struct mt_dev { int hits; int mtu; };
int mt_net(int sk);
void mt_add(int net, int field, int n);
int mt_clamp(int v, int lo, int hi);

/* the argument is copied once per case, as this_cpu_add() does */
#define MT_INC_STATS(net, field) do {				\
	switch (sizeof(int)) {					\
	case 1: mt_add(net, field, 1); break;			\
	case 2: mt_add(net, field, 1); break;			\
	default: mt_add(net, field, 1); break;			\
	}							\
} while (0)

/* a call, a condition and an assignment written in the body */
#define MT_SET_MTU(dev, v) do {					\
	if ((dev)->mtu != (v) && mt_clamp((v), 68,		\
					  65535) > 0)		\
		(dev)->mtu = mt_clamp((v), 68, 0xffff);		\
} while (0)

#define MT_TWICE(x) ((x) * 2)
#define MT_RET(dev) return mt_clamp((dev)->hits, 0, 100)
/* a goto written in a macro to a label written by hand; a label a macro makes */
#define MT_CHECK(v) do { if ((v) < 0) goto fail; } while (0)
#define MT_LABEL(n) n##_made: ;
#endif
EOF2
cat >"$T/mt/m.c" <<'EOF2'
#include <linux/mtest.h>

int mt_count(int sk, struct mt_dev *dev)
{
	MT_INC_STATS(mt_net(sk), 7);
	MT_SET_MTU(dev, 1500);
	mt_add(sk, MT_TWICE(sk), 3);
	dev->hits++;
	MT_RET(dev);
}

int mt_flow(int v)
{
	MT_CHECK(v);
	if (v > 9)
		goto x_made;
	return 0;
	MT_LABEL(x)
	return 1;
fail:
	return -1;
}
EOF2
run "$NDOSCOPE" --db "$TMP/m.db" index -C "$T" mt/m.c
expect_rc 0 "index mt/m.c"

expect_eq "$(q "$TMP/m.db" "SELECT callee, line, count(*) FROM calls WHERE caller = 'mt_count' GROUP BY 1, 2 ORDER BY 2, 1")" \
	"$(printf 'mt_add\t5\t1\nmt_net\t5\t1\nmt_clamp\t6\t2\nmt_add\t7\t1\nmt_clamp\t9\t1')" \
	"one call per place: mt_net once, though the switch copies it three times, and mt_add once"
expect_eq "$(q "$TMP/m.db" "SELECT count(*) FROM refs WHERE name = 'mt_net'")" 1 \
	"one ref to mt_net"
expect_eq "$(q "$TMP/m.db" "SELECT callee, line, arg, text, coalesce(value, '') FROM call_args WHERE caller = 'mt_count' AND callee = 'mt_clamp' ORDER BY 2, 3, 4")" \
	"$(printf 'mt_clamp\t6\t1\t(v)\t1500\nmt_clamp\t6\t1\t(v)\t1500\nmt_clamp\t6\t2\t68\t68\nmt_clamp\t6\t2\t68\t68\nmt_clamp\t6\t3\t0xffff\t65535\nmt_clamp\t6\t3\t65535\t65535\nmt_clamp\t9\t1\t(dev)->hits\t\nmt_clamp\t9\t2\t0\t0\nmt_clamp\t9\t3\t100\t100')" \
	"arguments written in a macro's body: the body's text, a continued line joined; a macro's argument: the text passed"
expect_eq "$(q "$TMP/m.db" "SELECT text FROM call_args WHERE caller = 'mt_count' AND callee = 'mt_add' AND line = 7 ORDER BY arg")" \
	"$(printf 'sk\nMT_TWICE(sk)\n3')" \
	"a macro invoked as an argument: its invocation"
expect_eq "$(q "$TMP/m.db" "SELECT text FROM call_args WHERE caller = 'mt_count' AND callee = 'mt_add' AND line = 5 AND arg = 1")" \
	"mt_net(sk)" "an argument passed to the macro: the text passed"
expect_eq "$(q "$TMP/m.db" "SELECT a.field, a.rhs, a.guard FROM assign a JOIN sym s ON s.id = a.func_id WHERE s.name = 'mt_count' AND a.field = 'mtu'")" \
	"$(printf 'mtu\tmt_clamp((v), 68, 0xffff)\t(dev)->mtu != (v) && mt_clamp((v), 68, 65535) > 0')" \
	"an assignment and its condition in a macro's body: the body's text"
expect_eq "$(q "$TMP/m.db" "SELECT expr FROM returns WHERE function = 'mt_count'")" \
	"mt_clamp((dev)->hits, 0, 100)" "a return in a macro's body: the body's text"
expect_eq "$(q "$TMP/m.db" "SELECT f.kind, f.label, f.line FROM flow f JOIN sym s ON s.id = f.func_id WHERE s.name = 'mt_flow' ORDER BY 3, 1")" \
	"$(printf 'goto\tfail\t14\nlabel\tfail\t20')" \
	"a goto a macro writes to a label written by hand is kept; a label a macro makes, and the goto to it, are not"

test_done
