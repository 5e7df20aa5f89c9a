//! How many requests the history says it found (*N richieste trovate*).

/// A free-text search counts its matches up to this many; past it the history says "more than".
///
/// A common word ("pensione") matches a large share of an office's requests, and counting every
/// match costs time in proportion to the matches. Past a thousand the exact figure tells the
/// operator nothing a "more than" does not: the criteria need narrowing either way. Structured
/// criteria (scope, status, dates, topic, protocol, codice fiscale) are counted exactly, by index.
pub const TEXT_SEARCH_COUNT_LIMIT: i64 = 1000;

/// The number of matches of a search, exact or a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchCount {
    /// Matches counted: all of them when `exact`, else [`TEXT_SEARCH_COUNT_LIMIT`].
    pub total: i64,
    /// Whether `total` is every match, or there are more.
    pub exact: bool,
}

impl MatchCount {
    /// How many rows to count at most for a search (one more than the limit, to know whether
    /// there are more); `None` when the count is exact.
    pub const fn rows_to_count(free_text: bool) -> Option<i64> {
        if free_text {
            Some(TEXT_SEARCH_COUNT_LIMIT + 1)
        } else {
            None
        }
    }

    /// The count of `counted` rows, read with [`Self::rows_to_count`] as the bound.
    pub const fn of(counted: i64, free_text: bool) -> Self {
        if free_text && counted > TEXT_SEARCH_COUNT_LIMIT {
            Self {
                total: TEXT_SEARCH_COUNT_LIMIT,
                exact: false,
            }
        } else {
            Self {
                total: counted,
                exact: true,
            }
        }
    }

    /// "134 richieste trovate", "1 richiesta trovata", "Più di 1000 richieste trovate".
    pub fn found_it(&self) -> String {
        match (self.exact, self.total) {
            (false, n) => format!("Più di {n} richieste trovate"),
            (true, 1) => "1 richiesta trovata".to_owned(),
            (true, n) => format!("{n} richieste trovate"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_free_text_search_counts_up_to_the_limit_then_says_more_than() {
        assert_eq!(
            MatchCount::rows_to_count(true),
            Some(TEXT_SEARCH_COUNT_LIMIT + 1)
        );
        let at_limit = MatchCount::of(TEXT_SEARCH_COUNT_LIMIT, true);
        assert!(at_limit.exact);
        let past = MatchCount::of(TEXT_SEARCH_COUNT_LIMIT + 1, true);
        assert_eq!(past.total, TEXT_SEARCH_COUNT_LIMIT);
        assert!(!past.exact);
        assert_eq!(past.found_it(), "Più di 1000 richieste trovate");
    }

    #[test]
    fn structured_criteria_are_counted_exactly() {
        assert_eq!(MatchCount::rows_to_count(false), None);
        let many = MatchCount::of(25_000, false);
        assert!(many.exact);
        assert_eq!(many.found_it(), "25000 richieste trovate");
        assert_eq!(MatchCount::of(1, false).found_it(), "1 richiesta trovata");
    }
}
