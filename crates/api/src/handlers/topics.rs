//! Topics (argomenti), found by keyword.

use actix_web::{get, web};
use serde::Deserialize;
use types::page::Page;
use types::problem::Problem;
use types::topics::TopicDto;
use types::RequestKind;
use utoipa::IntoParams;
use validator::Validate;

use crate::auth::AuthUser;
use crate::dto;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::state::AppState;

/// Filters of the topic search.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct TopicQuery {
    /// Keywords: every word must appear in the label (case- and accent-insensitive).
    #[param(example = "pension", max_length = 100)]
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// Only topics this kind of request may use.
    pub kind: Option<RequestKind>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
}

/// Topics matching keywords, by label: the operator types a word and picks a match.
#[utoipa::path(
    tag = "topics",
    params(TopicQuery),
    responses(
        (status = 200, description = "Matching topics.", body = Page<TopicDto>),
        (status = 422, description = "`validation_failed` (limit).", body = Problem, content_type = "application/problem+json")
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
        limit: pagination::limit(query.limit)?,
    };
    let items = state
        .db(move |conn| Ok(dto::all(db::topics::search_topics(conn, &filter)?)))
        .await?;
    Ok(web::Json(Page {
        items,
        next_cursor: None,
    }))
}
