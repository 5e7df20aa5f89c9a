//! Liveness, readiness and status probes.

use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;
use types::problem::Problem;
use types::system::{Health, Ready};

use crate::error::{ApiError, PROBLEM_BASE};
use crate::state::AppState;

/// Liveness probe.
///
/// The process answers; says nothing about the database (see `/ready`).
#[utoipa::path(
    tag = "system",
    responses((status = 200, description = "The server is running.", body = Health))
)]
#[get("/health")]
pub async fn health() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

async fn database_answers(state: &AppState) -> Result<(), ApiError> {
    state
        .db(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
}

/// Readiness probe.
///
/// The database answers a query; 503 as a problem document (with `Retry-After`) when it does
/// not.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Ready to serve.", body = Ready),
        (status = 503, description = "`service_unavailable`: the database does not answer.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before retrying")))
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> Result<web::Json<Ready>, ApiError> {
    database_answers(&state).await?;
    Ok(web::Json(Ready {
        status: "ok".into(),
        database: state.backend.name().to_owned(),
    }))
}

/// Service status.
///
/// The status of the service in the shape of the Italian interoperability guidelines: a
/// problem document with `status` 200 when the service and its database answer, 503 when not.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "The service works.", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`service_unavailable`: the database does not answer.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u32, description = "Seconds to wait before retrying")))
    )
)]
#[get("/status")]
pub async fn status(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    database_answers(&state).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/problem+json")
        .json(Problem {
            type_uri: format!("{PROBLEM_BASE}ok"),
            title: "Servizio disponibile".into(),
            status: 200,
            detail: "Il servizio e la sua base dati rispondono.".into(),
            code: "ok".into(),
            errors: Vec::new(),
            available_profiles: None,
            allowed_from: None,
            opens_at: None,
            retry_after_seconds: None,
        }))
}
