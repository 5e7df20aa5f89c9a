//! Free-text search of requests (RULES.md R11.3): the same Italian terms on both backends.
//!
//! Text and query go through one function, [`terms`]: lower case, accents folded, Italian stop
//! words dropped, every word reduced to its Snowball Italian stem, so "pensioni" finds
//! "pensione" and "invalidità" finds "invalidita". The terms of a request are stored with it
//! (`requests.search_terms`, written on insert) and indexed by each engine's own full-text
//! index: on PostgreSQL a stored `to_tsvector('simple', …)` column in one GIN index with the
//! scope columns (so a common word is intersected with the scope inside the index), on SQLite
//! an FTS5 table kept in step by triggers. Both match whole terms, all of them.

use std::sync::OnceLock;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use rust_stemmers::{Algorithm, Stemmer};

use crate::connection::MultiBackend;
use crate::schema::requests;
use crate::{search_key, AnyConnection, Backend, DbError};

/// Words too common to search by (articles, prepositions, conjunctions, auxiliaries).
const STOP_WORDS: &[&str] = &[
    "a", "ad", "al", "alla", "alle", "agli", "ai", "all", "allo", "anche", "che", "chi", "ci",
    "come", "con", "da", "dal", "dalla", "dalle", "dai", "dagli", "dall", "de", "degli", "dei",
    "del", "dell", "della", "delle", "dello", "di", "e", "ed", "gli", "ha", "hanno", "i", "il",
    "in", "la", "le", "lo", "ma", "mi", "ne", "nei", "nel", "nell", "nella", "nelle", "nello",
    "non", "o", "per", "piu", "quale", "quali", "se", "si", "sia", "sono", "su", "sul", "sull",
    "sulla", "sulle", "tra", "fra", "un", "una", "uno", "e'", "è",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Italian))
}

/// The search terms of a text: folded, without stop words, stemmed, each once, in order.
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in search_key(text).split(' ') {
        if word.is_empty() || STOP_WORDS.contains(&word) {
            continue;
        }
        let stem = stemmer().stem(word).into_owned();
        if !out.contains(&stem) {
            out.push(stem);
        }
    }
    out
}

/// The terms stored with a request: those of its text and notes.
pub fn index_terms(text: &str, notes: Option<&str>) -> String {
    let mut all = terms(text);
    for term in terms(notes.unwrap_or_default()) {
        if !all.contains(&term) {
            all.push(term);
        }
    }
    all.join(" ")
}

/// A condition on `requests` to put in a boxed query.
pub type TextMatch = Box<dyn BoxableExpression<requests::table, MultiBackend, SqlType = Bool>>;

/// The condition "the request contains every term of `q`", evaluated by the full-text index
/// inside the caller's query (never a list of ids). `None` when `q` has no words at all; a query
/// of stop words only matches nothing.
pub fn text_matches(backend: Backend, q: &str) -> Option<TextMatch> {
    if search_key(q).is_empty() {
        return None;
    }
    let terms = terms(q);
    if terms.is_empty() {
        return Some(Box::new(sql::<Bool>("1 = 0")));
    }
    Some(match backend {
        Backend::Postgres => Box::new(
            sql::<Bool>("requests.search_vector @@ plainto_tsquery('simple', ")
                .bind::<Text, _>(terms.join(" "))
                .sql(")"),
        ),
        Backend::Sqlite => {
            let all: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
            Box::new(
                sql::<Bool>(
                    "requests.id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ",
                )
                .bind::<Text, _>(all.join(" "))
                .sql(")"),
            )
        }
    })
}

/// Fills the search terms of requests stored before they existed (none in a new database);
/// returns how many were filled.
pub fn backfill(conn: &mut AnyConnection) -> Result<usize, DbError> {
    let mut filled = 0;
    loop {
        let batch: Vec<(domain::ids::RequestId, String, Option<String>)> = requests::table
            .filter(requests::search_terms.eq(""))
            .select((requests::id, requests::text, requests::notes))
            .order(requests::id.asc())
            .limit(1000)
            .load(conn)?;
        if batch.is_empty() {
            return Ok(filled);
        }
        crate::write_tx(conn, |conn| {
            for (id, text, notes) in &batch {
                // A text of stop words only still gets a term, so it is not picked up again.
                let terms = Some(index_terms(text, notes.as_deref()))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| "-".to_owned());
                diesel::update(requests::table.find(*id))
                    .set(requests::search_terms.eq(terms))
                    .execute(conn)?;
            }
            Ok::<_, DbError>(())
        })?;
        filled += batch.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_words_reduce_to_the_same_term() {
        let same = [
            ("pensioni", "pensione"),
            ("invalidità", "invalidita"),
            ("Disoccupazione", "disoccupazioni"),
            ("assegni", "assegno"),
            ("contributivi", "contributiva"),
            ("PERCHÉ", "perche"),
        ];
        for (a, b) in same {
            assert_eq!(terms(a), terms(b), "{a} ~ {b}");
            assert_eq!(terms(a).len(), 1, "{a}");
        }
        assert_ne!(terms("pensione"), terms("naspi"));
    }

    #[test]
    fn stop_words_are_not_terms() {
        assert_eq!(
            terms("la pensione di vecchiaia"),
            terms("pensione vecchiaia")
        );
        assert!(terms("di della per").is_empty());
        assert_eq!(
            index_terms("Pensione di vecchiaia", Some("pensioni, vecchiaia")),
            "pension vecchiai"
        );
    }
}
