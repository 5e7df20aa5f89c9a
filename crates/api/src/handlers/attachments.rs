//! Attachments (RULES.md R8): `POST /api/v1/attachments` uploads a draft, `GET` downloads,
//! `DELETE` removes a draft.

use actix_multipart::{Field, Multipart, MultipartError};
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use db::attachments::{Attachment, NewAttachment};
use db::AnyConnection;
use domain::access;
use domain::attachments::{
    check_size, classify, draft_expires_at, latin1_to_utf8, stored_name, text_encoding, Format,
    LinkRefusal, Refusal, Text, MAX_BYTES,
};
use domain::enums::{AuditAction, AuditResource, Profile};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use types::attachments::AttachmentDto;
use types::files::Binary;
use types::ids::AttachmentId;
use types::problem::Problem;

use crate::audit;
use crate::auth::AuthUser;
use crate::dto::IntoDto;
use crate::error::ApiError;
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::requests::attachments::check_draft;
use crate::state::AppState;

/// The multipart body of an upload.
#[derive(utoipa::ToSchema)]
pub struct UploadForm {
    /// The file (gif, jpg/jpeg, pdf, tiff/tif, txt; at most 6 MB). Its name, from the part's
    /// `Content-Disposition`, is kept sanitised.
    pub file: Binary,
}

/// The profiles that write requests and messages, and so attach files to them.
const UPLOADERS: [Profile; 3] = [
    Profile::Operator,
    Profile::RegionalReferent,
    Profile::Official,
];

/// First bytes kept for the format check (the magic numbers are shorter).
const HEAD_BYTES: usize = 16;
/// Bytes of other parts read and thrown away after the file, at most.
const DRAIN_LIMIT: u64 = 1024 * 1024;

/// A file part written to a temporary file while hashed and counted.
struct Spooled {
    path: tempfile::TempPath,
    name: String,
    size: u64,
    sha256: String,
    head: Vec<u8>,
}

fn multipart_error(error: MultipartError) -> ApiError {
    match error {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible => ApiError::UnsupportedMediaType {
            detail: "Inviare il file come multipart/form-data nella parte «file».".into(),
        },
        other => ApiError::BadRequest {
            code: "multipart_invalid",
            detail: format!("Il corpo multipart non è leggibile: {other}."),
        },
    }
}

fn io_error(error: std::io::Error) -> ApiError {
    ApiError::Internal(format!("spooling an upload: {error}"))
}

/// Writes the part to a temporary file, hashing and counting; stops at the first byte over
/// the limit.
async fn spool(field: &mut Field) -> Result<Spooled, ApiError> {
    let name = field
        .content_disposition()
        .and_then(|d| d.get_filename())
        .unwrap_or_default()
        .to_owned();
    let (file, path) = tempfile::NamedTempFile::new()
        .map_err(io_error)?
        .into_parts();
    let mut file = tokio::fs::File::from_std(file);
    let mut hasher = Sha256::new();
    let mut size = 0_u64;
    let mut head = Vec::with_capacity(HEAD_BYTES);
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(multipart_error)?;
        size += chunk.len() as u64;
        if size > MAX_BYTES {
            return Err(ApiError::Attachment(Refusal::TooLarge));
        }
        let wanted = HEAD_BYTES.saturating_sub(head.len()).min(chunk.len());
        head.extend_from_slice(chunk.get(..wanted).unwrap_or_default());
        hasher.update(&chunk);
        file.write_all(&chunk).await.map_err(io_error)?;
    }
    file.flush().await.map_err(io_error)?;
    Ok(Spooled {
        path,
        name,
        size,
        sha256: hex::encode(hasher.finalize()),
        head,
    })
}

/// Reads the whole multipart body: the first `file` part is spooled, everything else read and
/// thrown away. Each part is dropped before the next is asked for (a live part blocks the
/// stream), and the body is consumed before answering, refusals included, so the client is
/// never left sending into a closed connection.
async fn read_upload(mut payload: Multipart) -> Result<Spooled, ApiError> {
    let mut result: Option<Result<Spooled, ApiError>> = None;
    let mut drained = 0_u64;
    while let Some(item) = payload.next().await {
        let mut field = match item {
            Ok(field) => field,
            Err(error) => return Err(multipart_error(error)),
        };
        if result.is_none() && field.name() == Some("file") {
            let spooled = spool(&mut field).await;
            drop(field);
            result = Some(spooled);
            continue;
        }
        while let Some(chunk) = field.next().await {
            drained += chunk.map_err(multipart_error)?.len() as u64;
            if drained > DRAIN_LIMIT {
                return Err(ApiError::BadRequest {
                    code: "multipart_invalid",
                    detail: "Il corpo contiene parti inattese oltre al file.".into(),
                });
            }
        }
    }
    result.unwrap_or_else(|| {
        Err(ApiError::field(
            "validation_failed",
            "file",
            "required",
            "Allegare un file nella parte «file».".into(),
        ))
    })
}

/// The rules of R8.1 on a spooled file; a Latin-1 text is converted to UTF-8 in place.
async fn check(mut spooled: Spooled) -> Result<(Spooled, Format), ApiError> {
    spooled.name = stored_name(&spooled.name);
    check_size(spooled.size).map_err(ApiError::Attachment)?;
    let format = classify(&spooled.name, &spooled.head).map_err(ApiError::Attachment)?;
    if format != Format::Txt {
        return Ok((spooled, format));
    }
    // Text is at most 6 MB: read whole, once.
    let content = tokio::fs::read(&spooled.path).await.map_err(io_error)?;
    match text_encoding(&content) {
        None => Err(ApiError::Attachment(Refusal::NotText)),
        Some(Text::Utf8) => Ok((spooled, format)),
        Some(Text::Latin1) => {
            let converted = latin1_to_utf8(&content).into_bytes();
            check_size(converted.len() as u64).map_err(ApiError::Attachment)?;
            tokio::fs::write(&spooled.path, &converted)
                .await
                .map_err(io_error)?;
            spooled.size = converted.len() as u64;
            spooled.sha256 = hex::encode(Sha256::digest(&converted));
            Ok((spooled, format))
        }
    }
}

/// Upload a draft attachment.
///
/// `multipart/form-data` with one part `file`. The content is streamed to storage while it is
/// hashed: at most 6 MB, gif, jpg/jpeg, pdf, tiff/tif or txt, checked by content and
/// extension (a `.txt` must be UTF-8 or Latin-1 text; Latin-1 is stored as UTF-8). The result
/// is a draft owned by the caller: link it by naming its id in `attachment_ids` of a request
/// or a message within 24 hours, or it is deleted.
#[utoipa::path(
    tag = "attachments",
    params(IdempotencyHeader),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored as a draft.", body = AttachmentDto,
            headers(("Location" = String, description = "URL of the attachment"))),
        (status = 400, description = "`multipart_invalid`.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`profile_not_allowed`: administrators write no messages and attach nothing.", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "`attachment_too_large`: more than 6 MB; nothing is stored.", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "`attachment_empty`, `attachment_format_not_allowed`, `attachment_content_mismatch`, `attachment_not_text` or `unsupported_media_type` (not multipart); nothing is stored.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed` (no `file` part) or `idempotency_key_reused`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/attachments")]
pub async fn upload_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    payload: Multipart,
) -> Result<HttpResponse, ApiError> {
    // The body is read first even when the profile may not upload, so the refusal reaches a
    // client that is still sending.
    let spooled = read_upload(payload).await?;
    user.require(&UPLOADERS)?;
    let (spooled, format) = check(spooled).await?;
    let op = Operation::new(
        user.user_id,
        key,
        "POST /api/v1/attachments".into(),
        &(&spooled.name, &spooled.sha256),
    )?;
    // The content first: a blob without a row is garbage, a row without a blob a broken link.
    state.blobs.put_file(&spooled.sha256, &spooled.path).await?;
    let now = state.now();
    let new = NewAttachment {
        owner_id: user.user_id,
        file_name: spooled.name.clone(),
        content_type: format.media_type().to_owned(),
        size_bytes: i64::try_from(spooled.size).unwrap_or(i64::MAX),
        sha256: spooled.sha256.clone(),
        created_at: now.naive_utc(),
        expires_at: Some(draft_expires_at(now).naive_utc()),
    };
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let row = db::attachments::insert(conn, &new)?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Create,
                    AuditResource::Attachment,
                    Some(row.id.to_string()),
                    None,
                )?;
                serde_json::to_string(&row.into_dto())
                    .map_err(|e| ApiError::Internal(e.to_string()))
            })
        })
        .await?;
    drop(spooled);
    Ok(respond(&stored, replayed, Some("/api/v1/attachments")))
}

fn not_found() -> ApiError {
    LinkRefusal::NotFound.into()
}

/// The attachment if `user` may read it: linked, to whoever may read its request; a draft,
/// to its owner until it expires.
fn readable(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: AttachmentId,
    now: DateTime<Utc>,
) -> Result<Attachment, ApiError> {
    let row = db::attachments::get(conn, id)?.ok_or_else(not_found)?;
    let visible = match row.request_id {
        Some(request_id) => db::requests::get_request(conn, request_id)?
            .is_some_and(|request| access::can_read(user, &request.parties())),
        None => check_draft(&row, user, now).is_ok(),
    };
    if visible {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<name>` (RFC 6266).
pub fn disposition(name: &str) -> ContentDisposition {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(fallback),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".into()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// Download an attachment.
///
/// Streams the content with its name (`Content-Disposition: attachment`) and type; the `ETag`
/// is its SHA-256. Only to users who may read the request it belongs to, or to its owner while
/// it is a draft; anyone else gets 404. Recorded in the audit trail as a read.
#[utoipa::path(
    tag = "attachments",
    params(("id" = AttachmentId, Path, description = "Attachment id")),
    responses(
        (status = 200, description = "The content, in its stored type (gif, jpeg, pdf, tiff or UTF-8 text).",
            content(
                (Binary = "application/pdf"),
                (Binary = "image/gif"),
                (Binary = "image/jpeg"),
                (Binary = "image/tiff"),
                (Binary = "text/plain")
            ),
            headers(
                ("Content-Disposition" = String, description = "`attachment; filename=\"…\"; filename*=UTF-8''…`"),
                ("ETag" = String, description = "The SHA-256 of the content, quoted")
            )),
        (status = 304, description = "Not modified (`If-None-Match` with the same tag)."),
        (status = 404, description = "`attachment_not_found`: no such attachment, or not visible to the caller.", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "`service_unavailable`: the blob store cannot be reached.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/attachments/{id}")]
pub async fn download_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AttachmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let trail = state.audit.clone();
    let now = state.now();
    let row = state
        .db(move |conn| {
            let row = readable(conn, &user, id, now)?;
            trail.read(
                &user,
                now,
                AuditAction::Read,
                AuditResource::Attachment,
                Some(id.to_string()),
                None,
            )?;
            Ok(row)
        })
        .await?;
    let content = state.blobs.get(&row.sha256).await?;
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header((header::CONTENT_DISPOSITION, disposition(&row.file_name)))
        .insert_header((header::ETAG, format!("\"{}\"", row.sha256)))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        // Already compressed or small: sent as stored, with its length.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        .no_chunking(u64::try_from(row.size_bytes).unwrap_or_default())
        .streaming(content))
}

/// Remove a draft attachment.
///
/// Only its owner, only while it is a draft: a linked attachment is part of the record and
/// cannot be removed (409 `attachment_linked`).
#[utoipa::path(
    tag = "attachments",
    params(("id" = AttachmentId, Path, description = "Attachment id")),
    responses(
        (status = 204, description = "Removed."),
        (status = 404, description = "`attachment_not_found`: no such draft of the caller's.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`attachment_linked`: already part of a request.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[delete("/attachments/{id}")]
pub async fn remove_attachment(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<AttachmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.now();
    let (sha256, in_use) = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let row = db::attachments::get(conn, id)?.ok_or_else(not_found)?;
                check_draft(&row, &user, now)?;
                if !db::attachments::delete_draft(conn, id)? {
                    return Err(LinkRefusal::Linked.into());
                }
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Delete,
                    AuditResource::Attachment,
                    Some(id.to_string()),
                    None,
                )?;
                let in_use = db::attachments::sha_in_use(conn, &row.sha256, &[])?;
                Ok((row.sha256, in_use))
            })
        })
        .await?;
    if !in_use {
        state.blobs.delete(&sha256).await?;
    }
    Ok(HttpResponse::NoContent().finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disposition_has_an_ascii_fallback_and_the_utf8_name() {
        let value = disposition("ricevuta è \"ok\".pdf").to_string();
        assert!(value.starts_with("attachment; "), "{value}");
        assert!(
            value.contains("filename=\"ricevuta _ _ok_.pdf\""),
            "{value}"
        );
        assert!(
            value.contains("filename*=UTF-8''ricevuta%20%C3%A8%20%22ok%22.pdf"),
            "{value}"
        );
    }
}
