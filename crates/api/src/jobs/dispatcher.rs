//! Dispatch (RULES.md R6.5): requests enter as `sent`; the dispatcher gives each to the active
//! official of its office who handles the topic and has the fewest open requests, or leaves it
//! in the office queue, unowned. Either way it becomes `assigned`.
//!
//! Idempotent and restart-safe: it only looks at `sent` rows and changes them in the same
//! transaction. On PostgreSQL the rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
//! server instances never dispatch the same request twice.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use db::requests::{Event, RequestChangeset};
use db::{AnyConnection, Pool};
use domain::clock::Clock;
use domain::enums::EventKind;

use crate::error::ApiError;

/// Requests handled per transaction.
const BATCH: i64 = 100;

/// Dispatches one batch; returns how many requests were assigned.
pub fn dispatch_once(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    db::write_tx(conn, |conn| {
        let claimed = db::requests::claim_sent(conn, BATCH)?;
        for request in &claimed {
            let official =
                db::requests::least_loaded_official(conn, request.office_id, request.topic_id)?;
            let at = now.naive_utc();
            let next = request.conversation(&[]).dispatched();
            let changes = RequestChangeset {
                status: Some(next.status),
                assigned_official_id: Some(official),
                updated_at: Some(at),
                ..Default::default()
            };
            db::requests::update_request(conn, request.id, &changes)?;
            db::requests::record_event(
                conn,
                &Event {
                    request_id: request.id,
                    kind: EventKind::Dispatched,
                    actor_id: None,
                    from_office_id: None,
                    to_office_id: Some(request.office_id),
                    detail: Some(match official {
                        Some(_) => "assegnata a un funzionario".into(),
                        None => "in coda alla sede".into(),
                    }),
                    created_at: at,
                },
            )?;
        }
        Ok(claimed.len())
    })
}

/// Dispatches until nothing is left; returns the total.
pub fn dispatch_all(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let mut total = 0;
    loop {
        let done = dispatch_once(conn, now)?;
        total += done;
        if done < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            return Ok(total);
        }
    }
}

/// How often the dispatcher also folds the history's counts (`db::request_counts::compact`).
const COMPACT_COUNTS_EVERY: Duration = Duration::from_secs(60);

/// Runs the dispatcher every `interval` on its own thread, for the life of the process; about
/// once a minute it also folds the history's counts.
pub fn spawn(pool: Pool, clock: Arc<dyn Clock>, interval: Duration) {
    std::thread::Builder::new()
        .name("dispatcher".into())
        .spawn(move || {
            let mut compacted = std::time::Instant::now();
            loop {
                let compact = compacted.elapsed() >= COMPACT_COUNTS_EVERY;
                let result = pool
                    .get()
                    .map_err(|e| ApiError::Unavailable(e.to_string()))
                    .and_then(|mut conn| {
                        let dispatched = dispatch_all(&mut conn, clock.now()).and_then(|n| {
                            if compact {
                                db::request_counts::compact(&mut conn)?;
                            }
                            Ok(n)
                        });
                        dispatched.inspect_err(|_| db::check_after_error(&mut conn))
                    });
                if compact {
                    compacted = std::time::Instant::now();
                }
                match result {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(dispatched = n, "requests dispatched"),
                    Err(e) => tracing::warn!(error = %e, "dispatch failed; retrying"),
                }
                std::thread::sleep(interval);
            }
        })
        .map(|_| ())
        .unwrap_or_else(|e| tracing::error!(error = %e, "cannot start the dispatcher"));
}
