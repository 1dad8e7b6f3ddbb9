//! The one media-type table, from `mime_guess` (the shared-mime-info/Apache list), for the
//! `mimeType` of attachments in the open data and the `Content-Type` of `serve`.

use std::borrow::Cow;

/// The media type of a file by its extension, case-insensitively (`Kart.PDF` is a PDF);
/// `application/octet-stream` when unknown.
pub fn of(name: &str) -> &'static str {
    match mime_guess::from_path(name).first_raw() {
        // mime_guess lists the aliases first; RFC 7303 §9.2 prefers application/xml and
        // RFC 9239 §6 makes text/javascript the one type for JavaScript, modules too.
        Some("text/xml") => "application/xml",
        Some("application/javascript") => "text/javascript",
        Some(m) => m,
        None => "application/octet-stream",
    }
}

/// The `Content-Type` header of a served file: text types say they are UTF-8, since every text
/// file the builder writes is.
pub fn content_type(name: &str) -> Cow<'static, str> {
    match of(name) {
        m if m.starts_with("text/") => format!("{m}; charset=utf-8").into(),
        m => m.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_data_and_serve_agree_case_insensitively() {
        // serve's old table was case-sensitive and served `Kart.PDF` as octet-stream.
        assert_eq!(of("dokumenter/Kart.PDF"), "application/pdf");
        assert_eq!(content_type("dokumenter/Kart.PDF"), "application/pdf");
        // the open data's old table knew no calendar, style sheet or script.
        assert_eq!(of("ssu/moter.ics"), "text/calendar");
        assert_eq!(
            content_type("ssu/moter.ics"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(of("static/style.css"), "text/css");
    }

    #[test]
    fn preferred_names_over_aliases() {
        assert_eq!(of("feed.xml"), "application/xml");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(of("a.js"), "text/javascript");
        assert_eq!(of("a.mjs"), "text/javascript");
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            of("a.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(of("noe"), "application/octet-stream");
        assert_eq!(of("noe.ukjent"), "application/octet-stream");
    }
}
