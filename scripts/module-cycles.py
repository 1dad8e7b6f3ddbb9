#!/usr/bin/env python3
"""Module dependency cycles inside one crate: scripts/module-cycles.py crates/search/src

At the granularity of modules (inline `mod x {}` blocks fold into their file's module;
`#[cfg(test)]` modules and files named *tests.rs are left out), an edge M -> T for every path
`crate::…`, `super::…`, `self::…` or child module named in M that resolves to a module T != M.
Prints the strongly connected components of more than one module (Tarjan). It reads the
source as text (no compiler): a check to look with, not a proof; exit status 0 always."""
import os, re, sys
src = sys.argv[1]
mods = {}  # module path -> file
for dp, dn, fn in os.walk(src):
    for f in fn:
        if not f.endswith('.rs'): continue
        p = os.path.join(dp, f); rel = os.path.relpath(p, src)[:-3]
        parts = rel.split(os.sep)
        if parts[-1] in ('lib', 'main') and len(parts) == 1: m = ()
        elif parts[-1] == 'mod': m = tuple(parts[:-1])
        else: m = tuple(parts)
        if f.endswith('tests.rs') or 'tests' in parts: continue
        mods[m] = p
known = set(mods)
def resolve(base, segs):
    # longest prefix of base+segs that is a known module
    full = tuple(base) + tuple(segs)
    for n in range(len(full), -1, -1):
        if full[:n] in known: return full[:n]
    return None
edges = {m: set() for m in mods}
ident = r'[A-Za-z_][A-Za-z0-9_]*'
for m, p in mods.items():
    text = open(p).read()
    # drop #[cfg(test)] mod tests { ... } blocks (to the end of file, they are last) and comments
    text = re.sub(r'#\[cfg\(test\)\]\s*(#\[path[^\]]*\]\s*)?mod \w+\s*(;|\{.*)', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    # expand use trees: use a::{b, c::d} -> a::b, a::c::d (one level of braces is enough here)
    def paths(t):
        for um in re.finditer(r'\buse\s+([^;]+);', t):
            tree = re.sub(r'\s+', '', um.group(1))
            stack = [tree]
            while stack:
                x = stack.pop()
                b = x.find('{')
                if b < 0: yield x; continue
                depth = 0; items = []; cur = ''
                inner = x[b+1:x.rfind('}')]
                for ch in inner:
                    if ch == ',' and depth == 0: items.append(cur); cur = ''; continue
                    depth += ch == '{'; depth -= ch == '}'; cur += ch
                items.append(cur)
                for it in items:
                    if it: stack.append(x[:b] + it)
        for pm in re.finditer(r'\b(crate|super|self)((?:::' + ident + r')+)', t):
            yield pm.group(0)
    # module-local names of child modules: `mod x;` declared here; a path `x::` refers to it
    children = [c for c in known if len(c) == len(m) + 1 and c[:len(m)] == m]
    for path in paths(text):
        segs = [s for s in path.split('::') if s and s != '*']
        if not segs: continue
        base = list(m)
        if segs[0] == 'crate': base = []; segs = segs[1:]
        elif segs[0] in ('super', 'self'):
            while segs and segs[0] in ('super', 'self'):
                if segs[0] == 'super': base = base[:-1]
                segs = segs[1:]
        elif tuple(m) + (segs[0],) in known: pass
        else: continue  # an external crate
        t = resolve(base, [s.split(' as ')[0] for s in segs])
        if t is not None and t != m:
            edges[m].add(t)
    for c in children:  # direct child references like `index::update_into(` in code
        if re.search(r'\b' + c[-1] + r'::', text): edges[m].add(c)
# Tarjan
index = {}; low = {}; on = set(); st = []; sccs = []; i = [0]
sys.setrecursionlimit(10000)
def sc(v):
    index[v] = low[v] = i[0]; i[0] += 1; st.append(v); on.add(v)
    for w in edges[v]:
        if w not in index: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)
for v in mods:
    if v not in index: sc(v)
name = lambda m: '::'.join(m) or 'crate'
cyc = [c for c in sccs if len(c) > 1]
print(f"{src}: {len(mods)} modules, {sum(len(e) for e in edges.values())} edges, {len(cyc)} cycle(s)")
for c in cyc:
    print("  cycle of", len(c), ":", ", ".join(sorted(name(x) for x in c)))
