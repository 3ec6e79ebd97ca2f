#!/usr/bin/env python3
"""defconfig-objs.py TREE DIR...: the .c files a configured kernel tree
builds under each DIR, read from the kbuild Makefiles and TREE/.config.

A reading of kbuild, not kbuild: it follows `obj-y`, `obj-m`,
`obj-$(CONFIG_X)` (X set to y or m) and `lib-y`, descends into `dir/`
entries, and expands composite objects (`foo-y`, `foo-objs`,
`foo-$(CONFIG_X)`). It skips `ifeq`/`ifdef` blocks' conditions (both
branches are read) and anything computed with $(...) functions. Good enough
to count and list TUs for a benchmark; printed one path per line, relative
to TREE, for the .c files that exist.
"""
import os
import re
import sys

tree = sys.argv[1]
config = {}
with open(os.path.join(tree, ".config")) as f:
    for line in f:
        m = re.match(r"(CONFIG_\w+)=(.*)", line)
        if m:
            config[m.group(1)] = m.group(2).strip('"')


def expand(s):
    """$(CONFIG_X) -> y/m/''; other $(...) left as they are."""
    return re.sub(r"\$\((CONFIG_\w+)\)", lambda m: config.get(m.group(1), ""), s)


def logical_lines(path):
    with open(path, errors="replace") as f:
        buf = ""
        for line in f:
            line = line.rstrip("\n")
            if line.endswith("\\"):
                buf += line[:-1] + " "
                continue
            yield (buf + line).split("#", 1)[0]
            buf = ""


def read_makefile(d):
    """{var: [words]} for the assignments of DIR's Makefile (or Kbuild)."""
    vars_ = {}
    for name in ("Kbuild", "Makefile"):
        p = os.path.join(tree, d, name)
        if os.path.exists(p):
            break
    else:
        return vars_
    for line in logical_lines(p):
        m = re.match(r"\s*([\w$().-]+)\s*(:=|\+=|=)\s*(.*)", line)
        if not m:
            continue
        var = expand(m.group(1))
        words = [w for w in m.group(3).split() if "$(" not in w or "CONFIG_" in w]
        words = [expand(w) for w in words]
        if m.group(2) == "+=":
            vars_.setdefault(var, []).extend(words)
        else:
            vars_[var] = words
    return vars_


seen = set()
out = []


def objs_of(d, vars_, obj, depth=0):
    """The .c files of OBJ (foo.o) in DIR: itself, or its composite parts."""
    base = obj[:-2]
    parts = vars_.get(base + "-y", []) + vars_.get(base + "-objs", []) + vars_.get(base + "-m", [])
    if parts and depth < 4:
        for p in parts:
            if p.endswith(".o") and p != obj:
                objs_of(d, vars_, p, depth + 1)
        return
    c = os.path.normpath(os.path.join(d, base + ".c"))
    if c not in seen and os.path.exists(os.path.join(tree, c)):
        seen.add(c)
        out.append(c)


def walk(d):
    vars_ = read_makefile(d)
    for var in ("obj-y", "obj-m", "lib-y"):
        for w in vars_.get(var, []):
            if w.endswith("/"):
                sub = os.path.normpath(os.path.join(d, w))
                if os.path.isdir(os.path.join(tree, sub)):
                    walk(sub)
            elif w.endswith(".o"):
                objs_of(d, vars_, w)


for d in sys.argv[2:]:
    walk(d.rstrip("/"))
for c in out:
    print(c)
