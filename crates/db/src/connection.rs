//! Connections to either backend, chosen by the `DATABASE_URL` scheme, behind one pool.

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::DbError;

/// A connection to SQLite (embedded default) or PostgreSQL (production).
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL.
    Postgresql(PgConnection),
    /// SQLite, in WAL mode with foreign keys enforced.
    Sqlite(SqliteConnection),
}

/// Which database engine a URL points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (`sqlite://path`, `file:path` or a bare path).
    Sqlite,
    /// A PostgreSQL server (`postgres://` or `postgresql://`).
    Postgres,
}

impl Backend {
    /// Tells the backend from the URL scheme.
    pub fn from_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// The name shown in logs and `/ready`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgresql",
        }
    }
}

/// The connection pool shared by the whole server.
pub type Pool = r2d2::Pool<Manager>;
/// A connection borrowed from the pool.
pub type PooledConn = r2d2::PooledConnection<Manager>;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// Opens connections of the backend named by the URL.
///
/// Written by hand instead of using the MultiConnection's own `establish`, which tries every
/// backend in turn and hides the real error (e.g. "connection refused") behind a generic one.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    backend: Backend,
}

impl Manager {
    /// A manager for the given URL.
    pub fn new(url: &str) -> Manager {
        let backend = Backend::from_url(url);
        let url = match backend {
            Backend::Sqlite => url.strip_prefix("sqlite://").unwrap_or(url).to_owned(),
            Backend::Postgres => url.to_owned(),
        };
        Manager { url, backend }
    }

    /// The backend this manager connects to.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, r2d2::Error> {
        match self.backend {
            Backend::Postgres => {
                // Prepared statements switch to a generic plan after five runs, except the
                // history's (`fixed_sql::PlannedEachTime`).
                let conn =
                    PgConnection::establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
                Ok(AnyConnection::Postgresql(conn))
            }
            Backend::Sqlite => {
                let mut conn =
                    SqliteConnection::establish(&self.url).map_err(r2d2::Error::ConnectionError)?;
                // Durability first: a request, once acknowledged, must survive a crash.
                conn.batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 15000;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(AnyConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), r2d2::Error> {
        diesel::sql_query("SELECT 1")
            .execute(conn)
            .map(|_| ())
            .map_err(r2d2::Error::QueryError)
    }

    /// A connection goes back to the pool only when it is clean: not while the thread unwinds
    /// from a panic (the work may have stopped mid-transaction) and not with a transaction still
    /// open or its manager in error. A discarded SQLite connection closes, which rolls back
    /// and releases the write lock.
    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        std::thread::panicking() || conn.is_broken() || LOST.with(|lost| lost.replace(false))
    }
}

thread_local! {
    /// Set by [`check_after_error`] on the thread that holds a connection found dead.
    static LOST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// After work on `conn` failed: whether the connection itself still answers, and if not, that
/// the pool must drop it when it comes back (on this thread) instead of handing it out again.
/// Connections are not tested when they leave the pool (a round trip on every request), so a
/// server restarted under a pool is noticed here, once per dead connection.
pub fn check_after_error(conn: &mut AnyConnection) {
    if diesel::sql_query("SELECT 1").execute(conn).is_err() {
        LOST.with(|lost| lost.set(true));
    }
}

/// Builds the pool; fails fast (a few seconds) when the database is unreachable.
pub fn build_pool(url: &str, max_size: u32) -> Result<Pool, DbError> {
    let manager = Manager::new(url);
    let max_size = match manager.backend() {
        // SQLite serialises writers anyway; a small pool avoids lock contention.
        Backend::Sqlite => max_size.min(8),
        Backend::Postgres => max_size,
    };
    r2d2::Pool::builder()
        .max_size(max_size)
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(5))
        .build(manager)
        .map_err(|e| DbError::Connect(e.to_string()))
}

/// Applies pending migrations of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<(), DbError> {
    let result = match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// Reverts every migration, then applies them again (used by the migration tests).
pub fn redo_all_migrations(conn: &mut AnyConnection) -> Result<(), DbError> {
    let error = |e: Box<dyn std::error::Error + Send + Sync>| DbError::Migration(e.to_string());
    match conn {
        AnyConnection::Sqlite(c) => {
            c.revert_all_migrations(SQLITE_MIGRATIONS).map_err(error)?;
            c.run_pending_migrations(SQLITE_MIGRATIONS).map_err(error)?;
        }
        AnyConnection::Postgresql(c) => {
            c.revert_all_migrations(POSTGRES_MIGRATIONS)
                .map_err(error)?;
            c.run_pending_migrations(POSTGRES_MIGRATIONS)
                .map_err(error)?;
        }
    }
    Ok(())
}

/// The backend of an open connection.
pub fn backend_of(conn: &AnyConnection) -> Backend {
    match conn {
        AnyConnection::Sqlite(_) => Backend::Sqlite,
        AnyConnection::Postgresql(_) => Backend::Postgres,
    }
}

/// The turn of this process's SQLite writers (see [`write_tx`]).
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Whether this thread holds [`SQLITE_WRITER`]: a nested `write_tx` must fail as SQLite
    /// refuses a nested `BEGIN`, not wait for itself.
    static HOLDS_SQLITE_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// This thread's turn among the SQLite writers, held until dropped.
struct SqliteTurn(Option<std::sync::MutexGuard<'static, ()>>);

impl SqliteTurn {
    fn take() -> SqliteTurn {
        if HOLDS_SQLITE_TURN.with(std::cell::Cell::get) {
            return SqliteTurn(None);
        }
        let guard = SQLITE_WRITER
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        HOLDS_SQLITE_TURN.with(|held| held.set(true));
        SqliteTurn(Some(guard))
    }
}

impl Drop for SqliteTurn {
    fn drop(&mut self) {
        if self.0.is_some() {
            HOLDS_SQLITE_TURN.with(|held| held.set(false));
        }
    }
}

/// Runs `f` in a write transaction, through diesel's transaction manager (so a failure, a nested
/// transaction or a broken connection is tracked the same way on both backends).
///
/// On SQLite the transaction starts with `BEGIN IMMEDIATE`, taking the write lock up front: a
/// deferred transaction that reads and then writes can fail with `SQLITE_BUSY` under concurrency
/// instead of waiting for its turn. It is diesel's own `immediate_transaction`, started on the
/// inner connection so that `f` still gets the multi-backend one.
pub fn write_tx<T, E>(
    conn: &mut AnyConnection,
    f: impl FnOnce(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    match conn {
        AnyConnection::Postgresql(_) => conn.transaction(f),
        AnyConnection::Sqlite(sqlite) => {
            // SQLite has one writer; a writer that finds the lock taken polls for it with
            // growing sleeps (up to 100 ms each), so under load a write could wait a second
            // behind others that came later. The writers of this process queue here instead,
            // and take the lock in turn as it is released; `busy_timeout` still covers other
            // processes.
            let _turn = SqliteTurn::take();
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
            match f(conn) {
                Ok(value) => {
                    AnyConnection::commit_transaction(conn)?;
                    Ok(value)
                }
                Err(e) => {
                    AnyConnection::rollback_transaction(conn)?;
                    Err(e)
                }
            }
        }
    }
}

/// Runs the same diesel expression on the concrete connection of either backend, for the
/// statements the multi-backend DSL cannot express (batch inserts, upserts, row locks).
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::AnyConnection::Sqlite($c) => $body,
            $crate::AnyConnection::Postgresql($c) => $body,
        }
    };
}

/// The enums and ids of `domain` as columns of the multi-backend connection: each delegates to
/// the impl of the concrete backend (`domain::sql`).
macro_rules! multi_backend_columns {
    (text: [$($text:ty),* $(,)?], bigint: [$($bigint:ty),* $(,)?] $(,)?) => {
        $(multi_backend_columns!(@one $text, diesel::sql_types::Text);)*
        $(multi_backend_columns!(@one $bigint, diesel::sql_types::BigInt);)*
    };
    (@one $ty:ty, $sql:ty) => {
        impl diesel::serialize::ToSql<$sql, MultiBackend> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, MultiBackend>,
            ) -> diesel::serialize::Result {
                out.set_value((<$sql>::default(), self));
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::deserialize::FromSql<$sql, MultiBackend> for $ty {
            fn from_sql(
                bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                bytes.from_sql::<$ty, $sql>()
            }
        }
    };
}
domain::column_types!(multi_backend_columns);
