//! Topics (argomenti), found by keyword.

use actix_web::{get, web};
use types::page::Page;
use types::problem::Problem;
use types::topics::{TopicDto, TopicQuery};
use types::RequestKind;

use crate::auth::AuthUser;
use crate::dto;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::state::AppState;

/// Find topics by keyword.
///
/// Topics whose label contains every word typed (case- and accent-insensitive), by label: the
/// operator types a word and picks a match. `kind` keeps the topics a request of that kind may
/// use.
#[utoipa::path(
    tag = "topics",
    params(TopicQuery),
    responses(
        (status = 200, description = "Matching topics.", body = Page<TopicDto>),
        (status = 422, description = "`validation_failed` (limit) or `invalid_cursor`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/topics")]
pub async fn list_topics(
    state: web::Data<AppState>,
    _auth: AuthUser,
    query: web::Query<TopicQuery>,
) -> Result<web::Json<Page<TopicDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let filter = db::topics::TopicFilter {
        q: query.q,
        citizen_only: query.kind == Some(RequestKind::Citizen),
        regional_only: query.kind == Some(RequestKind::Regional),
    };
    let items = state
        .db(move |conn| Ok(dto::all(db::topics::search_topics(conn, &filter)?)))
        .await?;
    let page = pagination::page_of(items, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(page))
}
