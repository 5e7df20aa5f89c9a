//! `GET /api/v1/requests`: the history (*Storico richieste*) and the INPS queue.

use actix_web::{get, web};
use chrono::NaiveDate;
use db::requests::RequestFilter;
use domain::calendar::start_of_rome_day;
use domain::enums::RequestStatus;
use domain::ids::{RequestId, TopicId};
use serde::{Deserialize, Serialize};
use types::problem::Problem;
use types::requests::RequestPage;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{formats, validate};
use crate::pagination;
use crate::requests::{access, summary};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

/// Which requests: the caller's own, or all those of its office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListScope {
    /// *Le mie richieste*.
    Mine,
    /// *Tutte le richieste* of the office (the region for referents, the INPS office for officials).
    #[default]
    Office,
}

/// INPS queue filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    /// Taken by the caller.
    Mine,
    /// Not taken by anybody.
    Unassigned,
}

/// Search criteria: combine freely; dates are Europe/Rome calendar days, inclusive.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// `mine` or `office` (default).
    pub scope: Option<ListScope>,
    /// Sent on or after this day.
    #[param(example = "2026-03-01", format = Date)]
    pub date_from: Option<NaiveDate>,
    /// Sent on or before this day.
    #[param(example = "2026-03-31", format = Date)]
    pub date_to: Option<NaiveDate>,
    /// Topic id.
    pub topic_id: Option<TopicId>,
    /// Exact protocol number.
    #[param(example = "INPS.7013.02/03/2026.0000002", max_length = 40)]
    #[validate(length(max = 40))]
    pub protocol: Option<String>,
    /// Exact codice fiscale of the citizen.
    #[param(example = "BNCMRA50A01H501U", max_length = 16)]
    #[validate(length(max = 16))]
    pub cf: Option<String>,
    /// Status.
    pub status: Option<RequestStatus>,
    /// Words in the text or notes.
    #[param(example = "pensione", max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    /// INPS queue: `mine` or `unassigned`.
    pub assigned: Option<Assignment>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    #[validate(custom(function = "formats::cursor"))]
    pub cursor: Option<String>,
}

/// The history of requests, newest first, with one or more search criteria (date range, topic,
/// protocol, codice fiscale, status, free text) and the exact number of matches. For officials
/// it is the office queue (`assigned=unassigned` or `mine`).
#[utoipa::path(
    tag = "requests",
    params(RequestQuery),
    responses(
        (status = 200, description = "A page of requests.", body = RequestPage),
        (status = 403, description = "`profile_not_allowed`: admins have no request history.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` or `invalid_cursor`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests")]
pub async fn list_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<RequestQuery>,
) -> Result<web::Json<RequestPage>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let limit = pagination::limit(query.limit)?;
    let after = query
        .cursor
        .as_deref()
        .map(pagination::decode_keyset)
        .transpose()?
        .map(|(at, id)| (at, RequestId(id)));
    let scope = access::scope(&user, query.scope == Some(ListScope::Mine))?;
    let day_after = |d: NaiveDate| d.succ_opt().map(start_of_rome_day);
    let filter = RequestFilter {
        created_from: query.date_from.map(|d| start_of_rome_day(d).naive_utc()),
        created_before: query.date_to.and_then(day_after).map(|t| t.naive_utc()),
        topic_id: query.topic_id,
        protocol: query.protocol.map(|p| p.trim().to_owned()),
        cf: query.cf.map(|c| c.trim().to_uppercase()),
        status: query.status,
        official_id: (query.assigned == Some(Assignment::Mine)).then_some(user.user_id),
        unassigned: query.assigned == Some(Assignment::Unassigned),
        q: query.q.filter(|q| !q.trim().is_empty()),
    };
    let now = state.now();
    let (rows, total) = state
        .db(move |conn| {
            let page = db::requests::list_requests(conn, &scope, &filter, after, limit)?;
            // The history lists codici fiscali: personal data, so the search is audited.
            let detail = format!("{} risultati", page.1);
            audit::record(
                conn,
                &user,
                now,
                AuditAction::Search,
                AuditResource::Request,
                None,
                Some(detail),
            )?;
            Ok(page)
        })
        .await?;
    let next_cursor = if usize::try_from(limit).ok() == Some(rows.len()) {
        rows.last()
            .map(|r| pagination::encode_keyset(r.request.created_at, r.request.id.0))
    } else {
        None
    };
    let items = rows.into_iter().map(summary).collect();
    Ok(web::Json(RequestPage {
        items,
        next_cursor,
        total,
    }))
}
