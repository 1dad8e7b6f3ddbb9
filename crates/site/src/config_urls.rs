//! The addresses in `site.toml` become links on every page (`repository_url` in every trail,
//! `base_url` in canonical links, feeds and the sitemap, the contacts as `mailto:` links): a
//! value like `javascript:alert(1)` would run in every reader's browser. Web addresses must be
//! `https` or `http` with a host; contacts must be plain e-mail addresses. Anything else is an
//! error at the line of the key.

use motebok_parser::names::shown;
use motebok_parser::Diagnostic;
use serde::Deserialize;
use toml::Spanned;

/// The addresses of site.toml with where their values stand (other keys are ignored here).
#[derive(Deserialize)]
struct Addresses {
    base_url: Option<Spanned<String>>,
    archive_contact: Option<Spanned<String>>,
    repository_url: Option<Spanned<String>>,
    #[serde(default)]
    accessibility: AccessibilityAddresses,
}

#[derive(Deserialize, Default)]
struct AccessibilityAddresses {
    contact: Option<Spanned<String>>,
    uustatus_url: Option<Spanned<String>>,
}

/// What a setting must be.
#[derive(Clone, Copy)]
enum Kind {
    /// The site's own address: http(s), a host, no query or fragment.
    Base,
    /// A web page: http(s) with a host.
    Web,
    /// An e-mail address (written into a `mailto:` link by the theme).
    Email,
}

/// Every address of `text` that is not what it must be (none if `text` does not read).
pub(crate) fn check(text: &str) -> Vec<Diagnostic> {
    let Ok(a) = toml::from_str::<Addresses>(text) else {
        return Vec::new();
    };
    let acc = &a.accessibility;
    let keys = [
        ("base_url", &a.base_url, Kind::Base),
        ("repository_url", &a.repository_url, Kind::Web),
        ("archive_contact", &a.archive_contact, Kind::Email),
        ("accessibility.contact", &acc.contact, Kind::Email),
        ("accessibility.uustatus_url", &acc.uustatus_url, Kind::Web),
    ];
    keys.into_iter()
        .filter_map(|(key, value, kind)| {
            let v = value.as_ref()?;
            let (message, hint) = problem(v.get_ref(), kind)?;
            let before = &text[..v.span().start.min(text.len())];
            let line = before.matches('\n').count() as u32 + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            Some(
                Diagnostic::new(
                    "site.toml",
                    format!("`{key} = \"{}\"`: {message}", shown(v.get_ref())),
                )
                .at_col(line, col)
                .hint(hint),
            )
        })
        .collect()
}

/// Characters that never belong in an address as written in site.toml: they end an attribute
/// or a line, or hide what the address really is.
fn bad_char(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || matches!(
            c,
            '"' | '\'' | '<' | '>' | '\\' | '`' | '^' | '{' | '}' | '|'
        )
}

fn problem(value: &str, kind: Kind) -> Option<(String, String)> {
    match kind {
        Kind::Email => email_problem(value),
        Kind::Base | Kind::Web => web_problem(value, matches!(kind, Kind::Base)),
    }
}

fn web_problem(value: &str, base: bool) -> Option<(String, String)> {
    let hint = if base {
        "skriv hele adressen nettstedet publiseres på, med https://, for eksempel \
         `https://example.org/helsefellesskap/`"
    } else {
        "skriv en nettadresse som begynner med https:// (eller http://), for eksempel \
         `https://github.com/example/helsefellesskap`"
    };
    let refuse = |why: &str| Some((why.to_string(), hint.to_string()));
    if value.contains(bad_char) {
        return refuse("adressen inneholder mellomrom, anførselstegn eller andre tegn som ikke hører hjemme i en nettadresse");
    }
    let Some((scheme, rest)) = value.split_once("://") else {
        return refuse("bare nettadresser med https:// eller http:// kan brukes");
    };
    if !matches!(scheme.to_ascii_lowercase().as_str(), "https" | "http") {
        return refuse("bare nettadresser med https:// eller http:// kan brukes");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.split(':').next().unwrap_or("");
    if host.is_empty()
        || authority.contains('@')
        || !host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'))
    {
        return refuse("adressen mangler et gyldig vertsnavn (som example.org) etter ://");
    }
    if base && rest.contains(['?', '#']) {
        return refuse("base_url er adressen til nettstedets rot, uten ? eller #");
    }
    None
}

fn email_problem(value: &str) -> Option<(String, String)> {
    // A contact that is neither an address nor a link (a name, a phone number) is plain text.
    if !value.contains(['@', ':']) {
        return None;
    }
    let hint = "skriv bare e-postadressen, for eksempel `postmottak@example.org` (uten mailto:)"
        .to_string();
    let ok = value.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !domain.contains('@')
            && !value.contains(bad_char)
            && !value.contains([
                ':', '/', '?', '#', '&', '=', '%', ',', ';', '(', ')', '[', ']',
            ])
    });
    (!ok).then(|| ("ikke en e-postadresse".to_string(), hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml(extra: &str) -> String {
        format!(
            "title = \"T\"\nbase_url = \"https://example.org/hf/\"\narchive_contact = \"arkiv@example.org\"\n{extra}"
        )
    }

    #[test]
    fn web_addresses_are_http_with_a_host() {
        for ok in [
            "https://github.com/example/hf",
            "http://example.org",
            "HTTPS://example.org/a?b=c#d",
            "https://localhost:8080/",
            "https://sørvest.no/",
        ] {
            assert!(web_problem(ok, false).is_none(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "javascript:alert(document.domain)//x",
            " javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "ftp://example.org/",
            "//example.org/",
            "example.org",
            "https://",
            "https://github.com@evil.example/",
            "https://example.org/\" onmouseover=\"alert(1)",
            "https://example.org/\nX",
            "https://ex ample.org/",
        ] {
            assert!(web_problem(bad, false).is_some(), "{bad}");
        }
        assert!(web_problem("https://example.org/?x", true).is_some());
    }

    #[test]
    fn contacts_are_plain_addresses() {
        for ok in [
            "postmottak@example.org",
            "nettredaktør@sørvest.no",
            "Arkivet",
        ] {
            assert!(email_problem(ok).is_none(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "mailto:a@b.org",
            "a@b.org?bcc=c@d.org",
            "a@b@c",
            "@b.org",
            "a@",
            "a b@c.org",
            "a@b.org\">",
        ] {
            assert!(email_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn the_error_points_at_the_value() {
        let text = toml("repository_url = \"javascript:alert(1)\"\n");
        let d = check(&text).remove(0);
        assert_eq!(
            (d.path.as_str(), d.line, d.col),
            ("site.toml", Some(4), Some(18))
        );
        assert!(d.message.contains("repository_url"), "{}", d.message);
        let text =
            toml("[accessibility]\ncontact = \"x@y.org\"\nuustatus_url = \"javascript:x\"\n");
        let d = check(&text).remove(0);
        assert_eq!(d.line, Some(6));
        assert!(d.message.contains("accessibility.uustatus_url"));
        assert!(check(&toml("repository_url = \"https://github.com/a/b\"\n")).is_empty());
    }
}
