//! Attachments: drafts, their links to requests and messages, and the expired drafts the
//! cleanup removes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::ids::{AttachmentId, MessageId, RequestId, UserId};

use crate::schema::attachments;
use crate::{AnyConnection, DbError};

/// A stored attachment.
#[derive(Debug, Clone, Queryable, Selectable, serde::Deserialize)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    /// Id.
    pub id: AttachmentId,
    /// Who uploaded it.
    pub owner_id: UserId,
    /// The request it belongs to, once linked.
    pub request_id: Option<RequestId>,
    /// The message it belongs to, once linked.
    pub message_id: Option<MessageId>,
    /// Sanitised file name.
    pub file_name: String,
    /// Media type it is served with.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the content, lower-case hex (the blob's key).
    pub sha256: String,
    /// Upload time.
    #[serde(deserialize_with = "crate::request_detail::stored_time")]
    pub created_at: NaiveDateTime,
    /// Link time.
    #[serde(deserialize_with = "crate::request_detail::stored_time_opt")]
    pub linked_at: Option<NaiveDateTime>,
    /// When an unlinked draft expires.
    #[serde(deserialize_with = "crate::request_detail::stored_time_opt")]
    pub expires_at: Option<NaiveDateTime>,
}

/// A draft to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = attachments)]
pub struct NewAttachment {
    /// Uploader.
    pub owner_id: UserId,
    /// Sanitised file name.
    pub file_name: String,
    /// Media type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
    /// Upload time.
    pub created_at: NaiveDateTime,
    /// Expiry of the draft.
    pub expires_at: Option<NaiveDateTime>,
}

/// Stores a draft; returns it.
pub fn insert(conn: &mut AnyConnection, new: &NewAttachment) -> Result<Attachment, DbError> {
    let id: AttachmentId = diesel::insert_into(attachments::table)
        .values(new)
        .returning(attachments::id)
        .get_result(conn)?;
    Ok(attachments::table
        .find(id)
        .select(Attachment::as_select())
        .first(conn)?)
}

/// One attachment.
pub fn get(conn: &mut AnyConnection, id: AttachmentId) -> Result<Option<Attachment>, DbError> {
    Ok(attachments::table
        .find(id)
        .select(Attachment::as_select())
        .first(conn)
        .optional()?)
}

/// The attachments with these ids (those that exist).
pub fn get_many(
    conn: &mut AnyConnection,
    ids: &[AttachmentId],
) -> Result<Vec<Attachment>, DbError> {
    Ok(attachments::table
        .filter(attachments::id.eq_any(ids.to_vec()))
        .select(Attachment::as_select())
        .load(conn)?)
}

/// Links drafts to a request and one of its messages; returns how many rows changed. Only
/// unlinked rows change, so a link is never overwritten.
pub fn link(
    conn: &mut AnyConnection,
    ids: &[AttachmentId],
    request_id: RequestId,
    message_id: MessageId,
    at: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(diesel::update(
        attachments::table
            .filter(attachments::id.eq_any(ids.to_vec()))
            .filter(attachments::linked_at.is_null()),
    )
    .set((
        attachments::request_id.eq(Some(request_id)),
        attachments::message_id.eq(Some(message_id)),
        attachments::linked_at.eq(Some(at)),
        attachments::expires_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?)
}

/// The attachments linked to a request, in upload order.
pub fn of_request(
    conn: &mut AnyConnection,
    request_id: RequestId,
) -> Result<Vec<Attachment>, DbError> {
    Ok(attachments::table
        .filter(attachments::request_id.eq(request_id))
        .order(attachments::id)
        .select(Attachment::as_select())
        .load(conn)?)
}

/// How many attachments a message has.
pub fn count_of_message(conn: &mut AnyConnection, message_id: MessageId) -> Result<i64, DbError> {
    Ok(attachments::table
        .filter(attachments::message_id.eq(message_id))
        .count()
        .get_result(conn)?)
}

/// Deletes an unlinked draft; returns whether a row was deleted.
pub fn delete_draft(conn: &mut AnyConnection, id: AttachmentId) -> Result<bool, DbError> {
    let deleted = diesel::delete(
        attachments::table
            .find(id)
            .filter(attachments::linked_at.is_null()),
    )
    .execute(conn)?;
    Ok(deleted > 0)
}

/// Deletes the drafts among `ids` that are still unlinked and expired at `now`; returns how
/// many.
pub fn delete_expired(
    conn: &mut AnyConnection,
    ids: &[AttachmentId],
    now: NaiveDateTime,
) -> Result<usize, DbError> {
    Ok(diesel::delete(
        attachments::table
            .filter(attachments::id.eq_any(ids.to_vec()))
            .filter(attachments::linked_at.is_null())
            .filter(attachments::expires_at.le(now)),
    )
    .execute(conn)?)
}

/// Up to `limit` drafts expired at `now`, oldest first.
pub fn expired_drafts(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<Attachment>, DbError> {
    Ok(attachments::table
        .filter(attachments::linked_at.is_null())
        .filter(attachments::expires_at.le(now))
        .order(attachments::id)
        .limit(limit)
        .select(Attachment::as_select())
        .load(conn)?)
}

/// Whether any row but those of `except` refers to the content with this hash.
pub fn sha_in_use(
    conn: &mut AnyConnection,
    sha256: &str,
    except: &[AttachmentId],
) -> Result<bool, DbError> {
    let count: i64 = attachments::table
        .filter(attachments::sha256.eq(sha256))
        .filter(attachments::id.ne_all(except.to_vec()))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}
