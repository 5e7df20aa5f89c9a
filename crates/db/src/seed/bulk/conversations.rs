//! Conversation timelines: when the institute answers, when the patronato follows up and
//! reminds. Every step goes through `domain::lifecycle::Conversation`, as in the API, and what
//! the domain refuses (a third follow-up or reminder, a reminder too early) does not happen. The
//! request columns are those the API's updates would have left, step after step.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use domain::enums::{MessageKind, RequestStatus};
use domain::lifecycle::{Conversation, WAITING_DAYS};
use rand::rngs::StdRng;
use rand::Rng;

use super::seconds;
use crate::requests::RequestChangeset;
use crate::schema::requests;
use crate::DbError;

/// The columns of `requests` that store the conversation state.
#[derive(Insertable)]
#[diesel(table_name = requests, treat_none_as_default_value = false)]
pub(super) struct ConversationColumns {
    status: RequestStatus,
    appointments_enabled: bool,
    followups_used: i32,
    first_answer_at: Option<NaiveDateTime>,
    awaiting_since: Option<NaiveDateTime>,
    last_message_at: NaiveDateTime,
    closed_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

impl ConversationColumns {
    /// The columns of a request just inserted in state `state` at `at`.
    fn inserted(state: &Conversation, at: NaiveDateTime) -> Self {
        // The column defaults, then what the insert sets.
        let mut columns = ConversationColumns {
            status: RequestStatus::Sent,
            appointments_enabled: false,
            followups_used: 0,
            first_answer_at: None,
            awaiting_since: None,
            last_message_at: at,
            closed_at: None,
            updated_at: at,
        };
        columns.apply(RequestChangeset::conversation(state, at));
        columns
    }

    /// What an UPDATE with `changes` leaves in the columns.
    fn apply(&mut self, changes: RequestChangeset) {
        fn set<T>(column: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *column = value;
            }
        }
        set(&mut self.status, changes.status);
        set(&mut self.appointments_enabled, changes.appointments_enabled);
        set(&mut self.followups_used, changes.followups_used);
        set(&mut self.first_answer_at, changes.first_answer_at);
        set(&mut self.awaiting_since, changes.awaiting_since);
        set(&mut self.last_message_at, changes.last_message_at);
        set(&mut self.closed_at, changes.closed_at);
        set(&mut self.updated_at, changes.updated_at);
    }
}

/// The conversation of one request as far as `now`.
pub(super) struct Timeline {
    /// The request, then answers and follow-ups alternating.
    pub(super) messages: Vec<(MessageKind, NaiveDateTime)>,
    /// The domain state after the last step (reminders included).
    pub(super) state: Conversation,
    /// When the dispatcher gave it to the office; `None` while `sent`.
    pub(super) dispatched_at: Option<NaiveDateTime>,
    /// The request columns the steps left.
    pub(super) columns: ConversationColumns,
    /// Updates of the row after its insert: each one bumps the version.
    pub(super) updates: i32,
}

impl Timeline {
    fn new(created: NaiveDateTime) -> Timeline {
        let state = Conversation::new(created.and_utc());
        Timeline {
            messages: vec![(MessageKind::Request, created)],
            columns: ConversationColumns::inserted(&state, created),
            state,
            dispatched_at: None,
            updates: 0,
        }
    }

    /// A step that updates the request row, as the API stores it.
    fn update(&mut self, next: Conversation, at: NaiveDateTime) {
        self.columns
            .apply(RequestChangeset::conversation(&next, at));
        self.updates += 1;
        self.state = next;
    }

    fn dispatch(&mut self, at: NaiveDateTime) {
        let next = self.state.dispatched();
        self.update(next, at);
        self.dispatched_at = Some(at);
    }

    fn answer(&mut self, at: NaiveDateTime, enable_appointments: bool) -> Result<(), DbError> {
        let next = self
            .state
            .answer(at.and_utc(), enable_appointments)
            .map_err(|refusal| DbError::Seed(format!("bulk answer refused: {}", refusal.code())))?;
        self.messages.push((MessageKind::Answer, at));
        self.update(next, at);
        Ok(())
    }

    /// A follow-up at `at`, unless the domain refuses it.
    fn follow_up(&mut self, at: NaiveDateTime) -> bool {
        match self.state.follow_up(at.and_utc()) {
            Ok(next) => {
                self.messages.push((MessageKind::FollowUp, at));
                self.update(next, at);
                true
            }
            Err(_) => false,
        }
    }

    /// Reminders while the patronato waits, before `until`: each one six times in ten, some
    /// days after the domain's waiting days, as long as the domain accepts it.
    fn remind(&mut self, rng: &mut StdRng, until: NaiveDateTime) {
        loop {
            // The waiting days and at least an hour: a daylight-saving change cannot pull it
            // back to the day before in Rome.
            let at = self.state.reminder_clock_start().naive_utc()
                + Duration::days(WAITING_DAYS as i64)
                + seconds(rng.gen_range(0.05..10.0));
            if at >= until || !rng.gen_ratio(6, 10) {
                return;
            }
            match self.state.remind(at.and_utc()) {
                // A reminder leaves the request row as it is.
                Ok(next) => self.state = next,
                Err(_) => return,
            }
        }
    }

    /// When the reminders were sent, oldest first.
    pub(super) fn reminders(&self) -> impl Iterator<Item = NaiveDateTime> + '_ {
        self.state.reminders.iter().map(|at| at.naive_utc())
    }
}

/// How long the institute takes to answer: hours for most, months for a few.
fn wait(rng: &mut StdRng) -> Duration {
    seconds(match rng.gen_range(0..100) {
        0..=54 => rng.gen_range(0.04..7.0),
        55..=84 => rng.gen_range(7.0..30.0),
        85..=96 => rng.gen_range(30.0..90.0),
        _ => rng.gen_range(90.0..240.0),
    })
}

/// The conversation of a request created at `created`. Answers take from an hour to months;
/// after an answer the patronato writes again now and then; reminders come while it waits.
/// Whatever would happen after `now` does not happen, which leaves recent requests waiting.
pub(super) fn conversation(
    rng: &mut StdRng,
    created: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Timeline, DbError> {
    let mut timeline = Timeline::new(created);
    let mut answer = created + wait(rng);
    // The dispatcher runs every few seconds; a few requests nobody has answered are still
    // `sent` (just created, or back from a transfer).
    let dispatch = created + Duration::seconds(rng.gen_range(2..90));
    if dispatch <= now && (answer <= now || rng.gen_ratio(9, 10)) {
        timeline.dispatch(dispatch);
    }
    loop {
        timeline.remind(rng, answer.min(now));
        if answer > now {
            break;
        }
        timeline.answer(answer, rng.gen_ratio(1, 25))?;
        let again = match timeline.state.follow_ups {
            0 => rng.gen_ratio(22, 100),
            _ => rng.gen_ratio(35, 100),
        };
        let follow_up = answer + seconds(rng.gen_range(0.1..12.0));
        if !again || follow_up > now || !timeline.follow_up(follow_up) {
            break;
        }
        answer = follow_up + wait(rng);
    }
    Ok(timeline)
}
