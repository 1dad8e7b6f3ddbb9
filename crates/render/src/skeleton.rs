//! Tombstone pages from a skeleton. An archive with a two-year window has many times more
//! tombstones than published pages, and they differ only in a dozen strings: the template is
//! run once per *shape* (folder depth, section, which optional facts are present) with
//! placeholder values, and each tombstone is then that output with its own values escaped in.
//!
//! A theme's `tombstone.html` may do anything, so a skeleton is only trusted when it is shown
//! to be a pure insertion of the values: two probe renders with different placeholders (one
//! long and full of characters that must be escaped) must give the same text around them,
//! and the skeleton filled with the first real tombstone's values must equal that tombstone
//! rendered the ordinary way. A shape that fails is rendered the ordinary way every time.

use motebok_site::escape::markup as escape_html;
use motebok_site::views::{DateView, Layout, TombstoneView};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What a tombstone's template output can depend on apart from the slot values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Shape {
    root: String,
    /// Which navigation item is current.
    current: Option<usize>,
    draft: bool,
    number: bool,
    date: bool,
    published: bool,
    /// The notice's wording: archived or not, taken down or never up.
    archived: bool,
    never_published: bool,
    not_archived_by: String,
}

impl Shape {
    fn of(layout: &Layout, view: &TombstoneView) -> Shape {
        Shape {
            root: layout.root.clone(),
            current: layout.nav.iter().position(|n| n.current),
            draft: layout.draft,
            number: view.number.is_some(),
            date: view.date.is_some(),
            published: view.published.is_some(),
            archived: view.archived,
            never_published: view.never_published,
            not_archived_by: view.not_archived_by.clone(),
        }
    }
}

/// The values that differ between tombstones of one shape, in slot order.
fn values(layout: &Layout, view: &TombstoneView) -> [String; 12] {
    let d = |d: &Option<DateView>| {
        d.clone()
            .map_or((String::new(), String::new()), |d| (d.iso, d.text))
    };
    let (date_iso, date_text) = d(&view.date);
    let (pub_iso, pub_text) = d(&view.published);
    [
        layout.url.clone(),
        layout.canonical.clone(),
        layout.title.clone(),
        view.title.clone(),
        view.kind.clone(),
        view.number.clone().unwrap_or_default(),
        date_iso,
        date_text,
        pub_iso,
        pub_text,
        view.unpublished.iso.clone(),
        view.unpublished.text.clone(),
    ]
}

/// `layout` and `view` with every slot set to `slot(i)`, optional facts kept present or absent.
fn probe(
    layout: &Layout,
    view: &TombstoneView,
    slot: impl Fn(usize) -> String,
) -> (Layout, TombstoneView) {
    let mut l = layout.clone();
    let mut v = view.clone();
    l.url = slot(0);
    l.canonical = slot(1);
    l.title = slot(2);
    v.title = slot(3);
    v.kind = slot(4);
    v.number = v.number.map(|_| slot(5));
    v.date = v.date.map(|_| DateView {
        iso: slot(6),
        text: slot(7),
    });
    v.published = v.published.map(|_| DateView {
        iso: slot(8),
        text: slot(9),
    });
    v.unpublished = DateView {
        iso: slot(10),
        text: slot(11),
    };
    (l, v)
}

/// Placeholders from the Unicode private use area, which no template filter or escaper
/// touches; the long ones carry characters that must come out escaped.
fn short(i: usize) -> String {
    format!("\u{E000}{i}\u{E001}")
}
fn long(i: usize) -> String {
    format!("\u{E002}{i}<&\"' {}\u{E003}", "x".repeat(40))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(usize),
}

#[derive(Debug, PartialEq, Eq)]
struct Skeleton(Vec<Part>);

impl Skeleton {
    /// Splits a probe render at its placeholders (as they come out of the template).
    fn parse(html: &str, slot: impl Fn(usize) -> String) -> Skeleton {
        let marks: Vec<(String, usize)> = (0..12).map(|i| (escape_html(&slot(i)), i)).collect();
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = html;
        while !rest.is_empty() {
            if let Some((m, i)) = marks.iter().find(|(m, _)| rest.starts_with(m.as_str())) {
                parts.push(Part::Text(std::mem::take(&mut text)));
                parts.push(Part::Slot(*i));
                rest = &rest[m.len()..];
            } else {
                let c = rest.chars().next().expect("rest is not empty");
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        parts.push(Part::Text(text));
        parts.retain(|p| p != &Part::Text(String::new()));
        Skeleton(parts)
    }

    fn has_stray_marks(&self) -> bool {
        self.0.iter().any(|p| match p {
            Part::Text(t) => t.contains(['\u{E000}', '\u{E001}', '\u{E002}', '\u{E003}']),
            Part::Slot(_) => false,
        })
    }

    fn fill(&self, values: &[String; 12]) -> String {
        let mut out = String::with_capacity(4096);
        for p in &self.0 {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Slot(i) => out.push_str(&escape_html(&values[*i])),
            }
        }
        out
    }
}

/// The skeletons of one build's tombstones, by shape; `None` marks a shape that failed.
#[derive(Default)]
pub(crate) struct Skeletons {
    shapes: Mutex<HashMap<Shape, Option<Arc<Skeleton>>>>,
}

impl Skeletons {
    /// The tombstone of `layout` and `view`: from its shape's skeleton, else from `render`
    /// (the template run the ordinary way).
    pub(crate) fn render<E>(
        &self,
        layout: &Layout,
        view: &TombstoneView,
        render: impl Fn(&Layout, &TombstoneView) -> Result<String, E>,
    ) -> Result<String, E> {
        let shape = Shape::of(layout, view);
        let known = self
            .shapes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&shape)
            .cloned();
        match known {
            Some(Some(s)) => Ok(s.fill(&values(layout, view))),
            Some(None) => render(layout, view),
            None => {
                let real = render(layout, view)?;
                let skeleton = learn(layout, view, &real, &render).map(Arc::new);
                self.shapes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(shape, skeleton);
                Ok(real)
            }
        }
    }
}

/// The skeleton of this tombstone's shape, if the template proves to be pure insertion.
fn learn<E>(
    layout: &Layout,
    view: &TombstoneView,
    real: &str,
    render: &impl Fn(&Layout, &TombstoneView) -> Result<String, E>,
) -> Option<Skeleton> {
    let (l, v) = probe(layout, view, short);
    let a = Skeleton::parse(&render(&l, &v).ok()?, short);
    let (l, v) = probe(layout, view, long);
    let b = Skeleton::parse(&render(&l, &v).ok()?, long);
    (a == b && !a.has_stray_marks() && a.fill(&values(layout, view)) == real).then_some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use motebok_site::views::NavItem;

    fn layout(url: &str, title: &str) -> Layout {
        Layout {
            site_title: "Helsefellesskapet".into(),
            publisher: "Sekretariatet".into(),
            lang: "nb".into(),
            root: "../../../".into(),
            url: url.into(),
            canonical: format!("https://example.org/{url}"),
            title: title.into(),
            description: String::new(),
            noindex: true,
            draft: false,
            nav: vec![NavItem {
                href: "ssu/".into(),
                label: "SSU".into(),
                current: true,
            }],
            breadcrumbs: Vec::new(),
            trail: None,
            archive_contact: "arkiv@example.org".into(),
            accessibility_contact: None,
            generator: "motebok".into(),
            feeds: Vec::new(),
        }
    }

    fn view(title: &str) -> TombstoneView {
        TombstoneView {
            title: title.into(),
            kind: "Sak".into(),
            number: Some("2019.04".into()),
            date: None,
            published: None,
            unpublished: DateView {
                iso: "2021-03-01".into(),
                text: "1. mars 2021".into(),
            },
            archive_contact: "arkiv@example.org".into(),
            archived: true,
            not_archived_by: String::new(),
            never_published: false,
        }
    }

    fn env(template: &str) -> minijinja::Environment<'static> {
        let theme = motebok_site::theme::Theme {
            files: [("templates/t.html".to_string(), template.to_string())].into(),
            drafts: Vec::new(),
        };
        theme.environment().unwrap()
    }

    fn ordinary<'a>(
        env: &'a minijinja::Environment<'static>,
    ) -> impl Fn(&Layout, &TombstoneView) -> Result<String, minijinja::Error> + 'a {
        |l, v| {
            env.get_template("t.html")?
                .render(minijinja::context! { layout => l, page => v })
        }
    }

    /// Renders each tombstone through `Skeletons` and the ordinary way; returns how many
    /// shapes got a skeleton.
    fn check(template: &str, tombstones: &[(Layout, TombstoneView)]) -> usize {
        let env = env(template);
        let s = Skeletons::default();
        for (l, v) in tombstones {
            let fast = s.render(l, v, ordinary(&env)).unwrap();
            assert_eq!(fast, ordinary(&env)(l, v).unwrap(), "{}", v.title);
        }
        let n = s.shapes.lock().unwrap().values().flatten().count();
        n
    }

    fn sample() -> Vec<(Layout, TombstoneView)> {
        vec![
            (layout("ssu/sak/2019.04/", "Sak A"), view("Sak A")),
            (
                layout("ssu/sak/2019.05/", "Avtale & <vilkår> \"x\""),
                view("Avtale & <vilkår> \"x\" – en mye lengre tittel enn den første"),
            ),
            (layout("ssu/sak/2019.06/", "Møte 'b'"), view("Møte 'b'")),
        ]
    }

    #[test]
    fn a_plain_template_gets_a_skeleton_that_gives_the_same_pages() {
        let t = r#"<title>{{ layout.title }}</title><a href="{{ layout.root }}{{ layout.url }}">{{ page.kind }} {{ page.number }}</a>
{% if page.date %}<time>{{ page.date.text }}</time>{% endif %}<p>{{ page.title }} · {{ page.unpublished.iso }}</p>"#;
        assert_eq!(check(t, &sample()), 1);
    }

    #[test]
    fn templates_that_branch_on_or_transform_values_are_rendered_the_ordinary_way() {
        for t in [
            "{% if page.title|length > 10 %}lang{% else %}kort{% endif %} {{ page.title }}",
            "{{ page.title|upper }}",
            "{{ page.title|safe }}",
            "{% if page.title == 'Sak A' %}A{% endif %}{{ page.kind }}",
        ] {
            assert_eq!(check(t, &sample()), 0, "{t}");
        }
    }

    #[test]
    fn each_shape_learns_its_own_skeleton() {
        let mut v = sample();
        let (mut l, mut t) = v[0].clone();
        l.root = "../".into();
        t.date = Some(DateView {
            iso: "2019-02-01".into(),
            text: "1. februar 2019".into(),
        });
        v.push((l, t));
        let tpl =
            "{{ layout.root }}{% if page.date %}{{ page.date.iso }}{% endif %}{{ page.title }}";
        assert_eq!(check(tpl, &v), 2);
    }
}
