#!/usr/bin/env python3
# lex-tokens.py DB FILE PATH: the browser's tokens of PATH as the index holds
# them (schemas/004_source.sql, 011_lex_zlib.sql), one per line: start, end,
# kind and the bytes of FILE they cover; then the #defines recorded for it.
import sqlite3
import sys
import zlib

db = sqlite3.connect(sys.argv[1])
text = open(sys.argv[2], 'rb').read()
row = db.execute("SELECT tokens, raw_size FROM file_lex x JOIN file f ON f.id = x.file_id "
                 "WHERE f.path = ?", (sys.argv[3],)).fetchone()
if row is None:
    sys.exit("lex-tokens.py: no tokens for '%s'" % sys.argv[3])
tokens = zlib.decompress(row[0]) if row[1] is not None else row[0]
vals, v, shift = [], 0, 0
for b in tokens:
    v |= (b & 0x7f) << shift
    shift += 7
    if not b & 0x80:
        vals.append(v)
        v, shift = 0, 0
pos = 0
for i in range(0, len(vals), 3):
    start = pos + vals[i]
    end = start + vals[i + 1]
    print(start, end, vals[i + 2], repr(text[start:end].decode()))
    pos = end
for name, line in db.execute("SELECT m.name, m.line FROM macro_def m JOIN file f ON f.id = m.file_id "
                             "WHERE f.path = ? ORDER BY 2, 1", (sys.argv[3],)):
    print("define", name, line)
