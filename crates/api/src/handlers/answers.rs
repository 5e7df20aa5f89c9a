//! `GET /api/v1/answers/recent`: *Risposte ricevute negli ultimi 3 giorni* on the home page.

use actix_web::{get, web};
use chrono::Duration;
use db::requests::RequestFilter;
use domain::calendar::{rome_date, start_of_rome_day};
use domain::lifecycle::RECENT_ANSWER_DAYS;
use types::problem::Problem;
use types::requests::{RecentAnswer, RecentAnswers, RecentQuery};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::requests::{summary, utc};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

/// List the answers received lately.
///
/// Answers received on the caller's own requests in the last `days` calendar days (default 3,
/// today included), newest first, with their total: the home panel *Risposte ricevute negli
/// ultimi 3 giorni*. Searchable by day, topic, codice fiscale and protocol.
#[utoipa::path(
    tag = "requests",
    params(RecentQuery),
    responses(
        (status = 200, description = "The answers.", body = RecentAnswers),
        (status = 403, description = "`profile_not_allowed`: patronato profiles only.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/answers/recent")]
pub async fn recent_answers(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<RecentQuery>,
) -> Result<web::Json<RecentAnswers>, ApiError> {
    user.require_patronato_side()?;
    let query = query.into_inner();
    validate(&query)?;
    let days = query.days.unwrap_or(RECENT_ANSWER_DAYS);
    let first_day = rome_date(state.now()) - Duration::days(days - 1);
    let since = start_of_rome_day(first_day).naive_utc();
    let filter = RequestFilter {
        created_from: query.date.map(|d| start_of_rome_day(d).naive_utc()),
        created_before: query
            .date
            .and_then(|d| d.succ_opt())
            .map(|d| start_of_rome_day(d).naive_utc()),
        topic_id: query.topic_id,
        cf: query.cf.map(|c| c.trim().to_uppercase()),
        protocol: query.protocol.map(|p| p.trim().to_owned()),
        ..Default::default()
    };
    let (trail, reference) = (state.audit.clone(), state.reference.clone());
    let now = state.now();
    let answers = state
        .db(move |conn| {
            let rows = db::requests::recent_answers(conn, user.user_id, since, &filter)?;
            let detail = format!("{} risultati", rows.len());
            trail.read(
                &user,
                now,
                AuditAction::Search,
                AuditResource::Answer,
                None,
                Some(detail),
            )?;
            rows.into_iter()
                .map(|row| {
                    Ok(RecentAnswer {
                        request: summary(conn, &reference, row.request)?,
                        answered_at: utc(row.answered_at),
                        answer_protocol: row.protocol,
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    let total = i64::try_from(answers.len()).unwrap_or(i64::MAX);
    let page = pagination::page_of(answers, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(RecentAnswers {
        items: page.items,
        next_cursor: page.next_cursor,
        total,
        days,
    }))
}
