#!/usr/bin/env python3
# sql-plans.py DB SQLFILE SECTIONS SMALL: every statement of the named
# sections of SQLFILE (-- name: X), planned against DB with EXPLAIN QUERY
# PLAN (?N bound to 1). Prints each step that reads a whole table, other
# than the SMALL ones (comma-separated names or aliases), and exits 1 if
# there is one: the statements checked run once per TU stored, or once per
# page of the browser, so a whole-table read makes indexing grow with the
# square of the index, or an export of every page.
import re
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
small = set(sys.argv[4].split(','))
body, cur = {}, None
for line in open(sys.argv[2]).read().splitlines():
    m = re.match(r'-- name: (\w+)$', line)
    if m:
        cur = m.group(1)
        body[cur] = []
    elif cur and not line.lstrip().startswith('--'):
        body[cur].append(line)
bad = 0
for name in sys.argv[3].split(','):
    if name not in body:
        sys.exit("sql-plans.py: no section '%s' in '%s'" % (name, sys.argv[2]))
    for stmt in (s.strip() for s in "\n".join(body[name]).split(';')):
        if not stmt:
            continue
        if stmt.upper().startswith('CREATE'):
            db.execute(stmt)	# the temp tables the section itself makes
            continue
        for row in db.execute("EXPLAIN QUERY PLAN " + re.sub(r'\?\d+', '1', stmt)):
            m = re.search(r'\bSCAN (\w+)', row[3])
            if m and m.group(1) not in small and 'CONSTANT ROWS' not in row[3]:
                print("%s: %s, in: %s" % (name, row[3], stmt.splitlines()[0]))
                bad += 1
sys.exit(1 if bad else 0)
