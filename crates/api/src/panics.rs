//! Panics are defects: they answer 500 with a problem document, are logged with their cause and
//! place, and never leave a database connection behind in a transaction (the pool discards a
//! connection dropped while its thread unwinds: `db::connection::Manager::has_broken`).

use std::panic::AssertUnwindSafe;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use futures_util::FutureExt;

use crate::error::ApiError;

/// Logs every panic of the process through `tracing`, with its message and location, before
/// the default hook's report: the server's log is where operators look.
pub fn log_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let cause = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "non-string panic payload".to_owned());
        tracing::error!(%cause, %place, "panic");
        default(info);
    }));
}

/// Middleware: a handler that panics answers 500 `internal_error` instead of dropping the
/// connection. (A panic inside `AppState::db` already arrives as an error; this covers the
/// async part of a handler.) The panic becomes an error, which actix turns into the problem
/// document: the request itself was moved into the handler and cannot be answered directly.
pub async fn catch_panics(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    match AssertUnwindSafe(next.call(req)).catch_unwind().await {
        Ok(result) => result,
        Err(_) => Err(ApiError::Internal("handler panicked".into()).into()),
    }
}
