//! `GET /api/v1/answers/recent`: *Risposte ricevute negli ultimi 3 giorni* on the home page.

use actix_web::{get, web};
use chrono::{Duration, NaiveDate};
use db::requests::RequestFilter;
use domain::calendar::{rome_date, start_of_rome_day};
use domain::ids::TopicId;
use serde::Deserialize;
use types::problem::Problem;
use types::requests::{RecentAnswer, RecentAnswers};
use utoipa::IntoParams;
use validator::Validate;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::requests::{summary, utc};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

/// Period and search criteria of the panel.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct RecentQuery {
    /// Calendar days covered, today included (1–90, default 3).
    #[param(minimum = 1, maximum = 90)]
    #[validate(range(min = 1, max = 90))]
    pub days: Option<i64>,
    /// Only answers of this day.
    #[param(example = "2026-03-05", format = Date)]
    pub date: Option<NaiveDate>,
    /// Topic id.
    pub topic_id: Option<TopicId>,
    /// Codice fiscale of the citizen.
    #[param(example = "BNCMRA50A01H501U", max_length = 16)]
    #[validate(length(max = 16))]
    pub cf: Option<String>,
    /// Protocol number of the request.
    #[param(max_length = 40)]
    #[validate(length(max = 40))]
    pub protocol: Option<String>,
}

/// Answers received on my requests in the last days (default 3), newest first, with their
/// count; searchable by day, topic, codice fiscale and protocol.
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
    let days = query.days.unwrap_or(3);
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
    let now = state.now();
    let rows = state
        .db(move |conn| {
            let rows = db::requests::recent_answers(conn, user.user_id, since, &filter)?;
            let detail = format!("{} risultati", rows.len());
            audit::record(
                conn,
                &user,
                now,
                AuditAction::Search,
                AuditResource::Answer,
                None,
                Some(detail),
            )?;
            Ok(rows)
        })
        .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(RecentAnswer {
                request: summary(row.summary),
                answered_at: utc(row.answered_at),
                answer_protocol: row.protocol,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(web::Json(RecentAnswers {
        count: items.len(),
        days,
        items,
    }))
}
