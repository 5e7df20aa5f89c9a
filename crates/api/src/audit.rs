//! Writing the audit trail from handlers.
//!
//! Writes record their entry inside their own transaction ([`record`]): the entry commits with
//! the change or not at all. Reads and searches go through the [`Trail`]: a bounded queue and
//! one writer thread that stores them in batches (one multi-row insert per batch), so a read
//! does not wait for a disk flush of its own. An entry waits at most `audit_flush_ms` (100 ms
//! by default) in the queue; a crash can lose that much of the read trail and nothing of the
//! write trail; a graceful stop writes everything ([`serve_until_stopped`](crate::serve_until_stopped)). A full queue makes
//! readers wait (back-pressure), so entries are never dropped.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use db::audit::NewAuditEntry;
use db::{AnyConnection, Pool};
use domain::enums::{AuditAction, AuditResource};

use crate::auth::AuthUser;
use crate::error::ApiError;

/// Most entries written by one insert.
const BATCH: usize = 500;
/// Entries the queue holds before readers wait.
const QUEUE: usize = 10_000;
/// Longest pause between two attempts when the database refuses a batch.
const MAX_RETRY_PAUSE: Duration = Duration::from_secs(1);

/// The entry for `user` doing `action` on a resource.
fn entry(
    user: &AuthUser,
    at: DateTime<Utc>,
    action: AuditAction,
    resource_type: AuditResource,
    resource_id: Option<String>,
    detail: Option<String>,
) -> NewAuditEntry {
    NewAuditEntry {
        at: at.naive_utc(),
        user_id: Some(user.user_id),
        profile: Some(user.profile),
        patronato_id: user.patronato_id,
        inps_office_id: user.inps_office_id,
        action,
        resource_type,
        resource_id,
        detail,
    }
}

/// Records, in the caller's transaction, that `user` did `action` on a resource.
pub fn record(
    conn: &mut AnyConnection,
    user: &AuthUser,
    at: DateTime<Utc>,
    action: AuditAction,
    resource_type: AuditResource,
    resource_id: Option<String>,
    detail: Option<String>,
) -> Result<(), ApiError> {
    let entry = entry(user, at, action, resource_type, resource_id, detail);
    db::audit::record(conn, &entry)?;
    Ok(())
}

enum Command {
    Entry(NewAuditEntry),
    /// Write everything queued so far, then answer.
    Flush(SyncSender<()>),
}

/// The queue of read entries and its writer; cheap to clone.
#[derive(Clone)]
pub struct Trail {
    queue: SyncSender<Command>,
    waits: Arc<AtomicU64>,
}

impl Trail {
    /// Starts the writer on `pool`: an entry waits at most `flush_every` before it is written.
    pub fn start(pool: Pool, flush_every: Duration) -> Trail {
        Trail::with_capacity(pool, flush_every, QUEUE)
    }

    /// Starts the writer with a queue of `capacity` entries.
    pub fn with_capacity(pool: Pool, flush_every: Duration, capacity: usize) -> Trail {
        let (queue, commands) = mpsc::sync_channel(capacity);
        let spawned = std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || write_batches(&pool, &commands, flush_every));
        if let Err(error) = spawned {
            // Without a writer the queue fills and readers wait: loud, never silent.
            tracing::error!(%error, "the audit writer did not start");
        }
        Trail {
            queue,
            waits: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Queues that `user` read or searched a resource; waits while the queue is full. Called
    /// from the blocking threads that run database work.
    pub fn read(
        &self,
        user: &AuthUser,
        at: DateTime<Utc>,
        action: AuditAction,
        resource_type: AuditResource,
        resource_id: Option<String>,
        detail: Option<String>,
    ) -> Result<(), ApiError> {
        let command = Command::Entry(entry(user, at, action, resource_type, resource_id, detail));
        let command = match self.queue.try_send(command) {
            Ok(()) => return Ok(()),
            Err(TrySendError::Full(command)) => {
                self.waits.fetch_add(1, Ordering::Relaxed);
                command
            }
            Err(TrySendError::Disconnected(_)) => return Err(stopped()),
        };
        self.queue.send(command).map_err(|_| stopped())
    }

    /// How many times a reader found the queue full and waited.
    pub fn waits(&self) -> u64 {
        self.waits.load(Ordering::Relaxed)
    }

    /// Returns once every entry queued before the call is stored (blocking).
    pub fn flush_blocking(&self) -> Result<(), ApiError> {
        let (done, finished) = mpsc::sync_channel(1);
        self.queue
            .send(Command::Flush(done))
            .map_err(|_| stopped())?;
        finished.recv().map_err(|_| stopped())
    }

    /// Returns once every entry queued before the call is stored.
    pub async fn flush(&self) -> Result<(), ApiError> {
        let trail = self.clone();
        actix_web::web::block(move || trail.flush_blocking()).await?
    }
}

fn stopped() -> ApiError {
    ApiError::Unavailable("the audit writer has stopped".into())
}

/// The writer: gathers entries until the batch is full, `flush_every` has passed since the
/// first, or a flush is asked; writes them in one insert; repeats until every sender is gone.
fn write_batches(pool: &Pool, commands: &mpsc::Receiver<Command>, flush_every: Duration) {
    while let Ok(first) = commands.recv() {
        let mut batch = Vec::new();
        let mut waiting = Vec::new();
        let deadline = Instant::now() + flush_every;
        let mut next = Some(first);
        while let Some(command) = next.take() {
            match command {
                Command::Entry(entry) => batch.push(entry),
                Command::Flush(done) => waiting.push(done),
            }
            if batch.len() >= BATCH || !waiting.is_empty() {
                break;
            }
            match commands.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(command) => next = Some(command),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {}
            }
        }
        store(pool, &batch);
        for done in waiting {
            // The flusher may have given up waiting; nothing to tell it then.
            let _ = done.send(());
        }
    }
}

/// Writes a batch, retrying until the database takes it: the trail must not have holes.
fn store(pool: &Pool, batch: &[NewAuditEntry]) {
    if batch.is_empty() {
        return;
    }
    let mut pause = Duration::from_millis(10);
    loop {
        let written = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
            db::audit::record_all(&mut conn, batch).map_err(|e| {
                db::check_after_error(&mut conn);
                e.to_string()
            })
        });
        match written {
            Ok(()) => return,
            Err(error) => {
                tracing::error!(%error, entries = batch.len(), "audit batch not written; retrying");
                std::thread::sleep(pause);
                pause = (pause * 2).min(MAX_RETRY_PAUSE);
            }
        }
    }
}
