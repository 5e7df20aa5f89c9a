//! Linking drafts to a request or a message (RULES.md R8.3): inside the caller's transaction,
//! all of them or none.

use chrono::{DateTime, Utc};
use db::attachments::Attachment;
use db::AnyConnection;
use domain::attachments::{check_count, linkable, LinkRefusal};
use domain::ids::{AttachmentId, MessageId, RequestId};

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::requests::utc;

/// R8.7 on a stored row: whether `user` may still link (or remove) this draft at `now`.
pub fn check_draft(
    row: &Attachment,
    user: &AuthUser,
    now: DateTime<Utc>,
) -> Result<(), LinkRefusal> {
    linkable(
        &row.owner_id,
        &user.user_id,
        row.linked_at.is_some(),
        row.expires_at.map(utc),
        now,
    )
}

fn refused(refusal: LinkRefusal) -> ApiError {
    match refusal {
        LinkRefusal::NotFound => ApiError::field(
            refusal.code(),
            "attachment_ids",
            "draft",
            refusal.message_it().into(),
        ),
        LinkRefusal::Linked => refusal.into(),
    }
}

/// Links the caller's drafts `ids` to `message_id` of `request_id`; returns their file names.
/// Each must be the caller's own unexpired, unlinked draft, and the message may not end up with
/// more than the per-message limit.
pub fn link(
    conn: &mut AnyConnection,
    user: &AuthUser,
    ids: &[AttachmentId],
    request_id: RequestId,
    message_id: MessageId,
    now: DateTime<Utc>,
) -> Result<Vec<String>, ApiError> {
    let mut wanted = ids.to_vec();
    wanted.sort();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let already = db::attachments::count_of_message(conn, message_id)?;
    check_count(usize::try_from(already).unwrap_or(usize::MAX), wanted.len())
        .map_err(ApiError::Attachment)?;
    let rows = db::attachments::get_many(conn, &wanted)?;
    let mut names = Vec::with_capacity(wanted.len());
    for id in &wanted {
        let row = rows
            .iter()
            .find(|r| r.id == *id)
            .ok_or_else(|| refused(LinkRefusal::NotFound))?;
        check_draft(row, user, now).map_err(refused)?;
        names.push(row.file_name.clone());
    }
    let changed = db::attachments::link(conn, &wanted, request_id, message_id, now.naive_utc())?;
    if changed != wanted.len() {
        // Another transaction linked one of them in the meantime.
        return Err(refused(LinkRefusal::Linked));
    }
    Ok(names)
}
