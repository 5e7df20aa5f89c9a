//! Appointments: eligibility of a request, booking, the booker's and the office's lists, detail,
//! cancellation, the calendar file and the web meeting room.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use db::appointments::{BookingConflict, Bookings, NewAppointment};
use db::AnyConnection;
use domain::appointments::{check_booking, check_office_reason, stored_as, Refusal};
use domain::calendar::{start_of_rome_day, ROME};
use domain::enums::{AppointmentStatus, AuditAction, AuditResource, Channel, EventKind};
use types::appointments::{
    AppointmentDto, AppointmentQuery, BookAppointment, CancelAppointment, Eligibility,
    EligibilityCase, JoinLink,
};
use types::files::Binary;
use types::ids::{AppointmentId, RequestId};
use types::page::Page;
use types::problem::Problem;

use crate::appointments::{
    calendar, cancel_rule, dto, join, managed_office, readable, room_url, slot_rule,
};
use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::{read, readable as readable_request};
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::pagination;
use crate::requests::detail::candidate;
use crate::requests::utc;
use crate::state::AppState;

/// Most bookings one list loads (the page then narrows them).
const MAX_LISTED: i64 = 500;

/// Whether a request can get an appointment.
///
/// Eligible when the caller sent it, it has no active appointment, and one of the cases holds:
/// (a) awaiting an answer for more than 15 days, (b) enabled by the official, (c) the
/// conversation cannot continue. The request detail's `book_appointment` says the same.
#[utoipa::path(
    tag = "appointments",
    params(("id" = RequestId, Path, description = "Request id")),
    responses(
        (status = 200, description = "Eligible or not, the cases that hold, or why not.", body = Eligibility),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}/appointment-eligibility")]
pub async fn show_eligibility(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
) -> Result<web::Json<Eligibility>, ApiError> {
    let id = id.into_inner();
    let trail = state.audit.clone();
    let now = state.now();
    let eligibility = state
        .db(move |conn| {
            let request = read(
                conn,
                &trail,
                &user,
                id,
                Some("appointment-eligibility"),
                now,
            )?;
            let reminders = db::requests::reminders_of(conn, id)?;
            let booking = candidate(
                conn,
                &user,
                &request,
                &request.conversation(&reminders),
                now,
            )?;
            let topic = db::topics::get_topic(conn, request.topic_id)?
                .ok_or_else(|| ApiError::Internal("topic of a request is missing".into()))?;
            let refusal = booking.check().err();
            Ok(Eligibility {
                request_id: id,
                topic: types::requests::TopicRef {
                    id: topic.id,
                    label: topic.label,
                },
                office_id: request.office_id,
                eligible: refusal.is_none(),
                cases: booking
                    .reasons
                    .iter()
                    .map(|r| EligibilityCase {
                        case: r.case().into(),
                        code: r.code().into(),
                        message: r.message_it(),
                    })
                    .collect(),
                code: refusal.as_ref().map(|r| r.code().to_owned()),
                reason: refusal.as_ref().map(Refusal::message_it),
            })
        })
        .await?;
    Ok(web::Json(eligibility))
}

fn slot_not_found() -> ApiError {
    ApiError::not_found(
        "slot_not_found",
        "La disponibilità scelta non esiste o non è più pubblicata.",
    )
}

fn when(at: DateTime<Utc>) -> String {
    at.with_timezone(&ROME).format("%d/%m/%Y %H:%M").to_string()
}

/// Checks and stores a booking; the decisive checks run under the requests' row locks and the
/// slot's unique index, so of concurrent bookings of one slot exactly one succeeds.
fn book(
    conn: &mut AnyConnection,
    user: &AuthUser,
    body: &BookAppointment,
    meeting_base: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let mut ids = body.request_ids.clone();
    ids.sort();
    ids.dedup();
    let mut candidates = Vec::new();
    for id in &ids {
        let request = readable_request(conn, user, *id, true)?;
        let reminders = db::requests::reminders_of(conn, *id)?;
        candidates.push(candidate(
            conn,
            user,
            &request,
            &request.conversation(&reminders),
            now,
        )?);
    }
    let slot = db::appointments::get_slot(conn, body.slot_id)?.ok_or_else(slot_not_found)?;
    let point = db::appointments::get_point(conn, slot.point_id)?.ok_or_else(slot_not_found)?;
    check_booking(
        &candidates,
        &slot_rule(&slot, &point.topics),
        body.channel,
        now,
    )?;
    let new = NewAppointment {
        slot_id: slot.id,
        booked_by: user.user_id,
        channel: body.channel,
        topic_id: candidates[0].topic,
        notes: body
            .notes
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        status: AppointmentStatus::Booked,
        room_url: (body.channel == Channel::WebMeeting).then(|| room_url(meeting_base)),
        created_at: now.naive_utc(),
    };
    let id = db::appointments::book(conn, &new, &ids).map_err(|e| match e {
        BookingConflict::SlotTaken => ApiError::from(Refusal::SlotTaken),
        BookingConflict::RequestBooked => ApiError::from(Refusal::AlreadyBooked),
        BookingConflict::Db(e) => e.into(),
    })?;
    let detail = format!(
        "{} ({})",
        when(utc(slot.starts_at)),
        body.channel.label_it()
    );
    record_on_requests(conn, user, &ids, EventKind::AppointmentBooked, &detail, now)?;
    audit::record(
        conn,
        user,
        now,
        AuditAction::Create,
        AuditResource::Appointment,
        Some(id.to_string()),
        Some(detail),
    )?;
    let (appointment, slot) = readable(conn, user, id)?;
    let dto = dto(conn, user, appointment, slot, now)?;
    serde_json::to_string(&dto).map_err(|e| ApiError::Internal(e.to_string()))
}

fn record_on_requests(
    conn: &mut AnyConnection,
    user: &AuthUser,
    requests: &[RequestId],
    kind: EventKind,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for request in requests {
        db::requests::record_event(
            conn,
            &db::requests::Event {
                request_id: *request,
                kind,
                actor_id: Some(user.user_id),
                from_office_id: None,
                to_office_id: None,
                detail: Some(detail.to_owned()),
                created_at: now.naive_utc(),
            },
        )?;
    }
    Ok(())
}

/// Book an appointment.
///
/// One slot, a channel it offers, one or two of the caller's own eligible requests about the
/// same topic, whose destination office publishes the slot and whose consultation point handles
/// the topic. A slot is booked at most once: the loser of a race gets 409 `slot_taken`.
#[utoipa::path(
    tag = "appointments",
    params(IdempotencyHeader),
    request_body = BookAppointment,
    responses(
        (status = 201, description = "Booked.", body = AppointmentDto,
            headers(("Location" = String, description = "The appointment"))),
        (status = 403, description = "`own_requests_only`.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found` or `slot_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`slot_taken`, `slot_past`, `not_eligible` or `request_already_booked`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `appointment_request_count`, `different_topics`, `other_office`, `topic_not_handled` or `channel_not_offered`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/appointments")]
pub async fn book_appointment(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    body: web::Json<BookAppointment>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    validate(&body)?;
    let op = Operation::new(user.user_id, key, "POST /api/v1/appointments".into(), &body)?;
    let now = state.now();
    let base = state.config.meeting_base_url.clone();
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                book(conn, &user, &body, &base, now)
            })
        })
        .await?;
    Ok(respond(&stored, replayed, Some("/api/v1/appointments")))
}

/// The stored-status filter and the derived status a list asks for.
fn bookings_of(
    user: &AuthUser,
    query: &AppointmentQuery,
    now: DateTime<Utc>,
) -> Result<Bookings, ApiError> {
    // Officials see their office's agenda; everyone else the bookings they made.
    let (office, booked_by) = match managed_office(user) {
        Ok(own) if query.office_id.is_some_and(|o| o != own) => {
            return Err(ApiError::Forbidden {
                code: "not_your_office",
                detail: "Sono visibili solo gli appuntamenti della propria sede.".into(),
            })
        }
        Ok(own) => (Some(own), None),
        Err(_) => (query.office_id, Some(user.user_id)),
    };
    let shown = stored_as(query.status.unwrap_or(AppointmentStatus::Booked), now);
    Ok(Bookings {
        booked_by,
        office,
        status: shown.stored,
        ends_after: shown.ends_after.map(|t| t.naive_utc()),
        ended_by: shown.ended_by.map(|t| t.naive_utc()),
        starts_from: query.from.map(|d| start_of_rome_day(d).naive_utc()),
        starts_before: query
            .to
            .and_then(|d| d.succ_opt())
            .map(|d| start_of_rome_day(d).naive_utc()),
    })
}

/// List appointments.
///
/// Patronato users: the appointments they booked (the home page's upcoming ones by default).
/// Officials: their office's agenda. Default status `booked`, from now on; `done` lists the
/// bookings whose time has passed.
#[utoipa::path(
    tag = "appointments",
    params(AppointmentQuery),
    responses(
        (status = 200, description = "Appointments, earliest first.", body = Page<AppointmentDto>),
        (status = 403, description = "`not_your_office`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/appointments")]
pub async fn list_appointments(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<AppointmentQuery>,
) -> Result<web::Json<Page<AppointmentDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let now = state.now();
    let filter = bookings_of(&user, &query, now)?;
    let trail = state.audit.clone();
    let items = state
        .db(move |conn| {
            trail.read(
                &user,
                now,
                AuditAction::Read,
                AuditResource::Appointment,
                None,
                Some("elenco".into()),
            )?;
            db::appointments::list(conn, &filter, MAX_LISTED)?
                .into_iter()
                .map(|(appointment, slot)| dto(conn, &user, appointment, slot, now))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(web::Json(pagination::page_of(
        items,
        query.limit,
        query.cursor.as_deref(),
    )?))
}

/// Loads a booking the caller sees and records the read.
async fn load(
    state: &AppState,
    user: AuthUser,
    id: AppointmentId,
    part: &'static str,
) -> Result<(AuthUser, AppointmentDto, Option<String>), ApiError> {
    let trail = state.audit.clone();
    let now = state.now();
    state
        .db(move |conn| {
            let (appointment, slot) = readable(conn, &user, id)?;
            trail.read(
                &user,
                now,
                AuditAction::Read,
                AuditResource::Appointment,
                Some(id.to_string()),
                Some(part.into()),
            )?;
            let room = appointment.room_url.clone();
            let dto = dto(conn, &user, appointment, slot, now)?;
            Ok((user, dto, room))
        })
        .await
}

/// Show an appointment.
///
/// Office and address, consultation point, time, channel, topic, citizens, protocols, notes,
/// status, and whether it can be cancelled or joined now. Only its booker and the officials of
/// its office see it.
#[utoipa::path(
    tag = "appointments",
    params(("id" = AppointmentId, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "The appointment.", body = AppointmentDto),
        (status = 404, description = "`appointment_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/appointments/{id}")]
pub async fn show_appointment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AppointmentId>,
) -> Result<web::Json<AppointmentDto>, ApiError> {
    let (_, dto, _) = load(&state, user, id.into_inner(), "dettaglio").await?;
    Ok(web::Json(dto))
}

/// Cancel an appointment.
///
/// The booker until the start; the office's officials until the end, with a `reason` the booker
/// sees. The slot is free again and the requests may be booked again.
#[utoipa::path(
    tag = "appointments",
    params(("id" = AppointmentId, Path, description = "Appointment id")),
    request_body = CancelAppointment,
    responses(
        (status = 200, description = "Cancelled; the appointment as it is now.", body = AppointmentDto),
        (status = 404, description = "`appointment_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`cancel_too_late` or `appointment_not_active`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`cancel_reason_required` (the office) or `validation_failed`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/appointments/{id}/cancel")]
pub async fn cancel_appointment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AppointmentId>,
    body: web::Json<CancelAppointment>,
) -> Result<web::Json<AppointmentDto>, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    validate(&body)?;
    let now = state.now();
    let dto = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let (appointment, slot) = readable(conn, &user, id)?;
                cancel_rule(&user, &appointment, &slot, now)?;
                let reason = body.reason.as_deref().map(str::trim);
                if managed_office(&user).ok() == Some(slot.office_id) {
                    check_office_reason(reason)?;
                }
                db::appointments::cancel(conn, id, user.user_id, reason, now.naive_utc())?;
                let requests = db::appointments::requests_of(conn, id)?;
                let detail = match reason {
                    Some(reason) => format!("{}: {reason}", when(utc(slot.starts_at))),
                    None => when(utc(slot.starts_at)),
                };
                record_on_requests(
                    conn,
                    &user,
                    &requests,
                    EventKind::AppointmentCancelled,
                    &detail,
                    now,
                )?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Cancel,
                    AuditResource::Appointment,
                    Some(id.to_string()),
                    Some(detail),
                )?;
                let (appointment, slot) = readable(conn, &user, id)?;
                dto(conn, &user, appointment, slot, now)
            })
        })
        .await?;
    Ok(web::Json(dto))
}

/// Add an appointment to a calendar.
///
/// An iCalendar file (RFC 5545) with one event: time, office address, topic, protocols and, for
/// a web meeting, the room link.
#[utoipa::path(
    tag = "appointments",
    params(("id" = AppointmentId, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "The event.", content_type = "text/calendar", body = Binary,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"appuntamento-<id>.ics\"`"))),
        (status = 404, description = "`appointment_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/appointments/{id}/calendar.ics")]
pub async fn appointment_calendar(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AppointmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (_, dto, room) = load(&state, user, id, "calendario").await?;
    let room = room.filter(|_| dto.channel == Channel::WebMeeting);
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(format!("appuntamento-{id}.ics"))],
        })
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(calendar(&dto, room.as_deref())))
}

/// Join the web meeting.
///
/// The room link of an appointment by web meeting, from 15 minutes before the start until its
/// end; outside that window 409 `web_meeting_not_open` with `opens_at`.
#[utoipa::path(
    tag = "appointments",
    params(("id" = AppointmentId, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "The room, open now.", body = JoinLink),
        (status = 404, description = "`appointment_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`web_meeting_not_open` (with `opens_at`), `not_web_meeting` or `appointment_not_active`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/appointments/{id}/join")]
pub async fn join_appointment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AppointmentId>,
) -> Result<web::Json<JoinLink>, ApiError> {
    let id = id.into_inner();
    let trail = state.audit.clone();
    let now = state.now();
    let link = state
        .db(move |conn| {
            let (appointment, slot) = readable(conn, &user, id)?;
            trail.read(
                &user,
                now,
                AuditAction::Read,
                AuditResource::Appointment,
                Some(id.to_string()),
                Some("web meeting".into()),
            )?;
            Ok(join(&appointment, &slot, now)?)
        })
        .await?;
    Ok(web::Json(link))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_rome() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-07-01T07:30:00Z")
            .map(|t| t.with_timezone(&Utc));
        assert_eq!(at.map(when).ok().as_deref(), Some("01/07/2026 09:30"));
    }
}
