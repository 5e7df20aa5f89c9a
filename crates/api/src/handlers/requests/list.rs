//! `GET /api/v1/requests`: the history (*Storico richieste*) and the INPS queue.

use actix_web::{get, web};
use chrono::NaiveDate;
use db::requests::RequestFilter;
use domain::calendar::start_of_rome_day;
use domain::enums::{AuditAction, AuditResource};
use domain::ids::RequestId;
use types::problem::Problem;
use types::requests::{Assignment, ListScope, RequestPage, RequestQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::requests::{access, summary};
use crate::state::AppState;

/// Search the requests.
///
/// The history (*Storico richieste*), newest first, with one or more criteria (date range,
/// topic, protocol, codice fiscale, status, free text) and the number of matches: exact, except
/// that a free-text search stops counting past a limit and then answers `total_is_exact: false`. For
/// officials it is the office queue (`assigned=unassigned` or `mine`).
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
    let (trail, reference) = (state.audit.clone(), state.reference.clone());
    let now = state.now();
    let (rows, total) = state
        .db(move |conn| {
            let (rows, total) = db::requests::list_requests(conn, &scope, &filter, after, limit)?;
            // The history lists codici fiscali: personal data, so the search is audited.
            let detail = total.found_it();
            trail.read(
                &user,
                now,
                AuditAction::Search,
                AuditResource::Request,
                None,
                Some(detail),
            )?;
            let items = rows
                .into_iter()
                .map(|r| summary(conn, &reference, r))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((items, total))
        })
        .await?;
    let next_cursor = if usize::try_from(limit).ok() == Some(rows.len()) {
        rows.last()
            .map(|r| pagination::encode_keyset(r.created_at.naive_utc(), r.id.0))
    } else {
        None
    };
    Ok(web::Json(RequestPage {
        items: rows,
        next_cursor,
        total: total.total,
        total_is_exact: total.exact,
    }))
}
