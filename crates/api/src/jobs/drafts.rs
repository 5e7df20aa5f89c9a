//! Expiry of draft attachments (RULES.md R8.2): a draft nobody linked within 24 hours of its
//! upload, on the business clock, is deleted with its content unless another attachment has
//! the same content.
//!
//! Restart-safe: driven by `expires_at` in the database, nothing kept in memory. The contents
//! go first and the rows after, so a stop in between leaves rows the next run finishes, never
//! contents nobody refers to.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::ids::AttachmentId;

use crate::error::ApiError;
use crate::state::AppState;

/// Drafts handled per run of [`cleanup_once`].
const BATCH: i64 = 200;

/// Deletes one batch of drafts expired at `now`; returns how many rows went.
pub async fn cleanup_once(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let at = now.naive_utc();
    let (ids, orphans) = state
        .db(move |conn| {
            let expired = db::attachments::expired_drafts(conn, at, BATCH)?;
            let ids: Vec<AttachmentId> = expired.iter().map(|a| a.id).collect();
            let hashes: BTreeSet<String> = expired.into_iter().map(|a| a.sha256).collect();
            let mut orphans = Vec::new();
            for sha256 in hashes {
                if !db::attachments::sha_in_use(conn, &sha256, &ids)? {
                    orphans.push(sha256);
                }
            }
            Ok((ids, orphans))
        })
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    for sha256 in &orphans {
        state.blobs.delete(sha256).await?;
    }
    state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                Ok(db::attachments::delete_expired(conn, &ids, at)?)
            })
        })
        .await
}

/// Deletes every draft expired at `now`; returns how many.
pub async fn cleanup_all(state: &AppState, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let mut total = 0;
    loop {
        let done = cleanup_once(state, now).await?;
        total += done;
        if done < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            return Ok(total);
        }
    }
}

/// Runs the cleanup every `interval` on the server's runtime, for the life of the process.
pub fn spawn(state: AppState, interval: Duration) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(interval);
        loop {
            ticks.tick().await;
            match cleanup_all(&state, state.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "expired draft attachments deleted"),
                Err(e) => tracing::warn!(error = %e, "draft cleanup failed; retrying"),
            }
        }
    });
}
