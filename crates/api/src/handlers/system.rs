//! Liveness and readiness probes.

use actix_web::{get, web, HttpResponse};
use diesel::RunQueryDsl;
use types::system::{Health, Ready};

use crate::state::AppState;

/// Liveness: the process answers.
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

/// Readiness: the database answers a query.
#[utoipa::path(
    tag = "system",
    responses(
        (status = 200, description = "Ready to serve.", body = Ready),
        (status = 503, description = "The database does not answer.", body = Ready)
    )
)]
#[get("/ready")]
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let database = state.backend.name().to_owned();
    let ok = state
        .db(|conn| {
            diesel::sql_query("SELECT 1").execute(conn)?;
            Ok(())
        })
        .await
        .is_ok();
    if ok {
        HttpResponse::Ok().json(Ready {
            status: "ok".into(),
            database,
        })
    } else {
        HttpResponse::ServiceUnavailable().json(Ready {
            status: "unavailable".into(),
            database,
        })
    }
}
