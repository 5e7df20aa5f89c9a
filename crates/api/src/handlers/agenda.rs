//! The agenda of an INPS office: its consultation points and slots, published by its officials,
//! and the free slots patronato operators book into.

use actix_web::{get, post, web, HttpResponse};
use chrono::Weekday;
use domain::calendar::{rome_date, start_of_rome_day};
use domain::enums::{AuditAction, AuditResource};
use types::appointments::{
    ConsultationPointDto, NewConsultationPoint, NewSlots, SlotDto, SlotQuery, SlotsCreated,
};
use types::ids::OfficeId;
use types::page::{Page, PageQuery};
use types::problem::Problem;

use crate::appointments::{managed_office, point_dto, slot_dto};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::state::AppState;

/// Longest range a weekly pattern may cover in one call.
const MAX_PATTERN_DAYS: i64 = 366;
/// Most slots listed in one search (the page then narrows them).
const MAX_FREE_SLOTS: i64 = 1000;

/// List an office's consultation points.
///
/// The *punti di consulenza* of an INPS office: name, topics and channels.
#[utoipa::path(
    tag = "agenda",
    params(("id" = OfficeId, Path, description = "INPS office id"), PageQuery),
    responses(
        (status = 200, description = "Consultation points by name.", body = Page<ConsultationPointDto>),
        (status = 404, description = "`office_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/offices/{id}/consultation-points")]
pub async fn list_points(
    state: web::Data<AppState>,
    _user: AuthUser,
    id: web::Path<OfficeId>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<ConsultationPointDto>>, ApiError> {
    let office = id.into_inner();
    let query = query.into_inner();
    validate(&query)?;
    let points = state
        .db(move |conn| {
            existing_office(conn, office)?;
            db::appointments::points_of(conn, office)?
                .into_iter()
                .map(|p| point_dto(conn, p))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(web::Json(pagination::page_of(
        points,
        query.limit,
        query.cursor.as_deref(),
    )?))
}

fn existing_office(conn: &mut db::AnyConnection, office: OfficeId) -> Result<(), ApiError> {
    db::offices::get_office(conn, office)?
        .map(|_| ())
        .ok_or_else(crate::handlers::offices::office_not_found)
}

/// Add a consultation point.
///
/// Officials add points to their own office's agenda.
#[utoipa::path(
    tag = "agenda",
    params(("id" = OfficeId, Path, description = "INPS office id (the official's own)")),
    request_body = NewConsultationPoint,
    responses(
        (status = 201, description = "Added.", body = ConsultationPointDto),
        (status = 403, description = "`agenda_officials_only` or `not_your_office`.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`not_found`: no such office.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` or `invalid_reference` (a topic that does not exist).", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/offices/{id}/consultation-points")]
pub async fn create_point(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<OfficeId>,
    body: web::Json<NewConsultationPoint>,
) -> Result<HttpResponse, ApiError> {
    let office = own_office(&user, id.into_inner())?;
    let body = body.into_inner();
    validate(&body)?;
    let now = state.now();
    let point = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                for topic in &body.topic_ids {
                    db::topics::get_topic(conn, *topic)?.ok_or_else(|| {
                        ApiError::rule("invalid_reference", "Un argomento indicato non esiste.")
                    })?;
                }
                let id = db::appointments::insert_point(
                    conn,
                    office,
                    body.name.trim(),
                    &body.topic_ids,
                    &body.channels,
                    now.naive_utc(),
                )?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Create,
                    AuditResource::Agenda,
                    Some(id.to_string()),
                    Some(format!("punto di consulenza {}", body.name.trim())),
                )?;
                let point = db::appointments::get_point(conn, id)?
                    .ok_or_else(|| ApiError::Internal("new point is missing".into()))?;
                point_dto(conn, point)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(point))
}

/// The caller's office when it is `office`; 403 otherwise.
fn own_office(user: &AuthUser, office: OfficeId) -> Result<OfficeId, ApiError> {
    if managed_office(user)? == office {
        Ok(office)
    } else {
        Err(ApiError::Forbidden {
            code: "not_your_office",
            detail: "L'agenda può essere modificata solo dai funzionari della sede.".into(),
        })
    }
}

/// The start instants a request for new slots names: one, or a weekly pattern.
fn starts_of(body: &NewSlots) -> Result<Vec<chrono::DateTime<chrono::Utc>>, ApiError> {
    match (&body.starts_at, &body.weekly) {
        (Some(at), None) => Ok(vec![*at]),
        (None, Some(weekly)) => {
            let days = (weekly.to - weekly.from).num_days();
            if !(0..MAX_PATTERN_DAYS).contains(&days) {
                return Err(ApiError::field(
                    "validation_failed",
                    "weekly.to",
                    "range",
                    format!(
                        "L'intervallo deve iniziare prima della fine e coprire al massimo \
                         {MAX_PATTERN_DAYS} giorni."
                    ),
                ));
            }
            let weekdays: Vec<Weekday> = weekly.weekdays.iter().map(|d| d.0).collect();
            let times: Vec<_> = weekly.times.iter().map(|t| t.0).collect();
            Ok(domain::appointments::weekly_starts(
                weekly.from,
                weekly.to,
                &weekdays,
                &times,
            ))
        }
        _ => Err(ApiError::field(
            "validation_failed",
            "starts_at",
            "one_of",
            "Indicare l'inizio di una disponibilità (starts_at) oppure uno schema settimanale \
             (weekly), non entrambi."
                .into(),
        )),
    }
}

/// Publish slots.
///
/// One slot (`starts_at`) or a weekly pattern over a date range (`weekly`, Europe/Rome times;
/// weekdays 1 = Monday … 7 = Sunday). Starts where the point already has a slot are skipped and
/// counted. The channels must be among the point's.
#[utoipa::path(
    tag = "agenda",
    request_body = NewSlots,
    responses(
        (status = 201, description = "Published.", body = SlotsCreated),
        (status = 403, description = "`agenda_officials_only`.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`consultation_point_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` or `channel_not_offered`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/slots")]
pub async fn create_slots(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<NewSlots>,
) -> Result<HttpResponse, ApiError> {
    let office = managed_office(&user)?;
    let body = body.into_inner();
    validate(&body)?;
    let starts: Vec<_> = starts_of(&body)?.iter().map(|s| s.naive_utc()).collect();
    let now = state.now();
    let created = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let point = db::appointments::get_point(conn, body.point_id)?
                    .filter(|p| p.office_id == office)
                    .ok_or_else(|| {
                        ApiError::not_found(
                            "consultation_point_not_found",
                            "Il punto di consulenza non esiste in questa sede.",
                        )
                    })?;
                if body.channels.iter().any(|c| !point.channels.contains(c)) {
                    return Err(domain::appointments::Refusal::ChannelNotOffered.into());
                }
                let new = db::appointments::NewSlots {
                    office,
                    point: point.id,
                    duration_minutes: body.duration_minutes,
                    channels: &body.channels,
                    created_by: user.user_id,
                    now: now.naive_utc(),
                };
                let (slots, skipped) = db::appointments::insert_slots(conn, &new, &starts)?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Create,
                    AuditResource::Agenda,
                    Some(point.id.to_string()),
                    Some(format!(
                        "{} disponibilità, {skipped} già presenti",
                        slots.len()
                    )),
                )?;
                Ok(SlotsCreated {
                    created: slots.into_iter().map(slot_dto).collect(),
                    skipped: i64::try_from(skipped).unwrap_or(i64::MAX),
                })
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// List free slots.
///
/// Slots of an office not booked yet and still to come, earliest first; by topic (the
/// consultation point handles it), channel and period (Europe/Rome days, default from today).
#[utoipa::path(
    tag = "agenda",
    params(SlotQuery),
    responses(
        (status = 200, description = "Free slots, earliest first.", body = Page<SlotDto>)
    ),
    security(("bearer" = []))
)]
#[get("/slots")]
pub async fn list_slots(
    state: web::Data<AppState>,
    _user: AuthUser,
    query: web::Query<SlotQuery>,
) -> Result<web::Json<Page<SlotDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let now = state.now();
    let from = query.from.unwrap_or_else(|| rome_date(now));
    let after = start_of_rome_day(from).max(now).naive_utc();
    let before = query
        .to
        .and_then(|to| to.succ_opt())
        .map(|next| start_of_rome_day(next).naive_utc());
    let filter = db::appointments::FreeSlots {
        office: query.office_id,
        topic: query.topic_id,
        channel: query.channel,
        after,
        before,
        limit: MAX_FREE_SLOTS,
    };
    let slots = state
        .db(move |conn| Ok(db::appointments::free_slots(conn, &filter)?))
        .await?;
    let items = slots.into_iter().map(slot_dto).collect();
    Ok(web::Json(pagination::page_of(
        items,
        query.limit,
        query.cursor.as_deref(),
    )?))
}
