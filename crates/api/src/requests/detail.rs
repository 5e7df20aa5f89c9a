//! The detail of a request as the caller may see it, with the actions allowed now.

use chrono::{DateTime, Utc};
use db::requests::{Reminder, Request};
use db::AnyConnection;
use domain::appointments::Candidate;
use domain::enums::Side;
use domain::lifecycle::{Conversation, Refusal};
use types::auth::PatronatoOfficeRef;
use types::ids::{RequestId, UserId};
use types::requests::{
    ActionState, AllowedActions, EventDto, MessageDto, PersonRef, PracticeRef, ReminderDto,
    RequestDetail, TopicRef,
};

use crate::auth::AuthUser;
use crate::dto::IntoDto;
use crate::error::ApiError;
use crate::requests::access::{is_destination_official, is_sender, writes_for_patronato};
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
    Ok(Candidate {
        topic: request.topic_id,
        office: request.office_id,
        own: is_sender(user, request),
        reasons: state.appointment_reasons(now),
        booked: db::appointments::has_active_appointment(conn, request.id)?,
    })
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
    Ok(db::requests::messages_of(conn, request_id)?
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
        .collect())
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

/// Loads everything the detail screen shows. The caller has checked visibility.
pub fn load(
    conn: &mut AnyConnection,
    user: &AuthUser,
    request: Request,
    now: DateTime<Utc>,
) -> Result<RequestDetail, ApiError> {
    let stored_reminders = db::requests::reminders_of(conn, request.id)?;
    let state = request.conversation(&stored_reminders);
    let booking = candidate(conn, user, &request, &state, now)?;
    let allowed_actions = allowed_actions(user, &request, &state, &booking, now);
    let messages = messages(conn, request.id)?;
    let history = db::requests::events_of(conn, request.id)?
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
    let topic = db::topics::get_topic(conn, request.topic_id)?
        .map(|t| TopicRef {
            id: t.id,
            label: t.label,
        })
        .ok_or_else(|| ApiError::Internal("topic of a request is missing".into()))?;
    let office = db::offices::get_office(conn, request.office_id)?
        .ok_or_else(|| ApiError::Internal("office of a request is missing".into()))?
        .into_dto();
    let patronato_office = match request.patronato_office_id {
        Some(id) => db::users::patronato_office(conn, id)?.map(|o| PatronatoOfficeRef {
            id: o.id,
            name: o.name,
            province_code: o.province_code,
        }),
        None => None,
    };
    let citizen = db::requests::citizen_of(conn, &request)?.map(IntoDto::into_dto);
    let sender = person(conn, request.created_by)?;
    let assigned_official = request
        .assigned_official_id
        .map(|id| person(conn, id))
        .transpose()?;
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
        reminders: reminders(&stored_reminders),
        follow_ups_used: request.followups_used,
        appointments_enabled: request.appointments_enabled,
        awaiting_answer: state.awaiting_answer(),
        allowed_actions,
        history,
        warnings: Vec::new(),
    })
}
