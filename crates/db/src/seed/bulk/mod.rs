//! Bulk data for load tests and benchmarks (`combipat seed --bulk N`): about a hundred extra
//! patronato offices with their operators and regional referents, officials for every INPS
//! office, a registry of citizens, and N requests spread over the two years before `now`, each
//! with a conversation in the state the API would have left it.
//!
//! Deterministic: the same N on the same database gives the same rows. Fast: every table is
//! written with multi-row INSERTs and explicit ids, a transaction per block of requests.
//! Meant for a database nobody else writes to while it runs (a fresh one, before `serve`): ids
//! are taken past the current maximum, and the protocol numbers are reserved up front (a change
//! of a sequence meanwhile aborts the seed rather than risk a duplicate).

mod conversations;
mod people;
mod protocols;
mod registry;
mod rows;
mod texts;
mod world;

use std::time::Instant;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use domain::enums::{
    EventKind, MessageKind, Motive, RequestKind, RequestStatus, RoutingReason, Side,
};
use domain::ids::{MessageId, RequestId};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::DEMO_PASSWORD;
use crate::passwords::hash_password;
use crate::schema::{messages, reminders, request_events, request_figures, requests};
use crate::users::find_by_username;
use crate::{write_tx, AnyConnection, DbError};
use protocols::{allocate_protocols, protocol, Protocols};
use rows::{insert_all, max_id, EventRow, MessageRow, ReminderRow, RequestRow};
use world::World;

/// What a bulk seed wrote, and how long it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkReport {
    /// Requests written.
    pub requests: usize,
    /// Messages written (message 0 of every request included).
    pub messages: usize,
    /// Reminders written.
    pub reminders: usize,
    /// Registry people written.
    pub citizens: usize,
    /// Users written (operators, referents, officials).
    pub users: usize,
    /// Patronato offices written.
    pub patronato_offices: usize,
    /// Wall-clock time of the whole seed, in milliseconds.
    pub elapsed_ms: u128,
}

/// Seed of every random choice: the data must be the same from one run to the next, so that
/// benchmark figures compare.
const SEED: u64 = 0x5EED_C0B1_9A70_2026;
/// How far back the requests go.
const HISTORY_DAYS: i64 = 730;
/// Requests per transaction, with their messages, events and reminders (~45,000 rows).
const BLOCK: usize = 10_000;
const SECONDS_PER_DAY: i64 = 86_400;

fn seconds(days: f64) -> Duration {
    Duration::seconds((days * SECONDS_PER_DAY as f64) as i64)
}

/// Generates `n` requests with their conversations, on top of the reference and demo data
/// (load both first). See the module documentation for what else it creates.
///
/// Refuses to run twice on the same database: the bulk usernames would collide.
pub fn seed_bulk(
    conn: &mut AnyConnection,
    n: usize,
    now: NaiveDateTime,
) -> Result<BulkReport, DbError> {
    let started = Instant::now();
    if find_by_username(conn, "bulk.op.1")?.is_some() {
        return Err(DbError::Seed(
            "bulk data is already loaded: seed a fresh database".into(),
        ));
    }
    let outcome = generate(conn, n, now, started);
    // Explicit ids do not move PostgreSQL's id sequences. Whatever was committed, even by a
    // seed that failed halfway, must not collide with the next row the API inserts.
    let restarted = restart_id_sequences(conn);
    let report = outcome?;
    restarted?;
    // One row per scope and status instead of one per statement (or, on SQLite, per request).
    crate::request_counts::compact(conn)?;
    Ok(report)
}

/// The body of [`seed_bulk`]: each phase commits on its own (users and offices, citizens,
/// protocol reservation, then a block of requests at a time).
fn generate(
    conn: &mut AnyConnection,
    n: usize,
    now: NaiveDateTime,
    started: Instant,
) -> Result<BulkReport, DbError> {
    // Hashed once and shared: argon2 is slow on purpose, and thousands of users would take
    // minutes. Every bulk user signs in with the demo password.
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let mut rng = StdRng::seed_from_u64(SEED);
    let reference = world::load_reference(conn)?;
    let side = write_tx(conn, |conn| {
        people::seed_people_of_both_sides(conn, &mut rng, &reference, &password_hash, now)
    })?;
    let people = write_tx(conn, |conn| {
        registry::seed_citizens(conn, &mut rng, &reference, registry::registry_size(n), now)
    })?;
    tracing::info!(
        users = side.users,
        patronato_offices = side.patronato_offices,
        citizens = people.len(),
        "bulk users, offices and citizens written"
    );
    let (users_written, offices_written) = (side.users, side.patronato_offices);
    let world = World::new(conn, reference, side, people, now)?;

    let start = now - Duration::days(HISTORY_DAYS);
    let mut created: Vec<NaiveDateTime> = (0..n)
        .map(|_| start + Duration::seconds(rng.gen_range(0..HISTORY_DAYS * SECONDS_PER_DAY)))
        .collect();
    // Ids follow creation time, as they would in production.
    created.sort_unstable();
    let protocols = allocate_protocols(conn, &world, &created)?;

    let first_request = max_id!(conn, requests) + 1;
    let mut counters = Counters {
        message: max_id!(conn, messages) + 1,
        event: max_id!(conn, request_events) + 1,
        reminder: max_id!(conn, reminders) + 1,
        messages: 0,
        reminders: 0,
    };
    for block in (0..n).step_by(BLOCK) {
        let end = (block + BLOCK).min(n);
        write_tx(conn, |conn| {
            write_block(
                conn,
                &world,
                &protocols,
                &created,
                (block, end, first_request),
                &mut counters,
            )
        })?;
        if end.is_multiple_of(100_000) || end == n {
            tracing::info!(
                written = end,
                of = n,
                elapsed_s = started.elapsed().as_secs(),
                "bulk requests"
            );
        }
    }
    Ok(BulkReport {
        requests: n,
        messages: counters.messages,
        reminders: counters.reminders,
        citizens: world.people.len(),
        users: users_written,
        patronato_offices: offices_written,
        elapsed_ms: started.elapsed().as_millis(),
    })
}

/// Ids and counts carried from one block to the next.
struct Counters {
    message: i64,
    event: i64,
    reminder: i64,
    messages: usize,
    reminders: usize,
}

/// Writes requests `from..to` (ids from `first_request + from`) with their messages, dispatch
/// events and reminders.
fn write_block(
    conn: &mut AnyConnection,
    world: &World,
    protocols: &Protocols,
    created: &[NaiveDateTime],
    (from, to, first_request): (usize, usize, i64),
    counters: &mut Counters,
) -> Result<(), DbError> {
    let mut request_rows = Vec::with_capacity(to - from);
    let mut message_rows = Vec::new();
    let mut event_rows = Vec::new();
    let mut reminder_rows = Vec::new();
    for (i, created_at) in created.iter().enumerate().take(to).skip(from) {
        let plan = world.plan(i, *created_at)?;
        let mut rng = StdRng::seed_from_u64(plan.detail_seed);
        let request_id = RequestId(first_request + i as i64);
        let sender = &world.senders[plan.sender];
        let office = &world.offices[plan.office];
        let topic = &world.topics[plan.topic];
        let person = plan.person.map(|p| &world.people[p]);
        let kind = match person {
            Some(_) => RequestKind::Citizen,
            None => RequestKind::Regional,
        };
        let motive = match (kind, rng.gen_range(0..100)) {
            (RequestKind::Regional, 0..=59) => Motive::NormativeClarification,
            (RequestKind::Regional, _) => Motive::RequirementsAndAccess,
            (RequestKind::Citizen, 0..=34) => Motive::ReminderOfApplication,
            (RequestKind::Citizen, 35..=64) => Motive::BenefitInProgressOrRejected,
            (RequestKind::Citizen, _) => Motive::RequirementsAndAccess,
        };
        let practice = if motive.requires_practice() {
            Some(texts::practice(&mut rng, &topic.code, office, *created_at)?)
        } else {
            None
        };
        let text = texts::request_text(&mut rng, kind, motive, &topic.label);
        let notes = texts::notes(&mut rng);
        let timeline = plan.conversation;
        // One official works the request from dispatch to the last answer; a few waiting
        // ones sit in the office queue, unowned.
        let answered = timeline.state.answered();
        let official = match timeline.state.status {
            RequestStatus::Sent => None,
            _ if !answered && rng.gen_ratio(1, 10) => None,
            _ => Some(
                world.officials[plan.office]
                    .choose(&mut rng)
                    .copied()
                    .ok_or_else(|| {
                        DbError::Seed(format!("office {} has no official", office.code))
                    })?,
            ),
        };
        let first = protocols.first_message[i];
        for (k, (message, at)) in timeline.messages.iter().enumerate() {
            let (author, side, body) = match message {
                MessageKind::Request => (sender.user_id, Side::Patronato, text.clone()),
                MessageKind::Answer => {
                    let author = official.ok_or_else(|| {
                        DbError::Seed(format!("answer without official in office {}", office.code))
                    })?;
                    (author, Side::Inps, texts::answer_text(&mut rng))
                }
                MessageKind::FollowUp => (
                    sender.user_id,
                    Side::Patronato,
                    texts::follow_up_text(&mut rng),
                ),
            };
            message_rows.push(MessageRow {
                id: MessageId(counters.message),
                request_id,
                seq: k as i32,
                protocol: protocol(office, *at, protocols.sequences[first + k])?,
                kind: *message,
                author_id: author,
                author_side: side,
                text: body,
                created_at: *at,
            });
            counters.message += 1;
        }
        for (k, at) in timeline.reminders().enumerate() {
            reminder_rows.push(ReminderRow {
                id: counters.reminder,
                request_id,
                seq: k as i32 + 1,
                sent_by: sender.user_id,
                created_at: at,
            });
            counters.reminder += 1;
        }
        counters.reminders += timeline.state.reminders.len();
        if let Some(at) = timeline.dispatched_at {
            event_rows.push(EventRow {
                id: counters.event,
                request_id,
                kind: EventKind::Dispatched,
                actor_id: None,
                from_office_id: None,
                to_office_id: Some(office.id),
                detail: Some(if official.is_some() {
                    "assegnata a un funzionario"
                } else {
                    "in coda alla sede"
                }),
                created_at: at,
            });
            counters.event += 1;
        }
        request_rows.push(RequestRow {
            id: request_id,
            protocol: protocol(office, *created_at, protocols.sequences[first])?,
            kind,
            patronato_id: sender.patronato_id,
            patronato_office_id: Some(sender.office_id),
            region_id: sender.region_id,
            created_by: sender.user_id,
            citizen_id: person.map(|p| p.id),
            citizen_cf: person.map(|p| p.cf.as_str()),
            delega_declared_at: person.map(|_| *created_at),
            motive,
            practice_kind: practice.as_ref().map(|(kind, _)| *kind),
            practice_number: practice.map(|(_, number)| number),
            topic_id: topic.id,
            search_terms: crate::search::index_terms(&text, notes),
            text,
            notes,
            office_id: office.id,
            office_chosen_by_hand: plan.routing == RoutingReason::Manual,
            routing_reason: plan.routing,
            assigned_official_id: official,
            conversation: timeline.columns,
            created_at: *created_at,
            version: 1 + timeline.updates,
        });
    }
    counters.messages += message_rows.len();
    insert_all!(conn, requests::table, request_rows, 31);
    insert_all!(conn, messages::table, message_rows, 9);
    insert_all!(conn, request_events::table, event_rows, 8);
    insert_all!(conn, reminders::table, reminder_rows, 5);
    // What `requests::insert_reminder` keeps on the request row: its number of reminders.
    for seq in 1..=2 {
        let reminded: Vec<RequestId> = reminder_rows
            .iter()
            .filter(|r| r.seq == seq)
            .map(|r| r.request_id)
            .collect();
        for ids in reminded.chunks(10_000) {
            diesel::update(request_figures::table.filter(request_figures::id.eq_any(ids)))
                .set(request_figures::reminders_sent.eq(seq))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// PostgreSQL hands out ids from sequences that explicit ids do not move: set them past the
/// bulk rows so the next API insert gets a free id. (SQLite takes the maximum + 1 anyway.)
fn restart_id_sequences(conn: &mut AnyConnection) -> Result<(), DbError> {
    if let AnyConnection::Postgresql(c) = conn {
        for table in [
            "patronato_offices",
            "users",
            "citizens",
            "requests",
            "messages",
            "request_events",
            "reminders",
        ] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(c)?;
        }
    }
    Ok(())
}
