//! The detail of a request as the caller may see it, with the actions allowed now.

use chrono::{DateTime, Utc};
use db::attachments::Attachment;
use db::request_detail::RequestDetailRow;
use db::requests::{Message, Reminder, Request};
use db::AnyConnection;
use domain::appointments::Candidate;
use domain::enums::Side;
use domain::lifecycle::{Conversation, Refusal};
use types::ids::{RequestId, UserId};
use types::requests::{
    ActionState, AllowedActions, EventDto, MessageDto, PersonRef, PracticeRef, ReminderDto,
    RequestDetail,
};

use crate::auth::AuthUser;
use crate::dto::IntoDto;
use crate::error::ApiError;
use crate::reference::Reference;
use crate::requests::access::{
    ensure_readable, is_destination_official, is_sender, not_found, writes_for_patronato,
};
use crate::requests::utc;

fn allowed() -> ActionState {
    ActionState {
        allowed: true,
        code: None,
        reason: None,
        allowed_from: None,
    }
}

fn refused(code: &str, reason: impl Into<String>) -> ActionState {
    ActionState {
        allowed: false,
        code: Some(code.to_owned()),
        reason: Some(reason.into()),
        allowed_from: None,
    }
}

fn from_refusal(refusal: &Refusal, side: Side) -> ActionState {
    ActionState {
        allowed: false,
        code: Some(refusal.code().to_owned()),
        reason: Some(refusal.message_it(side)),
        allowed_from: refusal.allowed_from(),
    }
}

fn from_rule(result: Result<(), Refusal>, side: Side) -> ActionState {
    match result {
        Ok(()) => allowed(),
        Err(refusal) => from_refusal(&refusal, side),
    }
}

const PATRONATO_ONLY: &str = "Azione riservata al patronato.";
const INPS_ONLY: &str = "Azione riservata ai funzionari della sede di destinazione.";

/// `request` as the booking rule sees it for `user` at `now`.
pub fn candidate(
    conn: &mut AnyConnection,
    user: &AuthUser,
    request: &Request,
    state: &Conversation,
    now: DateTime<Utc>,
) -> Result<Candidate, ApiError> {
    let booked = db::appointments::has_active_appointment(conn, request.id)?;
    Ok(booking_of(user, request, state, booked, now))
}

/// [`candidate`] when whether the request is `booked` is already known.
fn booking_of(
    user: &AuthUser,
    request: &Request,
    state: &Conversation,
    booked: bool,
    now: DateTime<Utc>,
) -> Candidate {
    Candidate {
        topic: request.topic_id,
        office: request.office_id,
        own: is_sender(user, request),
        reasons: state.appointment_reasons(now),
        booked,
    }
}

/// The actions `user` may take on `request` now (`booking`: the request as the booking rule
/// sees it, from [`candidate`]).
pub fn allowed_actions(
    user: &AuthUser,
    request: &Request,
    state: &Conversation,
    booking: &Candidate,
    now: DateTime<Utc>,
) -> AllowedActions {
    let patronato = writes_for_patronato(user, request);
    let sender = is_sender(user, request);
    let official = is_destination_official(user, request);
    AllowedActions {
        follow_up: if patronato {
            from_rule(state.can_follow_up(), Side::Patronato)
        } else {
            refused("patronato_only", PATRONATO_ONLY)
        },
        remind: if sender {
            from_rule(state.can_remind(now).map(|_| ()), Side::Patronato)
        } else if patronato {
            refused(SENDER_ONLY.0, SENDER_ONLY.1)
        } else {
            refused("patronato_only", PATRONATO_ONLY)
        },
        book_appointment: match booking.check() {
            Ok(()) => allowed(),
            Err(refusal) => refused(refusal.code(), refusal.message_it()),
        },
        answer: if official {
            from_rule(state.can_answer(), Side::Inps)
        } else {
            refused("inps_only", INPS_ONLY)
        },
        take: if !official {
            refused("inps_only", INPS_ONLY)
        } else if request.assigned_official_id == Some(user.user_id) {
            refused("already_yours", "La richiesta è già assegnata a te.")
        } else {
            allowed()
        },
        transfer: if official {
            allowed()
        } else {
            refused("inps_only", INPS_ONLY)
        },
    }
}

/// The code and message of a reminder by someone other than the sender.
pub const SENDER_ONLY: (&str, &str) = (
    "sender_only",
    "Solo chi ha inviato la richiesta può sollecitarla.",
);

pub fn person(conn: &mut AnyConnection, id: UserId) -> Result<PersonRef, ApiError> {
    let user = db::users::get_user(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("user {id} of a request is missing")))?;
    Ok(PersonRef {
        id: user.id,
        full_name: user.full_name,
        side: user.side,
    })
}

/// The conversation of a request as published.
pub fn messages(
    conn: &mut AnyConnection,
    request_id: RequestId,
) -> Result<Vec<MessageDto>, ApiError> {
    let attachments = db::attachments::of_request(conn, request_id)?;
    let messages = db::requests::messages_of(conn, request_id)?;
    Ok(published(messages, attachments))
}

/// Messages as published, each with its attachments.
fn published(messages: Vec<Message>, attachments: Vec<Attachment>) -> Vec<MessageDto> {
    messages
        .into_iter()
        .map(|m| MessageDto {
            attachments: attachments
                .iter()
                .filter(|a| a.message_id == Some(m.id))
                .cloned()
                .map(IntoDto::into_dto)
                .collect(),
            seq: m.seq,
            protocol: m.protocol,
            kind: m.kind,
            author: PersonRef {
                id: m.author_id,
                full_name: m.author_name,
                side: m.author_side,
            },
            text: m.text,
            created_at: utc(m.created_at),
        })
        .collect()
}

/// The reminders as published.
pub fn reminders(reminders: &[Reminder]) -> Vec<ReminderDto> {
    reminders
        .iter()
        .map(|r| ReminderDto {
            seq: r.seq,
            sent_at: utc(r.created_at),
            sent_by: r.sent_by,
        })
        .collect()
}

/// Everything the detail screen shows of request `id`, as `user` sees it at `now`: one
/// statement, plus topics and offices from the reference cache. `request_not_found` when there
/// is no such request or `user` may not read it.
pub fn load(
    conn: &mut AnyConnection,
    reference: &Reference,
    user: &AuthUser,
    id: RequestId,
    now: DateTime<Utc>,
) -> Result<RequestDetail, ApiError> {
    let RequestDetailRow {
        request,
        citizen,
        booked,
        related,
    } = db::request_detail::load(conn, id)?.ok_or_else(not_found)?;
    ensure_readable(user, &request)?;
    let state = request.conversation(&related.reminders);
    let booking = booking_of(user, &request, &state, booked, now);
    let allowed_actions = allowed_actions(user, &request, &state, &booking, now);
    let history = related
        .events
        .into_iter()
        .map(|e| EventDto {
            kind: e.kind,
            actor_id: e.actor_id,
            from_office_id: e.from_office_id,
            to_office_id: e.to_office_id,
            detail: e.detail,
            at: utc(e.created_at),
        })
        .collect();
    let topic = reference.topic(conn, request.topic_id)?;
    let office = reference.office(conn, request.office_id)?;
    let patronato_office = request
        .patronato_office_id
        .map(|id| reference.patronato_office(conn, id))
        .transpose()?;
    let person = |p: db::request_detail::Person| PersonRef {
        id: p.id,
        full_name: p.full_name,
        side: p.side,
    };
    let sender = person(related.sender);
    let assigned_official = related.assigned.map(person);
    let citizen = citizen.map(IntoDto::into_dto);
    let messages = published(related.messages, related.attachments);
    let practice = match (request.practice_kind, &request.practice_number) {
        (Some(kind), Some(number)) => Some(PracticeRef {
            kind,
            number: number.clone(),
        }),
        _ => None,
    };
    Ok(RequestDetail {
        id: request.id,
        protocol: request.protocol,
        kind: request.kind,
        status: request.status,
        status_label: request.status.label_it().to_owned(),
        created_at: utc(request.created_at),
        sender,
        patronato_office,
        motive: request.motive,
        motive_label: request.motive.label_it().to_owned(),
        practice,
        topic,
        office,
        office_chosen_by_hand: request.office_chosen_by_hand,
        routing_reason: request.routing_reason,
        assigned_official,
        citizen,
        delega_declared_at: request.delega_declared_at.map(utc),
        text: request.text,
        notes: request.notes,
        messages,
        reminders: reminders(&related.reminders),
        follow_ups_used: request.followups_used,
        appointments_enabled: request.appointments_enabled,
        awaiting_answer: state.awaiting_answer(),
        allowed_actions,
        history,
        warnings: Vec::new(),
    })
}
