//! What the agenda and appointment handlers share: who sees a booking, the published forms of
//! points, slots and bookings, the calendar file and the web meeting room.

use chrono::{DateTime, Duration, Utc};
use db::appointments::{Appointment, Point, Slot};
use db::AnyConnection;
use domain::access::{agenda_office, sees_booking};
use domain::appointments::{self as rules, check_join, status_at};
use domain::enums::{AppointmentStatus, Channel};
use domain::ids::{AppointmentId, OfficeId};
use rand::RngCore;
use types::appointments::{
    AppointmentCitizen, AppointmentDto, AppointmentRequestRef, ConsultationPointDto,
    ConsultationPointRef, SlotDto,
};
use types::requests::{ActionState, TopicRef};

use crate::auth::AuthUser;
use crate::dto::IntoDto;
use crate::error::ApiError;
use crate::requests::detail::person;
use crate::requests::utc;

/// The office whose agenda the caller manages; 403 for anyone but an official.
pub fn managed_office(user: &AuthUser) -> Result<OfficeId, ApiError> {
    agenda_office(user).ok_or_else(|| ApiError::Forbidden {
        code: "agenda_officials_only",
        detail: "L'agenda è gestita dai funzionari della sede.".into(),
    })
}

fn not_found() -> ApiError {
    ApiError::not_found(
        "appointment_not_found",
        "L'appuntamento non esiste o non è visibile con il profilo attivo.",
    )
}

/// A booking the caller may see, with its slot; anyone else gets 404.
pub fn readable(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: AppointmentId,
) -> Result<(Appointment, Slot), ApiError> {
    let appointment = db::appointments::get_appointment(conn, id)?.ok_or_else(not_found)?;
    let slot = db::appointments::get_slot(conn, appointment.slot_id)?
        .ok_or_else(|| ApiError::Internal(format!("slot of appointment {id} is missing")))?;
    if sees_booking(user, appointment.booked_by, slot.office_id) {
        Ok((appointment, slot))
    } else {
        Err(not_found())
    }
}

/// The slot as the booking rules see it (`topics`: those its consultation point handles).
pub fn slot_rule(slot: &Slot, topics: &[domain::ids::TopicId]) -> rules::Slot {
    rules::Slot {
        office: slot.office_id,
        starts_at: utc(slot.starts_at),
        minutes: i64::from(slot.duration_minutes),
        channels: slot.channels.clone(),
        topics: topics.to_vec(),
        booked: slot.booked,
    }
}

fn ends_at(slot: &Slot) -> DateTime<Utc> {
    utc(slot.ends_at)
}

/// A slot as published.
pub fn slot_dto(slot: Slot) -> SlotDto {
    SlotDto {
        id: slot.id,
        office_id: slot.office_id,
        ends_at: ends_at(&slot),
        point: ConsultationPointRef {
            id: slot.point_id,
            name: slot.point_name,
        },
        starts_at: utc(slot.starts_at),
        duration_minutes: slot.duration_minutes,
        channels: slot.channels,
        booked: slot.booked,
    }
}

fn topic(conn: &mut AnyConnection, id: domain::ids::TopicId) -> Result<TopicRef, ApiError> {
    db::topics::get_topic(conn, id)?
        .map(|t| TopicRef {
            id: t.id,
            label: t.label,
        })
        .ok_or_else(|| ApiError::Internal(format!("topic {id} is missing")))
}

/// A consultation point as published.
pub fn point_dto(conn: &mut AnyConnection, point: Point) -> Result<ConsultationPointDto, ApiError> {
    let topics = point
        .topics
        .iter()
        .map(|id| topic(conn, *id))
        .collect::<Result<_, _>>()?;
    Ok(ConsultationPointDto {
        id: point.id,
        office_id: point.office_id,
        name: point.name,
        topics,
        channels: point.channels,
        active: point.active,
    })
}

fn state(result: Result<(), rules::Refusal>) -> ActionState {
    match result {
        Ok(()) => ActionState {
            allowed: true,
            code: None,
            reason: None,
            allowed_from: None,
        },
        Err(refusal) => ActionState {
            allowed: false,
            code: Some(refusal.code().to_owned()),
            reason: Some(refusal.message_it()),
            allowed_from: None,
        },
    }
}

/// Whether the caller may cancel the booking now: the booker until the start, the office's
/// officials until the end.
pub fn cancel_rule(
    user: &AuthUser,
    appointment: &Appointment,
    slot: &Slot,
    now: DateTime<Utc>,
) -> Result<(), rules::Refusal> {
    if agenda_office(user) == Some(slot.office_id) {
        rules::check_office_cancel(appointment.status, ends_at(slot), now)
    } else {
        rules::check_booker_cancel(appointment.status, utc(slot.starts_at), now)
    }
}

/// Whether the room can be joined now, with its link and window.
pub fn join(
    appointment: &Appointment,
    slot: &Slot,
    now: DateTime<Utc>,
) -> Result<types::appointments::JoinLink, rules::Refusal> {
    let window = slot_rule(slot, &[]);
    if appointment.status == AppointmentStatus::Cancelled {
        return Err(rules::Refusal::NotActive);
    }
    check_join(&window, appointment.channel, now)?;
    let url = appointment
        .room_url
        .clone()
        .ok_or(rules::Refusal::NotWebMeeting)?;
    Ok(types::appointments::JoinLink {
        url,
        opens_at: window.starts_at - Duration::minutes(rules::JOIN_EARLY_MINUTES),
        closes_at: window.ends_at(),
    })
}

/// A booking as its booker and the office see it.
pub fn dto(
    conn: &mut AnyConnection,
    user: &AuthUser,
    appointment: Appointment,
    slot: Slot,
    now: DateTime<Utc>,
) -> Result<AppointmentDto, ApiError> {
    let office = db::offices::get_office(conn, slot.office_id)?
        .ok_or_else(|| ApiError::Internal("office of a slot is missing".into()))?
        .into_dto();
    let mut requests = Vec::new();
    let mut citizens = Vec::new();
    for id in db::appointments::requests_of(conn, appointment.id)? {
        let Some(request) = db::requests::get_request(conn, id)? else {
            continue;
        };
        if let Some(citizen) = db::requests::citizen_of(conn, &request)? {
            citizens.push(AppointmentCitizen {
                codice_fiscale: citizen.codice_fiscale,
                surname: citizen.surname,
                name: citizen.name,
            });
        }
        requests.push(AppointmentRequestRef {
            id,
            protocol: request.protocol,
        });
    }
    let status = status_at(appointment.status, ends_at(&slot), now);
    let cancel = state(cancel_rule(user, &appointment, &slot, now));
    let join_state = (appointment.channel == Channel::WebMeeting)
        .then(|| state(join(&appointment, &slot, now).map(|_| ())));
    let join_opens_at = (appointment.channel == Channel::WebMeeting)
        .then(|| utc(slot.starts_at) - Duration::minutes(rules::JOIN_EARLY_MINUTES));
    Ok(AppointmentDto {
        id: appointment.id,
        status,
        status_label: status.label_it().into(),
        slot_id: slot.id,
        starts_at: utc(slot.starts_at),
        ends_at: ends_at(&slot),
        channel: appointment.channel,
        channel_label: appointment.channel.label_it().into(),
        office,
        point: ConsultationPointRef {
            id: slot.point_id,
            name: slot.point_name,
        },
        topic: topic(conn, appointment.topic_id)?,
        citizens,
        requests,
        notes: appointment.notes,
        booked_by: person(conn, appointment.booked_by)?,
        created_at: utc(appointment.created_at),
        cancelled_at: appointment.cancelled_at.map(utc),
        cancelled_by: appointment
            .cancelled_by
            .map(|id| person(conn, id))
            .transpose()?,
        cancel_reason: appointment.cancel_reason,
        cancel,
        join: join_state,
        join_opens_at,
    })
}

/// A fresh room link: 128 random bits under the configured base.
pub fn room_url(base: &str) -> String {
    let mut token = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut token);
    format!("{}/{}", base.trim_end_matches('/'), hex::encode(token))
}

/// The booking as an iCalendar file (RFC 5545) with one event.
pub fn calendar(appointment: &AppointmentDto, room: Option<&str>) -> String {
    use icalendar::{Calendar, Component, EventLike};
    let protocols: Vec<&str> = appointment
        .requests
        .iter()
        .map(|r| r.protocol.as_str())
        .collect();
    let mut description = format!(
        "{} – {}\nModalità: {}\nRichieste: {}",
        appointment.point.name,
        appointment.topic.label,
        appointment.channel_label,
        protocols.join(", ")
    );
    if let Some(room) = room {
        description.push_str(&format!("\nWeb meeting: {room}"));
    }
    let office = &appointment.office;
    let mut event = icalendar::Event::new();
    event
        .uid(&format!(
            "appuntamento-{}@scrivi-alla-sede.inps.it",
            appointment.id
        ))
        .summary(&format!(
            "Appuntamento INPS {} – {}",
            office.name, appointment.topic.label
        ))
        .description(&description)
        .location(&format!(
            "{}, {} {}",
            office.address, office.cap, office.comune
        ))
        .starts(appointment.starts_at)
        .ends(appointment.ends_at)
        .timestamp(appointment.created_at);
    if appointment.status == AppointmentStatus::Cancelled {
        event.status(icalendar::EventStatus::Cancelled);
    } else {
        event.status(icalendar::EventStatus::Confirmed);
    }
    if let Some(room) = room {
        event.url(room);
    }
    let mut calendar = Calendar::new();
    calendar.push(event.done());
    calendar.done().to_string()
}
