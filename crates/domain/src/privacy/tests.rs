use super::*;

/// A synthetic valid number from a date part and three individual digits.
fn synth(date: &str, individual: &str) -> String {
    let s = format!("{date}{individual}");
    let d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
    let first9: [u8; 9] = d.try_into().unwrap();
    let (k1, k2) = control_digits(&first9).expect("valid individual number");
    format!("{s}{k1}{k2}")
}

/// The first individual number giving valid control digits for a date part.
fn valid(date: &str) -> String {
    (0..1000)
        .map(|i| format!("{i:03}"))
        .find(|i| control_digits(&digits9(date, i)).is_some())
        .map(|i| synth(date, &i))
        .unwrap()
}

fn digits9(date: &str, ind: &str) -> [u8; 9] {
    let v: Vec<u8> = format!("{date}{ind}").bytes().map(|b| b - b'0').collect();
    v.try_into().unwrap()
}

#[test]
fn control_digits_follow_mod_11() {
    // 010100 000: k1 = 11 - (0*3+1*7+0*6+1*1+0*8+0*9+0+0+0) % 11 = 11 - 8 = 3.
    assert_eq!(control(&digits9("010100", "000"), &K1), Some(3));
    // k2 over 0101000003 = 11 - 12 % 11 = 10: no valid number starts 010100000.
    assert_eq!(control_digits(&digits9("010100", "000")), None);
    let n = valid("010100");
    assert_eq!(n.len(), 11);
    let d: [u8; 11] = n
        .bytes()
        .map(|b| b - b'0')
        .collect::<Vec<_>>()
        .try_into()
        .unwrap();
    assert_eq!(classify(&d), Some(IdKind::Fodselsnummer));
}

#[test]
fn finds_a_number_with_its_position() {
    let n = valid("010100");
    let text = format!("---\ntittel: Sak\n---\nPasienten har fnr. {n} i journalen.\n");
    let hits = scan(&text);
    assert_eq!(hits.len(), 1, "{text}");
    assert_eq!((hits[0].line, hits[0].col, hits[0].len), (4, 20, 11));
    assert_eq!(hits[0].kind, IdKind::Fodselsnummer);
}

#[test]
fn finds_the_spaced_form_and_a_line_break() {
    let n = valid("150500");
    let spaced = format!("{} {}", &n[..6], &n[6..]);
    let hits = scan(&format!("Fnr: {spaced}."));
    assert_eq!((hits.len(), hits[0].col, hits[0].len), (1, 6, 12));
    let broken = format!("Fnr: {}\n{} videre", &n[..6], &n[6..]);
    assert_eq!(scan(&broken).len(), 1);
    // Two spaces, a hyphen or a dot are written forms too (CONTENT.md §4).
    assert_eq!(scan(&format!("{}  {}", &n[..6], &n[6..])).len(), 1);
    assert_eq!(scan(&format!("{}-{}", &n[..6], &n[6..])).len(), 1);
    assert_eq!(scan(&format!("{}.{}", &n[..6], &n[6..])).len(), 1);
}

#[test]
fn d_and_h_numbers() {
    let d = valid("410100"); // day 1 + 40
    assert_eq!(scan(&d)[0].kind, IdKind::DNummer);
    let h = valid("014100"); // month 1 + 40
    assert_eq!(scan(&h)[0].kind, IdKind::HNummer);
}

#[test]
fn a_wrong_control_digit_passes() {
    let n = valid("010100");
    let last = (n.as_bytes()[10] - b'0' + 1) % 10;
    let wrong = format!("{}{last}", &n[..10]);
    assert!(scan(&wrong).is_empty());
}

#[test]
fn impossible_dates_pass() {
    // 31 April and month 13 are not dates, whatever the control digits.
    for date in ["310400", "011300", "000100", "720100", "300200"] {
        for i in 0..1000 {
            let ind = format!("{i:03}");
            if control_digits(&digits9(date, &ind)).is_some() {
                assert!(scan(&synth(date, &ind)).is_empty(), "{date}{ind}");
            }
        }
    }
}

#[test]
fn leap_day() {
    assert_eq!(scan(&valid("290200")).len(), 1);
    assert!(scan(&valid("290201")).is_empty());
}

#[test]
fn everyday_numbers_pass() {
    let text = "Telefon 33 34 20 00, kostnad kr 7 000 030, org.nr. 974 633 191, \
                konto 1234.56.78903, saksnr 2025.16, 12345678901234 (for langt), \
                dato 2025-05-22 kl. 09:00.";
    assert!(scan(text).is_empty());
}

#[test]
fn digits_next_to_the_number_make_it_something_else() {
    let n = valid("010100");
    assert!(scan(&format!("9{n}")).is_empty());
    assert!(scan(&format!("{n}9")).is_empty());
    assert_eq!(scan(&format!("fnr{n}x")).len(), 1);
}

#[test]
fn file_diagnostics_are_masked_and_exact() {
    let n = valid("010100");
    let text = format!("---\ntittel: Sak\nansvarlig: {n}\n---\nTekst\n");
    let ds = check_file("content/ssu/2025-05-22/2025.16.md", text.as_bytes());
    assert_eq!(ds.len(), 1);
    let d = &ds[0];
    assert_eq!((d.line, d.col, d.len), (Some(3), Some(12), Some(11)));
    assert!(d.sensitive);
    assert!(!d.message.contains(&n));
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .contains("skriv aldri personnummer"));
    // Binary files are skipped; a number in a file name is caught.
    assert!(check_file("content/x/vedlegg/a.pdf", &[0xff, 0xfe, b'1']).is_empty());
    assert_eq!(
        check_file(&format!("content/x/vedlegg/{n}.pdf"), b"").len(),
        1
    );
}

/// `n` split 6 + 5 with `sep` between.
fn split(n: &str, sep: &str) -> String {
    format!("{}{sep}{}", &n[..6], &n[6..])
}

fn one(text: &str) -> Hit {
    let hits = scan(text);
    assert_eq!(hits.len(), 1, "{text:?}: {hits:?}");
    hits[0]
}

#[test]
fn separators_of_every_kind() {
    let n = valid("150387");
    for sep in [
        "-", ".", "\t", "  ", "\n", "  \n", "\\\n", "\r\n", " - ", "\u{a0}", "\u{202f}",
        "\u{2009}", "&nbsp;", "&nbsp", "&#160;", "\u{2013}", "\u{2011}",
    ] {
        let text = format!("Fnr: {}.", split(&n, sep));
        let h = one(&text);
        assert_eq!(h.col, 6, "{sep:?}");
        assert_eq!(h.len as usize, text.chars().count() - 6, "{sep:?}");
    }
    // Two separating marks, or a word between, make it two numbers.
    for sep in ["--", "..", " - - ", "-.", " og ", "/", ",", ":"] {
        assert!(scan(&split(&n, sep)).is_empty(), "{sep:?}");
    }
}

#[test]
fn invisible_characters_and_markup_are_dropped() {
    let n = valid("150387");
    for (i, sep) in [
        "\u{200b}",
        "\u{ad}",
        "&shy;",
        "&#8203;",
        "&ZeroWidthSpace;",
        "\u{2060}",
        "\u{feff}",
        "<!-- -->",
        "<!-- fnr -->",
        "**",
        "__",
        "`",
        "~~",
        "<b>",
        "</span><span class=\"x\">",
    ]
    .iter()
    .enumerate()
    {
        // Anywhere in the number, not only between the 6 and the 5.
        let at = 1 + i % 10;
        let text = format!("x {}{sep}{} y", &n[..at], &n[at..]);
        let h = one(&text);
        assert_eq!(
            (h.col, h.len as usize),
            (3, 11 + sep.chars().count()),
            "{sep:?}"
        );
    }
    assert_eq!(one(&format!("**{}**{}", &n[..6], &n[6..])).col, 3);
    assert_eq!(one(&format!("_{}_ {}", &n[..6], &n[6..])).col, 2);
}

#[test]
fn entities_and_other_digits_are_read_as_digits() {
    let n = valid("150387");
    let dec: String = n.bytes().map(|b| format!("&#{};", b)).collect();
    let hex: String = n.bytes().map(|b| format!("&#x{:x};", b)).collect();
    let fullwidth: String = n
        .chars()
        .map(|c| char::from_u32(0xff10 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    let arabic: String = n
        .chars()
        .map(|c| char::from_u32(0x660 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    let bold: String = n
        .chars()
        .map(|c| char::from_u32(0x1d7ce + c.to_digit(10).unwrap()).unwrap())
        .collect();
    for text in [dec.clone(), hex, fullwidth.clone(), arabic, bold] {
        let h = one(&format!("Fnr {text}"));
        assert_eq!((h.line, h.col), (1, 5), "{text}");
        assert_eq!(h.len as usize, text.chars().count(), "{text}");
    }
    // Mixed, and split 6 + 5: two entities, four fullwidth digits, five ASCII ones.
    let wide: String = fullwidth.chars().skip(2).take(4).collect();
    let mixed = format!("{}{wide} {}", &dec[..10], &n[6..]);
    one(&mixed);
}

#[test]
fn a_number_inside_a_comment_or_tag_is_found_there() {
    let n = valid("150387");
    let text = format!("12 <!-- fnr {n} --> og <a title=\"{n}\">x</a>");
    let hits = scan(&text);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].col, 13);
}

#[test]
fn positions_count_characters_over_lines() {
    let n = valid("150387");
    let text = format!("æøå\nÅse: {}\n", split(&n, "&nbsp;"));
    let h = one(&text);
    assert_eq!((h.line, h.col, h.len), (2, 6, 17));
}

#[test]
fn ordinary_numbers_still_pass() {
    let text = "Telefon 33 34 20 00 og +47 915 04 000, kostnad kr 7 000 030,50, \
                org.nr. 974 633 191 og 974633191, konto 1234.56.78903 og 1234 56 78903, \
                saksnr 2025.16 og ssu/2025.08, 12345678901234 (for langt), \
                dato 2025-05-22 kl. 09.00-12.00, 22.05.2025, versjon 1.2.3, \
                tabell | 150387 | 12052 |, 1 500 387 00089, ISBN 978-82-02-12345-6, \
                &#49;&#50; og ０９:００.";
    assert!(scan(text).is_empty(), "{:?}", scan(text));
}

#[test]
fn front_matter_values_as_yaml_reads_them() {
    let n = valid("150387");
    let escaped: String = n.chars().map(|c| format!("\\u003{c}")).collect();
    let text = format!("---\ntittel: Sak\nansvarlig: \"{escaped}\"\n---\nTekst\n");
    let ds = check_text("content/ssu/2025-05-22/2025.16.md", &text);
    assert_eq!(ds.len(), 1, "{ds:?}");
    // The escapes are read in the raw text itself: the number's exact place.
    assert_eq!((ds[0].line, ds[0].col), (Some(3), Some(13)));
    assert_eq!(ds[0].len, Some(6 * 11));
    assert!(ds[0].sensitive);
    // Continued with a backslash over a line break, cut anywhere.
    let text = format!(
        "---\ntittel: \"Sak {}\\\n  {}\"\nsakstype: [orientering]\n---\n",
        &n[..4],
        &n[4..]
    );
    let ds = check_text("content/ssu/2025-05-22/2025.16.md", &text);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!((ds[0].line, ds[0].col), (Some(2), Some(9)));
    // Folded: found by the raw text itself, once.
    let text = format!("---\nansvarlig: >-\n  {}\n  {}\n---\n", &n[..6], &n[6..]);
    let ds = check_text("content/ssu/2025-05-22/2025.16.md", &text);
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].line, Some(3));
    // A hexadecimal integer.
    let hex = format!("0x{:x}", n.parse::<u64>().unwrap());
    let ds = check_text("content/x.md", &format!("---\nansvarlig: {hex}\n---\n"));
    assert_eq!(ds.len(), 1, "{ds:?}");
}

#[test]
fn the_output_mode_leaves_hex_tokens_alone() {
    let n = valid("150387");
    // A SHA digest with the digits inside: machine-made, not a number someone wrote.
    let digest = format!("\"sha512\":\"ab{n}cd0f\"");
    assert_eq!(scan(&digest).len(), 1);
    assert_eq!(contains_number(&digest, Mode::Output), None);
    assert!(contains_number(
        &format!("<td>{}</td><td>{}</td>", &n[..6], &n[6..]),
        Mode::Output
    )
    .is_some());
    assert!(contains_number(&format!("<p>Fnr. <strong>{n}</strong></p>"), Mode::Output).is_some());
}

#[test]
// A generous bound that catches a quadratic scan; the one clock read in the pure crates.
#[allow(clippy::disallowed_methods)]
fn the_scan_is_linear_on_hostile_input() {
    // Unclosed tags and comments after a pending run must not make every `<` search the rest.
    let mut text = String::from("150387 ");
    for _ in 0..20_000 {
        text.push_str("1<a <!-- ");
    }
    let t = std::time::Instant::now();
    assert!(scan(&text).is_empty());
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn pdf_text_is_reported_by_page() {
    let n = valid("150387");
    let pages = vec!["Side en".to_string(), format!("Fnr {}", split(&n, " "))];
    let ds = check_pdf_text("content/x/vedlegg/a.pdf", &pages, "Title Notat");
    assert_eq!(ds.len(), 1);
    assert!(ds[0].message.contains("side 2"), "{}", ds[0].message);
    assert!(ds[0].sensitive && ds[0].line.is_none());
}

#[test]
fn escapes_of_json_and_yaml_are_read() {
    let n = valid("150387");
    let u: String = n.chars().map(|c| format!("\\u003{c}")).collect();
    assert_eq!(one(&format!("\"t\":\"{u}\"")).len as usize, 66);
    one(&split(&n, "\\n"));
    one(&split(&n, "\\t"));
    one(&format!("\\x3{}{}", &n[..1], &n[1..]));
    // An escaped backslash is no escape: `\\u0031` is a backslash and text.
    assert!(scan(&format!("\\\\u0031{}", &n[1..])).is_empty());
}
