//! `GET /api/v1/requests/{id}/summary.pdf`: *Stampa riepilogo*.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpResponse};
use types::files::Binary;
use types::ids::RequestId;
use types::problem::Problem;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::handlers::requests::read_detail;
use crate::requests::printout;
use crate::state::AppState;

/// Print a request.
///
/// A PDF of the request's fields, the citizen, and every message with its protocol, author,
/// time and attachments (names and SHA-256), ready to print or file.
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id")),
    responses(
        (status = 200, description = "The summary (A4).", content_type = "application/pdf", body = Binary,
            headers(("Content-Disposition" = String, description = "`inline; filename=\"riepilogo-<id>.pdf\"`"))),
        (status = 404, description = "`request_not_found`: no such request, or not visible to the active profile.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}/summary.pdf")]
pub async fn print_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (trail, reference) = (state.audit.clone(), state.reference.clone());
    let now = state.now();
    let detail = state
        .db(move |conn| {
            read_detail(
                conn,
                &trail,
                &reference,
                &user,
                id,
                Some("summary.pdf"),
                now,
            )
        })
        .await?;
    let pdf = web::block(move || printout::render(&detail, now))
        .await?
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Inline,
        parameters: vec![DispositionParam::Filename(format!("riepilogo-{id}.pdf"))],
    };
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, disposition))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(pdf))
}
