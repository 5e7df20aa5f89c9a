//! Shared application state and the bridge from async handlers to blocking diesel calls.

use std::sync::Arc;

use actix_web::web;
use chrono::{DateTime, Duration, Utc};
use db::{AnyConnection, Backend, Pool};
use domain::clock::{Clock, ManualClock, OffsetClock, SystemClock};

use crate::audit::Trail;
use crate::auth::jwt::JwtKeys;
use crate::auth::limiter::LoginLimiter;
use crate::blobs::Blobs;
use crate::config::Config;
use crate::error::ApiError;
use crate::reference::Reference;

/// The clock of a sandbox server: it can only be moved forward.
#[derive(Debug)]
pub enum SandboxClock {
    /// Real time plus an offset (a running sandbox server).
    Offset(OffsetClock),
    /// A frozen instant plus an offset (tests).
    Manual {
        /// The clock.
        clock: ManualClock,
        /// Where it started, to report the offset.
        start: DateTime<Utc>,
    },
}

impl SandboxClock {
    /// Real time, movable forward.
    pub fn real() -> SandboxClock {
        SandboxClock::Offset(OffsetClock::new())
    }

    /// A frozen instant, movable forward: deterministic tests.
    pub fn frozen(start: DateTime<Utc>) -> SandboxClock {
        SandboxClock::Manual {
            clock: ManualClock::new(start),
            start,
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        match self {
            SandboxClock::Offset(clock) => clock.advance(by),
            SandboxClock::Manual { clock, .. } => clock.advance(by),
        }
    }

    /// How far the clock has been moved.
    pub fn offset(&self) -> Duration {
        match self {
            SandboxClock::Offset(clock) => clock.offset(),
            SandboxClock::Manual { clock, start } => clock.now() - *start,
        }
    }
}

impl Clock for SandboxClock {
    fn now(&self) -> DateTime<Utc> {
        match self {
            SandboxClock::Offset(clock) => clock.now(),
            SandboxClock::Manual { clock, .. } => clock.now(),
        }
    }
}

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Database pool.
    pub pool: Pool,
    /// Which database engine.
    pub backend: Backend,
    /// Where every business rule reads "now".
    pub clock: Arc<dyn Clock>,
    /// The same clock when the server runs in sandbox mode.
    pub sandbox: Option<Arc<SandboxClock>>,
    /// Configuration.
    pub config: Arc<Config>,
    /// JWT keys and validation rules.
    pub jwt: Arc<JwtKeys>,
    /// Sign-in rate limits.
    pub login_limiter: Arc<LoginLimiter>,
    /// The queue of read entries of the audit trail.
    pub audit: Trail,
    /// Where attachment contents are kept.
    pub blobs: Blobs,
    /// Topics and offices in memory.
    pub reference: Arc<Reference>,
}

impl AppState {
    /// Builds the state; `sandbox` is required in sandbox mode and becomes the clock. A blob
    /// store that cannot be opened (checked by `serve` before it starts) leaves uploads and
    /// downloads answering 503.
    pub fn new(pool: Pool, config: Config, sandbox: Option<Arc<SandboxClock>>) -> AppState {
        let blobs = Blobs::from_config(&config.blobs).unwrap_or_else(|error| {
            tracing::error!(%error, "the blob store cannot be opened");
            Blobs::unavailable()
        });
        let backend = Backend::from_url(&config.database_url);
        let clock: Arc<dyn Clock> = match &sandbox {
            Some(clock) => clock.clone(),
            None => Arc::new(SystemClock),
        };
        AppState {
            backend,
            clock,
            sandbox,
            jwt: Arc::new(JwtKeys::new(&config.jwt_secret)),
            login_limiter: Arc::new(LoginLimiter::new(
                config.login_per_user_per_minute,
                config.login_per_ip_per_minute,
            )),
            audit: Trail::start(
                pool.clone(),
                std::time::Duration::from_millis(config.audit_flush_ms),
            ),
            blobs,
            reference: Arc::default(),
            config: Arc::new(config),
            pool,
        }
    }

    /// Runs diesel work on a blocking thread with a pooled connection.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool
                .get()
                .map_err(|e| ApiError::Unavailable(e.to_string()))?;
            let result = work(&mut conn);
            // A dead connection surfaces as a database error (500 or 503), never as a 4xx: only
            // those are worth a round trip to check the connection.
            if matches!(
                result,
                Err(ApiError::Internal(_) | ApiError::Unavailable(_))
            ) {
                db::check_after_error(&mut conn);
            }
            result
        })
        .await?
    }

    /// "Now" for business rules.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
