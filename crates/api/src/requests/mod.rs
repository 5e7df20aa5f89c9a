//! What the request handlers share: who may see and act on a request, protocol numbers and the
//! detail view.

pub mod access;
pub mod attachments;
pub mod detail;
pub mod printout;
pub mod protocol;

use chrono::{DateTime, NaiveDateTime, Utc};
use types::requests::{RequestSummary, TopicRef};

/// A stored UTC timestamp as an instant.
pub fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// A row of the history as published.
pub fn summary(row: db::requests::RequestSummary) -> RequestSummary {
    let request = row.request;
    RequestSummary {
        id: request.id,
        protocol: request.protocol,
        kind: request.kind,
        status: request.status,
        status_label: request.status.label_it().into(),
        created_at: utc(request.created_at),
        topic: TopicRef {
            id: request.topic_id,
            label: row.topic_label,
        },
        citizen_cf: request.citizen_cf,
        office_name: row.office_name,
        awaiting_answer: request.awaiting_since.is_some(),
    }
}
