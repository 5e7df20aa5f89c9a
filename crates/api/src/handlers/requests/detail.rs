//! `GET /api/v1/requests/{id}`.

use actix_web::{get, web};
use types::ids::RequestId;
use types::problem::Problem;
use types::requests::RequestDetail;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::handlers::requests::read_detail;
use crate::state::AppState;

/// Show a request.
///
/// Every field of the detail screen, the conversation, reminder dates, the history and the
/// actions the caller may take now (with the reason and date when not).
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id")),
    responses(
        (status = 200, description = "The request.", body = RequestDetail),
        (status = 404, description = "`request_not_found`: no such request, or not visible to the active profile.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}")]
pub async fn show_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    let id = id.into_inner();
    let (trail, reference) = (state.audit.clone(), state.reference.clone());
    let now = state.now();
    let detail = state
        .db(move |conn| read_detail(conn, &trail, &reference, &user, id, None, now))
        .await?;
    Ok(web::Json(detail))
}
