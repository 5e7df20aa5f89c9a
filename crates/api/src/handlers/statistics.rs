//! `GET /api/v1/statistics`: the seven figures, for one's own requests and the office's.

use actix_web::{get, web};
use chrono::NaiveDate;
use db::requests::RequestFilter;
use domain::access::Scope;
use domain::calendar::start_of_rome_day;
use domain::enums::Profile;
use domain::ids::{OfficeId, TopicId};
use domain::lifecycle;
use serde::Deserialize;
use types::problem::Problem;
use types::requests::{Figures, Statistics};
use utoipa::IntoParams;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::requests::access;
use crate::state::AppState;

/// Topic and period (Europe/Rome days, inclusive) of the statistics.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// Topic id; all topics when absent.
    pub topic_id: Option<TopicId>,
    /// First day.
    #[param(example = "2026-01-01", format = Date)]
    pub date_from: Option<NaiveDate>,
    /// Last day.
    #[param(example = "2026-12-31", format = Date)]
    pub date_to: Option<NaiveDate>,
    /// INPS administrators: the office to report on.
    pub office_id: Option<OfficeId>,
}

fn to_dto(f: db::statistics::Figures) -> Figures {
    Figures {
        open: f.open,
        over_15_days: f.over_15_days,
        first_reminder: f.first_reminder,
        second_reminder: f.second_reminder,
        closed: f.closed,
        appointments_enabled: f.appointments_enabled,
        appointments: f.appointments,
    }
}

/// *Aperte*, *Superati 15 gg*, *1° Sollecito*, *2° Sollecito*, *Chiuse*, *Abilitate
/// appuntamento*, *Appuntamento* for the caller's requests and its office's; on the INPS side
/// per office (officials: their own; INPS admins: any, with `office_id`), with the median time
/// to the first answer.
#[utoipa::path(
    tag = "requests",
    params(StatisticsQuery),
    responses(
        (status = 200, description = "The figures.", body = Statistics),
        (status = 403, description = "`profile_not_allowed`: patronato admins, and INPS admins without `office_id`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/statistics")]
pub async fn get_statistics(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<StatisticsQuery>,
) -> Result<web::Json<Statistics>, ApiError> {
    let query = query.into_inner();
    let office = match (user.profile, query.office_id) {
        (Profile::InpsAdmin, Some(office)) => Scope::InpsOffice(office),
        _ => access::scope(&user, false)?,
    };
    let mine = Scope::own(&user);
    let filter = RequestFilter {
        created_from: query.date_from.map(|d| start_of_rome_day(d).naive_utc()),
        created_before: query
            .date_to
            .and_then(|d| d.succ_opt())
            .map(|d| start_of_rome_day(d).naive_utc()),
        topic_id: query.topic_id,
        ..Default::default()
    };
    let overdue_before = lifecycle::overdue_before(state.now()).naive_utc();
    let statistics = state
        .db(move |conn| {
            let office_figures = db::statistics::figures(conn, &office, &filter, overdue_before)?;
            let mine = mine
                .map(|scope| db::statistics::figures(conn, &scope, &filter, overdue_before))
                .transpose()?;
            let median = match office {
                Scope::InpsOffice(id) => {
                    db::statistics::median_first_answer_secs(conn, id, &filter)?
                }
                _ => None,
            };
            Ok(Statistics {
                mine: mine.map(to_dto),
                office: to_dto(office_figures),
                median_hours_to_first_answer: median.map(|s| (s / 36.0).round() / 100.0),
            })
        })
        .await?;
    Ok(web::Json(statistics))
}
