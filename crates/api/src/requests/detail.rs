//! The detail of a request as the caller may see it, with the actions allowed now.

use chrono::{DateTime, Utc};
use db::requests::Request;
use db::AnyConnection;
use domain::enums::{Motive, PracticeKind, RequestKind, RequestStatus, Side};
use domain::lifecycle::{Conversation, Refusal};
use types::auth::PatronatoOfficeRef;
use types::ids::{OfficeId, PatronatoOfficeId, RequestId, TopicId, UserId};
use types::requests::{
    ActionState, AllowedActions, EventDto, MessageDto, PersonRef, PracticeRef, ReminderDto,
    RequestDetail, TopicRef,
};

use crate::auth::AuthUser;
use crate::dto::{stored, IntoDto};
use crate::error::ApiError;
use crate::requests::access::{is_destination_official, may_write_as_patronato};
use crate::requests::{conversation, utc};

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
/// The service's wording for appointments on other people's requests.
pub const OWN_REQUESTS_ONLY: &str =
    "È possibile prenotare un appuntamento solo per le proprie richieste";

/// The actions `user` may take on `request` now.
pub fn allowed_actions(
    user: &AuthUser,
    request: &Request,
    state: &Conversation,
    now: DateTime<Utc>,
) -> AllowedActions {
    let patronato = may_write_as_patronato(user, request);
    let sender = patronato && request.created_by == user.user_id;
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
            refused(
                "sender_only",
                "Solo chi ha inviato la richiesta può sollecitarla.",
            )
        } else {
            refused("patronato_only", PATRONATO_ONLY)
        },
        book_appointment: if !sender {
            refused("own_requests_only", OWN_REQUESTS_ONLY)
        } else if state.appointment_reasons(now).is_empty() {
            refused(
                "not_eligible",
                "L'appuntamento è prenotabile se la richiesta attende risposta da più di 15 \
                 giorni, se il funzionario lo ha abilitato o se la conversazione non può \
                 proseguire.",
            )
        } else {
            allowed()
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

fn person(conn: &mut AnyConnection, id: i64) -> Result<PersonRef, ApiError> {
    let user = db::users::get_user(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("user {id} of a request is missing")))?;
    Ok(PersonRef {
        id: UserId(user.id),
        full_name: user.full_name,
        side: stored("users.side", &user.side)?,
    })
}

/// The conversation of a request as published.
pub fn messages(conn: &mut AnyConnection, request_id: i64) -> Result<Vec<MessageDto>, ApiError> {
    db::requests::messages_of(conn, request_id)?
        .into_iter()
        .map(|m| {
            Ok(MessageDto {
                seq: m.seq,
                protocol: m.protocol,
                kind: m.kind,
                author: PersonRef {
                    id: UserId(m.author_id),
                    full_name: m.author_name,
                    side: stored("messages.author_side", &m.author_side)?,
                },
                text: m.text,
                created_at: utc(m.created_at),
            })
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
    let reminders = db::requests::reminders_of(conn, request.id)?;
    let state = conversation(&request, &reminders);
    let allowed_actions = allowed_actions(user, &request, &state, now);
    let messages = messages(conn, request.id)?;
    let history = db::requests::events_of(conn, request.id)?
        .into_iter()
        .map(|e| EventDto {
            kind: e.kind,
            actor_id: e.actor_id.map(UserId),
            from_office_id: e.from_office_id.map(OfficeId),
            to_office_id: e.to_office_id.map(OfficeId),
            detail: e.detail,
            at: utc(e.created_at),
        })
        .collect();
    let topic = db::topics::get_topic(conn, request.topic_id)?
        .map(|t| TopicRef {
            id: TopicId(t.id),
            label: t.label,
        })
        .ok_or_else(|| ApiError::Internal("topic of a request is missing".into()))?;
    let office = db::offices::get_office(conn, request.office_id)?
        .ok_or_else(|| ApiError::Internal("office of a request is missing".into()))?
        .into_dto()?;
    let patronato_office = match request.patronato_office_id {
        Some(id) => db::users::patronato_office(conn, id)?.map(|o| PatronatoOfficeRef {
            id: PatronatoOfficeId(o.id),
            name: o.name,
            province_code: o.province_code,
        }),
        None => None,
    };
    let citizen = db::requests::citizen_of(conn, &request)?
        .map(IntoDto::into_dto)
        .transpose()?;
    let sender = person(conn, request.created_by)?;
    let assigned_official = request
        .assigned_official_id
        .map(|id| person(conn, id))
        .transpose()?;
    let practice = match (&request.practice_kind, &request.practice_number) {
        (Some(kind), Some(number)) => Some(PracticeRef {
            kind: stored::<PracticeKind>("requests.practice_kind", kind)?,
            number: number.clone(),
        }),
        _ => None,
    };
    let status: RequestStatus = stored("requests.status", &request.status)?;
    let motive: Motive = stored("requests.motive", &request.motive)?;
    Ok(RequestDetail {
        id: RequestId(request.id),
        protocol: request.protocol,
        kind: stored::<RequestKind>("requests.kind", &request.kind)?,
        status,
        status_label: status.label_it().to_owned(),
        created_at: utc(request.created_at),
        sender,
        patronato_office,
        motive,
        motive_label: motive.label_it().to_owned(),
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
        reminders: reminders
            .into_iter()
            .map(|(seq, by, at)| ReminderDto {
                seq,
                sent_at: utc(at),
                sent_by: UserId(by),
            })
            .collect(),
        follow_ups_used: request.followups_used,
        appointments_enabled: request.appointments_enabled,
        awaiting_answer: state.awaiting_answer(),
        allowed_actions,
        history,
        warnings: Vec::new(),
    })
}
