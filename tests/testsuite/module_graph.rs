//! Inside each crate, the modules form layers, as the crates do (`crate_graph::`): in every
//! folder of modules, no sibling depends, through the others, on itself. A sibling counts with
//! everything below it; a module may use what its ancestors define (the shared types of its
//! folder) and its own children; everything else between siblings must go one way.
//!
//! The source is parsed with `syn`, so this reads what the compiler reads: every `use` tree and
//! every path in code (`crate::x::f()`, `super::Y`, `x::g()` for a child module or a module
//! brought in by `use`, paths inside macro calls). A path through a re-export (`crate::Site`,
//! re-exported from `model`) is followed to the module that defines the item. Inline modules
//! fold into their file, and `#[cfg(test)]` modules and functions are left out: tests may reach
//! anywhere.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

type ModPath = Vec<String>;

/// One module file: its path in the crate, the inline modules it holds, its parsed items.
struct ModFile {
    file: PathBuf,
    ast: syn::File,
    /// Module paths declared inline in this file (besides the file's own).
    inline: Vec<ModPath>,
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| match &a.meta {
        syn::Meta::List(l) => l.path.is_ident("cfg") && l.tokens.to_string() == "test",
        _ => false,
    })
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// Every non-test module of the crate whose root file is `root`, by module path.
fn modules(root: &Path) -> BTreeMap<ModPath, ModFile> {
    let mut out = BTreeMap::new();
    let mut todo = vec![(Vec::new(), root.to_path_buf(), true)];
    while let Some((path, file, owns_dir)) = todo.pop() {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{file:?}: {e}"));
        // Child files live beside a root/mod.rs, or in a folder named for a module file.
        let dir = match owns_dir {
            true => file.parent().unwrap().to_path_buf(),
            false => file.with_extension(""),
        };
        let mut inline = Vec::new();
        collect_mods(&ast.items, &path, &dir, &mut inline, &mut todo);
        out.insert(path, ModFile { file, ast, inline });
    }
    out
}

fn collect_mods(
    items: &[syn::Item],
    at: &ModPath,
    dir: &Path,
    inline: &mut Vec<ModPath>,
    todo: &mut Vec<(ModPath, PathBuf, bool)>,
) {
    for item in items {
        let syn::Item::Mod(m) = item else { continue };
        if is_cfg_test(&m.attrs) {
            continue;
        }
        let mut child = at.clone();
        child.push(m.ident.to_string());
        match &m.content {
            Some((_, items)) => {
                inline.push(child.clone());
                collect_mods(items, &child, &dir.join(m.ident.to_string()), inline, todo);
            }
            None => {
                let name = m.ident.to_string();
                let (file, owns) = match path_attr(&m.attrs) {
                    Some(p) => (dir.join(p), false),
                    None if dir.join(format!("{name}.rs")).exists() => {
                        (dir.join(format!("{name}.rs")), false)
                    }
                    None => (dir.join(&name).join("mod.rs"), true),
                };
                todo.push((child, file, owns));
            }
        }
    }
}

/// What one module's code names: paths (with the module path they are written in), the names
/// it re-exports (`pub use`), and the names of the items it defines.
#[derive(Default)]
struct Found {
    paths: Vec<(ModPath, Vec<String>)>,
    /// (module, name it is visible as, path it stands for); a glob's name is `*`.
    exports: Vec<(ModPath, String, Vec<String>)>,
    defines: BTreeSet<(ModPath, String)>,
}

struct Paths<'a> {
    at: ModPath,
    found: &'a mut Found,
}

impl Paths<'_> {
    fn use_tree(&mut self, prefix: &[String], tree: &syn::UseTree, public: bool) {
        let mut p = prefix.to_vec();
        let (name, segs) = match tree {
            syn::UseTree::Path(x) => {
                p.push(x.ident.to_string());
                return self.use_tree(&p, &x.tree, public);
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(&p, t, public);
                }
                return;
            }
            syn::UseTree::Name(x) => {
                p.push(x.ident.to_string());
                (x.ident.to_string(), p)
            }
            syn::UseTree::Rename(x) => {
                p.push(x.ident.to_string());
                (x.rename.to_string(), p)
            }
            syn::UseTree::Glob(_) => ("*".to_string(), p),
        };
        if public {
            let e = (self.at.clone(), name, segs.clone());
            self.found.exports.push(e);
        }
        self.found.paths.push((self.at.clone(), segs));
    }

    fn define(&mut self, ident: &syn::Ident) {
        let d = (self.at.clone(), ident.to_string());
        self.found.defines.insert(d);
    }
}

impl<'ast> Visit<'ast> for Paths<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        use syn::Item::*;
        match item {
            Const(x) => self.define(&x.ident),
            Enum(x) => self.define(&x.ident),
            Fn(x) => self.define(&x.sig.ident),
            Static(x) => self.define(&x.ident),
            Struct(x) => self.define(&x.ident),
            Trait(x) => self.define(&x.ident),
            Type(x) => self.define(&x.ident),
            Union(x) => self.define(&x.ident),
            Macro(x) => {
                if let Some(i) = &x.ident {
                    self.define(i)
                }
            }
            _ => {}
        }
        syn::visit::visit_item(self, item);
    }
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if is_cfg_test(&m.attrs) || m.content.is_none() {
            return;
        }
        self.at.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.at.pop();
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_cfg_test(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if !is_cfg_test(&u.attrs) {
            let public = !matches!(u.vis, syn::Visibility::Inherited);
            self.use_tree(&[], &u.tree, public);
        }
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        if segs.len() > 1 || matches!(segs.first().map(String::as_str), Some("crate" | "super")) {
            self.found.paths.push((self.at.clone(), segs));
        }
        syn::visit::visit_path(self, p);
    }
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Paths inside macro calls (`format!("{}", crate::urls::x())`) are tokens, not paths:
        // read them as expressions where they parse as such.
        let parsed = m.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        );
        if let Ok(exprs) = parsed {
            for e in &exprs {
                self.visit_expr(e);
            }
        }
        syn::visit::visit_macro(self, m);
    }
}

/// A crate's modules and how to resolve a path among them.
struct Crate {
    /// Every module path (file or inline) -> the file module that holds it.
    home: HashMap<ModPath, ModPath>,
    /// (module, name) -> the absolute path a re-export of that name stands for.
    exports: HashMap<(ModPath, String), ModPath>,
    /// Module -> the modules it re-exports everything of (`pub use x::*`).
    globs: HashMap<ModPath, Vec<ModPath>>,
    defines: BTreeSet<(ModPath, String)>,
    /// (module, name) -> the module a `use` bound to that name there.
    bound: HashMap<(ModPath, String), ModPath>,
}

impl Crate {
    /// A path written in module `at` as an absolute path, if it names this crate.
    fn absolute(&self, at: &ModPath, segs: &[String]) -> Option<ModPath> {
        let first = segs.first()?;
        let mut base: ModPath;
        let mut rest = segs;
        if first == "crate" {
            base = Vec::new();
            rest = &segs[1..];
        } else if first == "super" || first == "self" {
            base = at.clone();
            while let Some(s) = rest.first().filter(|s| *s == "super" || *s == "self") {
                if s == "super" {
                    base.pop();
                }
                rest = &rest[1..];
            }
        } else if let Some(m) = self.bound.get(&(at.clone(), first.clone())) {
            base = m.clone();
            rest = &segs[1..];
        } else {
            let mut child = at.clone();
            child.push(first.clone());
            if !self.home.contains_key(&child) {
                return None; // another crate, a type, a local name
            }
            base = at.clone();
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The module that defines what an absolute path names: its longest prefix that is a
    /// module, through re-exports to where the item is defined.
    fn module_of(&self, full: &ModPath) -> ModPath {
        let mut full = full.clone();
        for _ in 0..16 {
            let m = (0..=full.len())
                .rev()
                .map(|n| full[..n].to_vec())
                .find(|p| self.home.contains_key(p))
                .unwrap_or_default();
            let Some(next) = full.get(m.len()) else {
                return m;
            };
            let key = (m.clone(), next.clone());
            if self.defines.contains(&key) {
                return m;
            }
            let via = self.exports.get(&key).cloned().or_else(|| {
                self.globs.get(&m)?.iter().find_map(|g| {
                    let k = (g.clone(), next.clone());
                    let mut child = g.clone();
                    child.push(next.clone());
                    (self.defines.contains(&k)
                        || self.exports.contains_key(&k)
                        || self.home.contains_key(&child))
                    .then_some(child)
                })
            });
            match via {
                Some(mut to) => {
                    to.extend(full[m.len() + 1..].iter().cloned());
                    full = to;
                }
                None => return m,
            }
        }
        panic!("re-exports in a loop at {full:?}")
    }
}

/// The module-level dependency graph of one crate: file module -> file modules it names.
fn graph(
    root: &Path,
) -> (
    BTreeMap<ModPath, BTreeSet<ModPath>>,
    BTreeMap<ModPath, PathBuf>,
) {
    let mods = modules(root);
    let mut home: HashMap<ModPath, ModPath> = HashMap::new();
    for (path, m) in &mods {
        home.insert(path.clone(), path.clone());
        for i in &m.inline {
            home.insert(i.clone(), path.clone());
        }
    }
    let mut found: BTreeMap<&ModPath, Found> = BTreeMap::new();
    for (path, m) in &mods {
        let f = found.entry(path).or_default();
        let mut v = Paths {
            at: path.clone(),
            found: f,
        };
        for item in &m.ast.items {
            v.visit_item(item);
        }
    }
    let mut c = Crate {
        home,
        exports: HashMap::new(),
        globs: HashMap::new(),
        defines: found
            .values()
            .flat_map(|f| f.defines.iter().cloned())
            .collect(),
        bound: HashMap::new(),
    };
    // Names bound to modules by `use`, then re-exports, each resolved in its own module.
    for f in found.values() {
        for (at, segs) in &f.paths {
            let Some(full) = c.absolute(at, segs) else {
                continue;
            };
            if c.home.contains_key(&full) {
                if let Some(last) = segs.last() {
                    c.bound.insert((at.clone(), last.clone()), full);
                }
            }
        }
    }
    for f in found.values() {
        for (at, name, segs) in &f.exports {
            let Some(full) = c.absolute(at, segs) else {
                continue;
            };
            match name.as_str() {
                "*" => c.globs.entry(at.clone()).or_default().push(full),
                _ => {
                    c.exports.insert((at.clone(), name.clone()), full);
                }
            }
        }
    }
    let mut edges = BTreeMap::new();
    for (path, f) in &found {
        let mut targets = BTreeSet::new();
        for (at, segs) in &f.paths {
            let Some(full) = c.absolute(at, segs) else {
                continue;
            };
            let t = c.home[&c.module_of(&full)].clone();
            if t != **path {
                targets.insert(t);
            }
        }
        edges.insert((*path).clone(), targets);
    }
    let files = mods
        .iter()
        .map(|(p, m)| (p.clone(), m.file.clone()))
        .collect();
    (edges, files)
}

/// The edges between siblings: for an edge between two modules that are neither the other's
/// ancestor, the edge between the two children of their deepest common ancestor that hold
/// them, with the module edges behind it.
type Siblings = BTreeMap<ModPath, BTreeSet<ModPath>>;

fn sibling_edges(
    edges: &BTreeMap<ModPath, BTreeSet<ModPath>>,
) -> (Siblings, BTreeMap<(ModPath, ModPath), Vec<String>>) {
    let mut out: Siblings = edges.keys().map(|k| (k.clone(), BTreeSet::new())).collect();
    let mut why: BTreeMap<(ModPath, ModPath), Vec<String>> = BTreeMap::new();
    for (m, ts) in edges {
        for t in ts {
            let common = m.iter().zip(t).take_while(|(a, b)| a == b).count();
            if common == m.len() || common == t.len() {
                continue; // to an ancestor or a descendant
            }
            let (a, b) = (m[..=common].to_vec(), t[..=common].to_vec());
            out.entry(b.clone()).or_default();
            out.entry(a.clone()).or_default().insert(b.clone());
            why.entry((a, b))
                .or_default()
                .push(format!("{} -> {}", name(m), name(t)));
        }
    }
    (out, why)
}

/// Strongly connected groups of more than one module (Tarjan).
fn cycles(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    struct T<'a> {
        edges: &'a BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: HashMap<&'a ModPath, (usize, usize)>,
        stack: Vec<&'a ModPath>,
        on: BTreeSet<&'a ModPath>,
        out: Vec<Vec<ModPath>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a ModPath) {
        let i = t.index.len();
        t.index.insert(v, (i, i));
        t.stack.push(v);
        t.on.insert(v);
        for w in &t.edges[v] {
            if !t.index.contains_key(w) {
                visit(t, w);
                let low = t.index[v].1.min(t.index[w].1);
                t.index.get_mut(v).unwrap().1 = low;
            } else if t.on.contains(w) {
                let low = t.index[v].1.min(t.index[w].0);
                t.index.get_mut(v).unwrap().1 = low;
            }
        }
        if t.index[v].0 == t.index[v].1 {
            let mut group = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                group.push(w.clone());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                t.out.push(group);
            }
        }
    }
    let mut t = T {
        edges,
        index: HashMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

fn name(p: &ModPath) -> String {
    match p.is_empty() {
        true => "crate".into(),
        false => p.join("::"),
    }
}

/// The root files of the workspace's crates: `src/main.rs` and each `crates/*/src/lib.rs`.
fn crate_roots() -> Vec<PathBuf> {
    let ws = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots = vec![ws.join("src/main.rs")];
    for e in std::fs::read_dir(ws.join("crates")).unwrap() {
        let lib = e.unwrap().path().join("src/lib.rs");
        if lib.exists() {
            roots.push(lib);
        }
    }
    roots.sort();
    roots
}

#[test]
fn no_crate_has_a_cycle_of_modules() {
    let mut wrong = Vec::new();
    for root in crate_roots() {
        let (edges, _) = graph(&root);
        let (siblings, why) = sibling_edges(&edges);
        for group in cycles(&siblings) {
            let inside: BTreeSet<&ModPath> = group.iter().collect();
            let ties: Vec<String> = group
                .iter()
                .flat_map(|a| {
                    siblings[a]
                        .iter()
                        .filter(|b| inside.contains(b))
                        .flat_map(|b| why[&(a.clone(), b.clone())].clone())
                })
                .collect();
            wrong.push(format!(
                "{}: the modules {} depend on each other: {}",
                root.display(),
                group.iter().map(name).collect::<Vec<_>>().join(", "),
                ties.join("; ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// The check sees each kind of edge it must (a `use` of a sibling, a path through `super`, a
/// module bound by `use` and walked into, a path inside a macro, an item defined in the root, a
/// re-export followed to where the item is defined), leaves out tests, and finds a cycle
/// between siblings but not between a module and its children.
#[test]
fn the_module_graph_sees_each_kind_of_edge() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |p: &str, t: &str| {
        let f = src.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, t).unwrap();
    };
    write(
        "lib.rs",
        "mod a; mod b; mod c; mod d; mod e; mod f; pub use e::Thing; pub use f::*;\n\
         pub fn root() { e::x() }\n#[cfg(test)] mod tests;",
    );
    write("a.rs", "use crate::b::f; pub fn g() { f() }");
    write("b.rs", "pub fn f() { format!(\"{}\", super::c::h()); }");
    write(
        "c.rs",
        "use crate::d; pub fn h() -> u8 { d::inner::k() + crate::Glob }",
    );
    write(
        "d.rs",
        "mod inner; fn own() -> u8 { 1 }\n#[cfg(test)] mod t { use crate::a::g; }",
    );
    write("d/inner.rs", "pub fn k() -> u8 { super::own() }");
    write("e.rs", "pub struct Thing; pub fn x() { crate::root(); }");
    write("f.rs", "pub const Glob: u8 = 1; fn y() { crate::Thing; }");
    write("tests.rs", "use crate::a::g;");
    let (edges, _) = graph(&src.join("lib.rs"));
    let to = |m: &str| -> Vec<String> {
        let key: ModPath = match m {
            "crate" => vec![],
            m => m.split("::").map(String::from).collect(),
        };
        edges[&key].iter().map(name).collect()
    };
    assert_eq!(to("a"), ["b"]);
    assert_eq!(to("b"), ["c"], "a path inside format!");
    assert_eq!(
        to("c"),
        ["d", "d::inner", "f"],
        "a module bound by use, a glob re-export"
    );
    assert!(
        to("d").is_empty(),
        "{:?}: a `mod` line is no edge, cfg(test) is left out",
        to("d")
    );
    assert_eq!(to("d::inner"), ["d"], "super");
    assert_eq!(to("e"), ["crate"], "an item defined in the root");
    assert_eq!(
        to("f"),
        ["e"],
        "a re-export followed to where the item is defined"
    );
    assert_eq!(to("crate"), ["e", "f"]);
    assert!(!edges.contains_key(&vec!["tests".to_string()]));
    // d <-> d::inner is a module and its child; e -> crate goes to an ancestor: neither is a
    // cycle. A sibling cycle is: make `c` use `a`.
    let (siblings, _) = sibling_edges(&edges);
    assert!(cycles(&siblings).is_empty(), "{:?}", cycles(&siblings));
    write(
        "c.rs",
        "use crate::d; pub fn h() -> u8 { crate::a::g(); d::inner::k() }",
    );
    let (siblings, why) = sibling_edges(&graph(&src.join("lib.rs")).0);
    let found = cycles(&siblings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        found[0].iter().map(name).collect::<Vec<_>>(),
        ["a", "b", "c"]
    );
    assert_eq!(why[&(vec!["c".into()], vec!["a".into()])], ["c -> a"]);
}
