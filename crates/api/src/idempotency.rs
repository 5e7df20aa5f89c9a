//! `Idempotency-Key`: software that retries a POST must not create twice. The first response
//! is stored with the key (per user, 24 hours) in the same transaction as the write, so a crash
//! leaves neither; the same key with the same body replays it, with another body is a 422.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, FromRequest, HttpRequest};
use chrono::{DateTime, Duration, Utc};
use db::schema::idempotency_keys;
use db::AnyConnection;
use diesel::prelude::*;
use domain::ids::UserId;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// How long a key is remembered.
pub const KEY_LIFETIME_HOURS: i64 = 24;

/// The optional `Idempotency-Key` header (1–255 visible ASCII characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = Ready<Result<IdempotencyKey, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let result = match req.headers().get("Idempotency-Key") {
            None => Ok(IdempotencyKey(None)),
            Some(value) => value
                .to_str()
                .ok()
                .filter(|v| (1..=255).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_graphic()))
                .map(|v| IdempotencyKey(Some(v.to_owned())))
                .ok_or_else(|| ApiError::BadRequest {
                    code: "invalid_idempotency_key",
                    detail: "L'intestazione Idempotency-Key deve contenere da 1 a 255 caratteri \
                             ASCII visibili."
                        .into(),
                }),
        };
        ready(result)
    }
}

/// What identifies one logical operation: where it went and what it carried.
pub fn fingerprint(method_path: &str, body: &impl serde::Serialize) -> Result<String, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut hasher = Sha256::new();
    hasher.update(method_path.as_bytes());
    hasher.update([0]);
    hasher.update(json.as_bytes());
    Ok(hex::encode(hasher.finalize()))
}

/// A stored first response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Status code.
    pub status: u16,
    /// JSON body.
    pub body: String,
}

/// Looks the key up: the stored response to replay, or none when the operation must run.
/// Call inside the write transaction.
pub fn lookup(
    conn: &mut AnyConnection,
    user_id: UserId,
    key: &str,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<Option<Stored>, ApiError> {
    let row: Option<(String, Option<i32>, Option<String>, chrono::NaiveDateTime)> =
        idempotency_keys::table
            .find((user_id, key))
            .select((
                idempotency_keys::body_hash,
                idempotency_keys::status_code,
                idempotency_keys::response_body,
                idempotency_keys::expires_at,
            ))
            .first(conn)
            .optional()?;
    match row {
        Some((_, _, _, expires_at)) if expires_at <= now.naive_utc() => {
            diesel::delete(idempotency_keys::table.find((user_id, key))).execute(conn)?;
            Ok(None)
        }
        Some((hash, _, _, _)) if hash != fingerprint => Err(ApiError::rule(
            "idempotency_key_reused",
            "La chiave Idempotency-Key è già stata usata per una richiesta diversa.",
        )),
        Some((_, Some(status), Some(body), _)) => Ok(Some(Stored {
            status: u16::try_from(status).unwrap_or(200),
            body,
        })),
        Some(_) => Err(ApiError::Conflict {
            code: "idempotency_key_in_progress",
            detail: "Una richiesta con la stessa Idempotency-Key è in corso.".into(),
        }),
        None => Ok(None),
    }
}

/// Stores the first response of the operation under the key.
fn remember(
    conn: &mut AnyConnection,
    op: &Operation,
    key: &str,
    response: &Stored,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (method, path) = op
        .method_path
        .split_once(' ')
        .unwrap_or(("POST", &op.method_path));
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::user_id.eq(op.user_id),
            idempotency_keys::key.eq(key),
            idempotency_keys::method.eq(method),
            idempotency_keys::path.eq(path),
            idempotency_keys::body_hash.eq(&op.fingerprint),
            idempotency_keys::status_code.eq(i32::from(response.status)),
            idempotency_keys::response_body.eq(&response.body),
            idempotency_keys::created_at.eq(now.naive_utc()),
            idempotency_keys::expires_at
                .eq((now + Duration::hours(KEY_LIFETIME_HOURS)).naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// One creating call: who, with which key, what.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Caller.
    pub user_id: UserId,
    /// The `Idempotency-Key`, if sent.
    pub key: Option<String>,
    /// `POST /api/v1/...` of the call.
    pub method_path: String,
    /// Hash of the call and its parsed body.
    pub fingerprint: String,
}

impl Operation {
    /// Describes a call.
    pub fn new(
        user_id: UserId,
        key: IdempotencyKey,
        method_path: String,
        body: &impl serde::Serialize,
    ) -> Result<Operation, ApiError> {
        Ok(Operation {
            user_id,
            key: key.0,
            fingerprint: fingerprint(&method_path, body)?,
            method_path,
        })
    }
}

/// Runs a creating operation once per key: `work` writes and returns the JSON body; the whole
/// thing is one transaction. Returns the response and whether it is a replay.
pub fn run_once<F>(
    conn: &mut AnyConnection,
    op: &Operation,
    status: u16,
    now: DateTime<Utc>,
    work: F,
) -> Result<(Stored, bool), ApiError>
where
    F: FnOnce(&mut AnyConnection) -> Result<String, ApiError>,
{
    let key = op.key.as_deref();
    let attempt = db::write_tx(conn, |conn| {
        if let Some(key) = key {
            if let Some(stored) = lookup(conn, op.user_id, key, &op.fingerprint, now)? {
                return Ok((stored, true));
            }
        }
        let stored = Stored {
            status,
            body: work(conn)?,
        };
        if let Some(key) = key {
            remember(conn, op, key, &stored, now)?;
        }
        Ok((stored, false))
    });
    match (attempt, key) {
        // Two retries raced (PostgreSQL): the loser replays what the winner stored.
        (
            Err(ApiError::Conflict {
                code: "already_exists",
                ..
            }),
            Some(key),
        ) => db::write_tx(conn, |conn| {
            lookup(conn, op.user_id, key, &op.fingerprint, now)
        })?
        .map(|stored| (stored, true))
        .ok_or_else(|| ApiError::Conflict {
            code: "idempotency_key_in_progress",
            detail: "Una richiesta con la stessa Idempotency-Key è in corso.".into(),
        }),
        (other, _) => other,
    }
}

/// The HTTP response of a stored result; `Location` from the body's `id` when given a base.
pub fn respond(
    stored: &Stored,
    replayed: bool,
    location_base: Option<&str>,
) -> actix_web::HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(stored.status)
        .unwrap_or(actix_web::http::StatusCode::OK);
    let mut response = actix_web::HttpResponse::build(status);
    response.content_type("application/json");
    if replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    if let Some(base) = location_base {
        let id = serde_json::from_str::<serde_json::Value>(&stored.body)
            .ok()
            .and_then(|v| v["id"].as_i64());
        if let Some(id) = id {
            response.insert_header(("Location", format!("{base}/{id}")));
        }
    }
    response.body(stored.body.clone())
}

/// The header as documented in OpenAPI (the extractor is [`IdempotencyKey`]).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IdempotencyHeader {
    /// Makes retries safe: the same key with the same body returns the first response for 24
    /// hours; with another body it is refused.
    #[param(
        rename = "Idempotency-Key",
        value_type = String,
        required = false,
        min_length = 1,
        max_length = 255,
        pattern = "^[!-~]{1,255}$",
        example = "b7c1c2a0-6f0e-4f0a-9a43-1d2b3c4d5e6f"
    )]
    pub idempotency_key: Option<String>,
}
