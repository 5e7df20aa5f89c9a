//! Persistence of Scrivi alla sede: one diesel schema on SQLite and PostgreSQL, embedded
//! migrations, reference and demo data, and the queries of each aggregate.
//!
//! Row structs live next to the queries that read them and never derive `Serialize`: the API
//! maps them into the wire types of the `types` crate.

pub mod appointments;
pub mod attachments;
pub mod audit;
pub mod citizens;
pub mod connection;
pub mod fixed_sql;
pub mod offices;
pub mod passwords;
pub mod practices;
pub mod request_counts;
pub mod request_detail;
pub mod requests;
pub mod schema;
pub mod search;
pub mod seed;
pub mod statistics;
pub mod territory;
pub mod tokens;
pub mod topics;
pub mod users;

pub use connection::{
    backend_of, build_pool, check_after_error, redo_all_migrations, run_migrations, write_tx,
    AnyConnection, Backend, Manager, Pool, PooledConn,
};

/// Everything that can go wrong below the API.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database could not be reached or opened.
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    /// A migration failed to apply or revert.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A statement failed.
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// No connection became free in time.
    #[error("no database connection available: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// The committed reference data or a seed step is inconsistent.
    #[error("seed data: {0}")]
    Seed(String),
}

/// Lower-cases and strips accents and punctuation, for case- and accent-insensitive search
/// columns (`name_search`, `label_search`).
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        let folded = match ch {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'š' => 's',
            'ž' => 'z',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(folded);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_folds_case_accents_and_punctuation() {
        assert_eq!(search_key("Forlì-Cesena"), "forli cesena");
        assert_eq!(search_key("  INVALIDITA' CIVILE "), "invalidita civile");
        assert_eq!(search_key("Sant'Angelo"), "sant angelo");
    }

    #[test]
    fn like_escape_escapes_wildcards() {
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }
}
