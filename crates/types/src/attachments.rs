//! Attachments: drafts uploaded first, then linked to a request or a message when it is sent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::{AttachmentId, MessageId, RequestId};

/// An attachment, as upload, request detail and conversation show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentDto {
    /// Id (download with `GET /api/v1/attachments/{id}`).
    pub id: AttachmentId,
    /// File name, sanitised (no path parts, no control characters).
    #[cfg_attr(feature = "openapi", schema(example = "estratto_conto.pdf"))]
    pub file_name: String,
    /// Media type it is served with.
    #[cfg_attr(feature = "openapi", schema(example = "application/pdf"))]
    pub content_type: String,
    /// Size in bytes (1 to 6 MB).
    #[cfg_attr(
        feature = "openapi",
        schema(example = 48213, minimum = 1, maximum = 6291456)
    )]
    pub size_bytes: i64,
    /// SHA-256 of the content, lower-case hex.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            pattern = "^[0-9a-f]{64}$"
        )
    )]
    pub sha256: String,
    /// Upload time.
    pub created_at: DateTime<Utc>,
    /// The request it belongs to, once linked.
    pub request_id: Option<RequestId>,
    /// The message it belongs to, once linked (message 0 is the request itself).
    pub message_id: Option<MessageId>,
    /// When it was linked; absent for a draft.
    pub linked_at: Option<DateTime<Utc>>,
    /// When an unlinked draft is deleted; absent once linked.
    pub expires_at: Option<DateTime<Utc>>,
}

/// Attachments to add to an open request after it was sent (recorded in its history).
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddAttachments {
    /// The caller's drafts (at least one, within the per-message limit).
    #[validate(length(min = 1, max = domain::attachments::MAX_PER_MESSAGE_U64))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub attachment_ids: Vec<AttachmentId>,
}
