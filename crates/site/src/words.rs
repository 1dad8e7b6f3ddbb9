//! Counted nouns in Norwegian Bokmål, for messages and pages: "1 sak", "2 saker".

/// `n` and the noun in the number it takes: `count(1, "sak", "saker")` is "1 sak", and
/// 0 takes the plural ("0 saker").
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1, "sak", "saker"), "1 sak");
        assert_eq!(count(0, "sak", "saker"), "0 saker");
        assert_eq!(
            count(2, "annet dokument", "andre dokumenter"),
            "2 andre dokumenter"
        );
        assert_eq!(count(21, "møte", "møter"), "21 møter");
    }
}
