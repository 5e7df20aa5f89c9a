//! What the request handlers share: who may see and act on a request, its conversation state,
//! protocol numbers and the detail view.

pub mod access;
pub mod detail;
pub mod protocol;

use chrono::{DateTime, NaiveDateTime, Utc};
use db::requests::Request;
use domain::enums::{RequestStatus, Side};
use domain::lifecycle::Conversation;
use types::ids::{RequestId, TopicId};
use types::requests::{RequestSummary, TopicRef};

use crate::dto::stored;
use crate::error::ApiError;

/// A stored UTC timestamp as an instant.
pub fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// The conversation facts of a stored request.
pub fn conversation(request: &Request, reminders: &[(i32, i64, NaiveDateTime)]) -> Conversation {
    Conversation {
        last_message_side: if request.awaiting_since.is_some() {
            Side::Patronato
        } else {
            Side::Inps
        },
        last_message_at: utc(request.last_message_at),
        answered: request.first_answer_at.is_some(),
        follow_ups: u8::try_from(request.followups_used).unwrap_or(u8::MAX),
        reminders: reminders.iter().map(|(_, _, at)| utc(*at)).collect(),
        appointments_enabled: request.appointments_enabled,
    }
}

/// A row of the history as published.
pub fn summary(row: db::requests::RequestSummary) -> Result<RequestSummary, ApiError> {
    let status: RequestStatus = stored("requests.status", &row.request.status)?;
    Ok(RequestSummary {
        id: RequestId(row.request.id),
        protocol: row.request.protocol,
        kind: stored("requests.kind", &row.request.kind)?,
        status,
        status_label: status.label_it().into(),
        created_at: utc(row.request.created_at),
        topic: TopicRef {
            id: TopicId(row.request.topic_id),
            label: row.topic_label,
        },
        citizen_cf: row.request.citizen_cf,
        office_name: row.office_name,
        awaiting_answer: row.request.awaiting_since.is_some(),
    })
}
