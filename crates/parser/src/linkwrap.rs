//! Links wrapped by a mail system's link protection, and the URLs they wrap.
//!
//! A link copied out of Outlook reads `https://nor01.safelinks.protection.outlook.com/?url=…
//! &data=…Renate.Solstad%40siv.no…`: the wrapper carries the address of the mailbox it was
//! delivered to. Every such URL in a file's text is replaced by the one it wraps before
//! anything reads the text, so pages, feeds, `/api/`, search and PDFs all get the real link
//! (CONTENT.md §4), and `check` says where it was.
//!
//! Known wrappers: Outlook SafeLinks, Proofpoint URL Defense (v1, v2, v3) and Google's
//! redirect (`google.<tld>/url?q=`). Mimecast's links hold an opaque token (the target is
//! only known to Mimecast's servers): they are reported, and kept.

use base64::Engine;
use std::borrow::Cow;
use url::Url;

/// A wrapped URL found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// Byte range of the wrapped URL in the text.
    pub start: usize,
    /// End of that range (exclusive).
    pub end: usize,
    /// Who wrapped it, for the message ("Outlook SafeLinks").
    pub wrapper: &'static str,
    /// The URL it wraps, written so that it is safe in Markdown and HTML; `None` when it
    /// cannot be decoded.
    pub target: Option<String>,
}

/// Every wrapped URL in `text`, in order.
pub fn find(text: &str) -> Vec<Wrapped> {
    // A cheap test first: nearly every text has none of the wrappers' names.
    let lower = text.to_ascii_lowercase();
    if !["safelinks", "urldefense", "google.", "mimecast"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("http").map(|i| from + i) {
        let rest = &lower[i..];
        if !(rest.starts_with("https://") || rest.starts_with("http://")) {
            from = i + 4;
            continue;
        }
        let end = i + url_len(&text[i..]);
        if let Some((wrapper, target)) = unwrap(&text[i..end]) {
            out.push(Wrapped {
                start: i,
                end,
                wrapper,
                target,
            });
        }
        from = end.max(i + 4);
    }
    out
}

/// `text` with every wrapped URL that can be decoded replaced by the URL it wraps.
pub fn unwrap_all(text: &str) -> Cow<'_, str> {
    let found = find(text);
    if found.iter().all(|w| w.target.is_none()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for w in found {
        if let Some(t) = &w.target {
            out.push_str(&text[at..w.start]);
            out.push_str(t);
            at = w.end;
        }
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The length in bytes of the URL that starts `s`: up to white space or a character that
/// cannot be part of a URL as written in Markdown or HTML (a `)` closing a link, quotes, angle
/// brackets, a table's `|`), without the punctuation that ends a sentence.
fn url_len(s: &str) -> usize {
    let mut depth = 0usize;
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = i;
                break;
            }
            ')' => depth -= 1,
            c if c.is_whitespace() || "<>\"`|[]{}\\".contains(c) => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    s[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_', '~'])
        .len()
}

/// Who wrapped `url` and the URL it wraps, if it is wrapped. Wrappers inside wrappers (a
/// SafeLink to a Proofpoint link) are unwrapped to the end.
fn unwrap(url: &str) -> Option<(&'static str, Option<String>)> {
    let (wrapper, mut inner) = unwrap_once(url)?;
    for _ in 0..4 {
        match inner.as_deref().and_then(unwrap_once) {
            Some((_, next)) => inner = next,
            None => break,
        }
    }
    let target = inner.and_then(|t| Url::parse(&t).ok()).and_then(written);
    Some((wrapper, target))
}

fn unwrap_once(url: &str) -> Option<(&'static str, Option<String>)> {
    let parsed = Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    let param = |name: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    if host == "safelinks.protection.outlook.com"
        || host.ends_with(".safelinks.protection.outlook.com")
    {
        return Some(("Outlook SafeLinks", param("url")));
    }
    if host == "urldefense.proofpoint.com" {
        let path = parsed.path();
        if path.starts_with("/v2/") {
            // v2 writes `%` as `-` and `/` as `_` before percent-encoding the rest.
            let u = param("u").map(|u| u.replace('-', "%").replace('_', "/"));
            let u = u.map(|u| {
                percent_encoding::percent_decode_str(&u)
                    .decode_utf8_lossy()
                    .into_owned()
            });
            return Some(("Proofpoint URL Defense", u));
        }
        return Some(("Proofpoint URL Defense", param("u")));
    }
    if host == "urldefense.com" {
        return Some(("Proofpoint URL Defense", proofpoint_v3(url)));
    }
    if is_google(&host) && parsed.path() == "/url" {
        return Some(("Google", param("q").or_else(|| param("url"))));
    }
    if host.ends_with("mimecast.com") && parsed.path().starts_with("/s/") {
        return Some(("Mimecast", None));
    }
    None
}

/// `google.<tld>` or `www.google.<tld>` (`google.com`, `google.no`, `google.co.uk`).
fn is_google(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    host.strip_prefix("google.")
        .is_some_and(|tld| !tld.is_empty() && tld.split('.').all(|p| p.len() <= 3 && !p.is_empty()))
}

/// Proofpoint v3: `https://urldefense.com/v3/__<url>__;<base64>!!<ids>$`. Characters of the
/// URL it rewrote are replaced by `*` (one) or `**<c>` (a run, its length coded by `c`), and
/// written in order, base64-encoded, after `__;`. As Proofpoint's own decoder does it.
fn proofpoint_v3(url: &str) -> Option<String> {
    let rest = url.split_once("/v3/__")?.1;
    let (inner, tail) = rest.split_once("__;")?;
    let encoded = tail.split('!').next().unwrap_or("").trim_end_matches('=');
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()?;
    let replaced: Vec<char> = String::from_utf8(bytes).ok()?.chars().collect();
    let inner = percent_encoding::percent_decode_str(inner)
        .decode_utf8()
        .ok()?;
    const RUNS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    let mut next = 0;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '*' {
            out.push(c);
            continue;
        }
        let n = if chars.peek() == Some(&'*') {
            chars.next();
            RUNS.find(chars.next()?)? + 2
        } else {
            1
        };
        out.extend(replaced.get(next..next + n)?);
        next += n;
    }
    Some(out)
}

/// The URL as it may stand in Markdown text or a link destination: only web and mail links
/// (a wrapper around `javascript:` is not followed), and the characters Markdown would read
/// as syntax percent-encoded.
fn written(url: Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https" | "mailto") {
        return None;
    }
    let mut out = String::with_capacity(url.as_str().len());
    for c in url.as_str().chars() {
        match c {
            '(' | ')' | '*' | '[' | ']' | '\\' | '<' | '>' | '"' | '`' | '|' | '{' | '}' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_whitespace() => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAFELINK: &str = "https://nor01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fyoutu.be%2FE5jdPproDVk&data=05%7C02%7CRenate.Solstad%40siv.no%7C2365d4f5&sdata=IDgZ%3D&reserved=0";

    #[test]
    fn safelinks_in_text_and_links_are_replaced() {
        let md = format!("Se {SAFELINK}.\n\n[Filmen]({SAFELINK}) og <{SAFELINK}>");
        let found = find(&md);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].start, 3);
        assert_eq!(&md[found[0].start..found[0].end], SAFELINK);
        assert_eq!(found[0].wrapper, "Outlook SafeLinks");
        assert_eq!(
            unwrap_all(&md),
            "Se https://youtu.be/E5jdPproDVk.\n\n[Filmen](https://youtu.be/E5jdPproDVk) og <https://youtu.be/E5jdPproDVk>"
        );
    }

    #[test]
    fn text_without_wrappers_is_borrowed() {
        assert!(matches!(
            unwrap_all("Se https://example.org/a?url=b og google.no."),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn markdown_syntax_in_the_target_is_encoded() {
        let url = "https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fno.wikipedia.org%2Fwiki%2FTUD_(helse)%3Fa%3D1%20b&data=x";
        assert_eq!(
            unwrap_all(&format!("[TUD]({url})")),
            "[TUD](https://no.wikipedia.org/wiki/TUD_%28helse%29?a=1%20b)"
        );
    }

    #[test]
    fn proofpoint_v2_and_v3_and_google() {
        assert_eq!(
            unwrap_all("https://urldefense.proofpoint.com/v2/url?u=https-3A__www.helsedirektoratet.no_veiledere&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e="),
            "https://www.helsedirektoratet.no/veiledere"
        );
        assert_eq!(
            unwrap_all("https://urldefense.com/v3/__https://example.com/a*b__;Kg!!ABC!def$"),
            "https://example.com/a%2Ab"
        );
        assert_eq!(
            unwrap_all("https://urldefense.com/v3/__https://example.com/**Aend__;Kis!!X$"),
            "https://example.com/%2A+end"
        );
        assert_eq!(
            unwrap_all("https://www.google.com/url?q=https://www.siv.no/om-oss&sa=D&source=editors&usg=AOv"),
            "https://www.siv.no/om-oss"
        );
    }

    #[test]
    fn opaque_and_unsafe_targets_are_found_but_kept() {
        let mimecast = "https://protect-eu.mimecast.com/s/AbCdEfGh?domain=siv.no";
        let found = find(mimecast);
        assert_eq!(found[0].wrapper, "Mimecast");
        assert_eq!(found[0].target, None);
        assert_eq!(unwrap_all(mimecast), mimecast);
        let js = "https://www.google.com/url?q=javascript:alert(1)";
        assert_eq!(find(js)[0].target, None);
    }
}
