//! The sandbox test clock (only with `--demo` or `COMBIPAT_SANDBOX=1`; otherwise 404).

use std::sync::Arc;

use actix_web::{get, post, web};
use chrono::Duration;
use domain::calendar::rome_date;
use domain::clock::Clock;
use types::problem::Problem;
use types::system::{AdvanceClock, SandboxClock as SandboxClockDto};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::state::{AppState, SandboxClock};

fn sandbox(state: &AppState) -> Result<Arc<SandboxClock>, ApiError> {
    state
        .sandbox
        .clone()
        .ok_or_else(|| ApiError::not_found("not_found", "La risorsa richiesta non esiste."))
}

fn describe(clock: &SandboxClock) -> SandboxClockDto {
    let now = clock.now();
    SandboxClockDto {
        now,
        today: rome_date(now),
        offset_days: clock.offset().num_days(),
    }
}

/// Show the sandbox clock.
///
/// The server's "now", which every time rule reads, and how far it was moved. Only on sandbox
/// servers (`serve --demo` or `COMBIPAT_SANDBOX=1`); elsewhere 404.
#[utoipa::path(
    tag = "sandbox",
    responses(
        (status = 200, description = "The sandbox clock.", body = SandboxClockDto),
        (status = 404, description = "The server is not in sandbox mode.", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/sandbox/clock")]
pub async fn show_clock(
    state: web::Data<AppState>,
) -> Result<web::Json<SandboxClockDto>, ApiError> {
    let clock = sandbox(&state)?;
    Ok(web::Json(describe(&clock)))
}

/// Move the sandbox clock forward.
///
/// By whole days, e.g. to reach a reminder date; it never goes back. Only on sandbox servers.
#[utoipa::path(
    tag = "sandbox",
    request_body = AdvanceClock,
    responses(
        (status = 200, description = "The clock after the move.", body = SandboxClockDto),
        (status = 404, description = "The server is not in sandbox mode.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/sandbox/clock")]
pub async fn advance_clock(
    state: web::Data<AppState>,
    auth: Option<AuthUser>,
    body: web::Json<AdvanceClock>,
) -> Result<web::Json<SandboxClockDto>, ApiError> {
    // Outside sandbox mode the path does not exist, whoever asks.
    let clock = sandbox(&state)?;
    auth.ok_or_else(|| ApiError::Unauthorized {
        code: "missing_token",
        detail: "Autenticazione necessaria: inviare un token di accesso valido.".into(),
    })?;
    let body = body.into_inner();
    validate(&body)?;
    clock.advance(Duration::days(body.advance_days));
    Ok(web::Json(describe(&clock)))
}
