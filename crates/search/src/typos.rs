//! One typo forgiven: the rule `search.js` (through `static/typos.js`) applies to a query word
//! the site does not have. Kept here too, so that tests can check the two agree and that the
//! shards the browser scans hold what it should find. The index needs nothing for it: the
//! browser compares the query with the terms of the shards sharing its first two characters
//! (a typo there is not forgiven), which a query fetches anyway or nearly so.

/// Query words shorter than this are taken as typed: one edit in a short word makes another
/// word too often.
pub const MIN_TYPO_CHARS: usize = 5;

/// Whether `a` becomes `b` by one edit: a letter left out, added, replaced, or two neighbours
/// swapped (optimal string alignment distance 1). Equal words are not a typo.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    // Past the common beginning, the rest must match after one edit.
    let i = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[i..], &b[i..]);
    match ra.len().cmp(&rb.len()) {
        std::cmp::Ordering::Less => ra == &rb[1..],
        std::cmp::Ordering::Greater => &ra[1..] == rb,
        std::cmp::Ordering::Equal => {
            ra[1..] == rb[1..]
                || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    #[test]
    fn one_edit_of_each_kind_and_no_more() {
        assert!(within_one_edit("kjernejornal", "kjernejournal")); // left out
        assert!(within_one_edit("kjernejouurnal", "kjernejournal")); // added
        assert!(within_one_edit("kjernejaurnal", "kjernejournal")); // replaced
        assert!(within_one_edit("kjernejuornal", "kjernejournal")); // swapped
        assert!(within_one_edit("samarbeidsavtal", "samarbeidsavtale"));
        assert!(within_one_edit("møtebk", "møtebok"));
        assert!(!within_one_edit("kjernejournal", "kjernejournal"));
        assert!(!within_one_edit("kjernjornal", "kjernejournal"));
        assert!(!within_one_edit("kjernejuonral", "kjernejournal"));
        assert!(!within_one_edit("avtal", "avtalene"));
        assert!(!within_one_edit("abc", "cab"));
    }
}
