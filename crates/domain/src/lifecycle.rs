//! The conversation rules of a request (RULES.md R7, R9, R10): who may write next, the limit of
//! two follow-ups after the first answer, reminders after 15 calendar days, appointment
//! eligibility, and the status each step leads to. Pure functions over the facts of one request
//! and "now": every step returns the next state, which the caller stores as it is.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::calendar::{days_between, rome_date, start_of_rome_day};
use crate::enums::{RequestStatus, Side};

/// Follow-ups the patronato may send after the first answer.
pub const MAX_FOLLOW_UPS: u8 = 2;
/// Reminders per request.
pub const MAX_REMINDERS: usize = 2;
/// Calendar days of waiting before a reminder (and, exceeded, before an appointment).
pub const WAITING_DAYS: u64 = 15;
/// Calendar days, today included, of the home panel *Risposte ricevute negli ultimi 3 giorni*.
pub const RECENT_ANSWER_DAYS: i64 = 3;

/// The facts of a request the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Where the request stands.
    pub status: RequestStatus,
    /// Side of the last message (message 0, the request itself, is the patronato's).
    pub last_message_side: Side,
    /// When the last message was written: the start of the waiting clock when the patronato
    /// wrote it.
    pub last_message_at: DateTime<Utc>,
    /// When the institute first answered.
    pub first_answer_at: Option<DateTime<Utc>>,
    /// Follow-ups sent after the first answer (0–2).
    pub follow_ups: u8,
    /// When the reminders were sent, oldest first (0–2).
    pub reminders: Vec<DateTime<Utc>>,
    /// Whether the official enabled appointments when answering.
    pub appointments_enabled: bool,
}

/// Why an action is not allowed now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The other side must write first.
    NotYourTurn,
    /// Two follow-ups were used: a new request is needed.
    InteractionLimitReached,
    /// Reminders apply only while the patronato waits for an answer.
    NotAwaitingAnswer,
    /// Both reminders were sent.
    ReminderLimitReached,
    /// Too early: allowed from this date (Europe/Rome).
    ReminderTooEarly {
        /// First day the reminder is allowed.
        allowed_from: NaiveDate,
    },
}

/// The text the service shows when the conversation limit is reached.
pub const INTERACTION_LIMIT_MESSAGE: &str = "Una volta ricevuta risposta dall'Istituto, è \
possibile continuare la conversazione con un massimo di 2 ulteriori interazioni. Se hai bisogno di \
maggiori approfondimenti dovrai inoltrare una nuova richiesta.";

impl Refusal {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotYourTurn => "not_your_turn",
            Refusal::InteractionLimitReached => "interaction_limit_reached",
            Refusal::NotAwaitingAnswer => "not_awaiting_answer",
            Refusal::ReminderLimitReached => "reminder_limit_reached",
            Refusal::ReminderTooEarly { .. } => "reminder_too_early",
        }
    }

    /// Italian message for the operator or official.
    pub fn message_it(&self, side: Side) -> String {
        match (self, side) {
            (Refusal::NotYourTurn, Side::Patronato) => {
                "È possibile scrivere di nuovo solo dopo la risposta dell'Istituto.".into()
            }
            (Refusal::NotYourTurn, Side::Inps) => {
                "La richiesta è già stata riscontrata: si attende un nuovo messaggio del patronato."
                    .into()
            }
            (Refusal::InteractionLimitReached, _) => INTERACTION_LIMIT_MESSAGE.into(),
            (Refusal::NotAwaitingAnswer, _) => {
                "Il sollecito è possibile solo per le richieste in attesa di risposta.".into()
            }
            (Refusal::ReminderLimitReached, _) => format!(
                "Per questa richiesta sono già stati inviati i {MAX_REMINDERS} solleciti previsti."
            ),
            (Refusal::ReminderTooEarly { allowed_from }, _) => format!(
                "Il sollecito sarà possibile dal {}.",
                allowed_from.format("%d/%m/%Y")
            ),
        }
    }

    /// The date from which the action becomes possible, when it is only a matter of time.
    pub fn allowed_from(&self) -> Option<NaiveDate> {
        match self {
            Refusal::ReminderTooEarly { allowed_from } => Some(*allowed_from),
            _ => None,
        }
    }
}

/// Why appointments may be booked for a request (any one suffices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EligibilityReason {
    /// (a) Awaiting an answer for more than [`WAITING_DAYS`] days.
    WaitingOverLimit,
    /// (b) The official enabled appointments when answering.
    EnabledByOfficial,
    /// (c) Both follow-ups were used and answered: the conversation cannot continue.
    ConversationExhausted,
}

impl EligibilityReason {
    /// The letter of the case in the service's rules: (a), (b) or (c).
    pub fn case(&self) -> &'static str {
        match self {
            EligibilityReason::WaitingOverLimit => "a",
            EligibilityReason::EnabledByOfficial => "b",
            EligibilityReason::ConversationExhausted => "c",
        }
    }

    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            EligibilityReason::WaitingOverLimit => "waiting_over_15_days",
            EligibilityReason::EnabledByOfficial => "enabled_by_official",
            EligibilityReason::ConversationExhausted => "conversation_exhausted",
        }
    }

    /// Italian description of the case.
    pub fn message_it(&self) -> String {
        match self {
            EligibilityReason::WaitingOverLimit => {
                format!("La richiesta attende risposta da più di {WAITING_DAYS} giorni.")
            }
            EligibilityReason::EnabledByOfficial => {
                "Il funzionario ha abilitato la prenotazione di un appuntamento.".into()
            }
            EligibilityReason::ConversationExhausted => {
                "La conversazione non può proseguire: usate le ulteriori interazioni previste."
                    .into()
            }
        }
    }
}

/// Why appointments may not be booked: the three cases, none of which holds.
pub fn not_eligible_message() -> String {
    format!(
        "L'appuntamento è prenotabile se la richiesta attende risposta da più di {WAITING_DAYS} \
         giorni, se il funzionario lo ha abilitato o se la conversazione non può proseguire."
    )
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// The latest instant a wait may have started and count, at `now`, as waiting more than
/// [`WAITING_DAYS`] calendar days (the figure *Superati 15 gg* and appointment case (a)).
pub fn overdue_before(now: DateTime<Utc>) -> DateTime<Utc> {
    let limit = rome_date(now)
        .checked_sub_days(Days::new(WAITING_DAYS))
        .unwrap_or(NaiveDate::MIN);
    start_of_rome_day(limit)
}

impl Conversation {
    /// A new request: message 0 from the patronato at `at`, waiting for dispatch.
    pub fn new(at: DateTime<Utc>) -> Conversation {
        Conversation {
            status: RequestStatus::Sent,
            last_message_side: Side::Patronato,
            last_message_at: at,
            first_answer_at: None,
            follow_ups: 0,
            reminders: Vec::new(),
            appointments_enabled: false,
        }
    }

    /// Whether the patronato waits for the institute.
    pub fn awaiting_answer(&self) -> bool {
        self.last_message_side == Side::Patronato
    }

    /// Whether the institute has answered at least once.
    pub fn answered(&self) -> bool {
        self.first_answer_at.is_some()
    }

    /// Whether the patronato has been waiting more than [`WAITING_DAYS`] calendar days at `now`.
    pub fn waiting_over_limit(&self, now: DateTime<Utc>) -> bool {
        let limit = i64::try_from(WAITING_DAYS).unwrap_or(i64::MAX);
        self.awaiting_answer() && days_between(self.last_message_at, now) > limit
    }

    /// May the institute answer now?
    pub fn can_answer(&self) -> Result<(), Refusal> {
        if self.awaiting_answer() {
            Ok(())
        } else {
            Err(Refusal::NotYourTurn)
        }
    }

    /// May the patronato send a follow-up now? Strict turn-taking, at most
    /// [`MAX_FOLLOW_UPS`] after the first answer.
    pub fn can_follow_up(&self) -> Result<(), Refusal> {
        if !self.answered() || self.awaiting_answer() {
            Err(Refusal::NotYourTurn)
        } else if self.follow_ups >= MAX_FOLLOW_UPS {
            Err(Refusal::InteractionLimitReached)
        } else {
            Ok(())
        }
    }

    /// When the waiting days of the next reminder start counting: the 1st counts from the start
    /// of the wait, the 2nd from the 1st (or from a later wait).
    pub fn reminder_clock_start(&self) -> DateTime<Utc> {
        self.reminders.last().map_or(self.last_message_at, |last| {
            (*last).max(self.last_message_at)
        })
    }

    /// May the patronato send a reminder now? Returns which one (1 or 2).
    pub fn can_remind(&self, now: DateTime<Utc>) -> Result<u8, Refusal> {
        if !self.awaiting_answer() {
            return Err(Refusal::NotAwaitingAnswer);
        }
        if self.reminders.len() >= MAX_REMINDERS {
            return Err(Refusal::ReminderLimitReached);
        }
        let allowed_from = add_days(rome_date(self.reminder_clock_start()), WAITING_DAYS);
        if rome_date(now) < allowed_from {
            return Err(Refusal::ReminderTooEarly { allowed_from });
        }
        Ok(u8::try_from(self.reminders.len() + 1).unwrap_or(u8::MAX))
    }

    /// Why appointments may be booked now; empty when they may not.
    pub fn appointment_reasons(&self, now: DateTime<Utc>) -> Vec<EligibilityReason> {
        let mut reasons = Vec::new();
        if self.waiting_over_limit(now) {
            reasons.push(EligibilityReason::WaitingOverLimit);
        }
        if self.appointments_enabled {
            reasons.push(EligibilityReason::EnabledByOfficial);
        }
        if self.follow_ups >= MAX_FOLLOW_UPS && !self.awaiting_answer() {
            reasons.push(EligibilityReason::ConversationExhausted);
        }
        reasons
    }

    /// The institute answers at `at`: the round closes, and appointments are enabled or not.
    pub fn answer(&self, at: DateTime<Utc>, enable_appointments: bool) -> Result<Self, Refusal> {
        self.can_answer()?;
        Ok(Conversation {
            status: RequestStatus::Closed,
            last_message_side: Side::Inps,
            last_message_at: at,
            first_answer_at: self.first_answer_at.or(Some(at)),
            appointments_enabled: enable_appointments,
            ..self.clone()
        })
    }

    /// The patronato follows up at `at`: the request reopens at its office.
    pub fn follow_up(&self, at: DateTime<Utc>) -> Result<Self, Refusal> {
        self.can_follow_up()?;
        Ok(Conversation {
            status: RequestStatus::Assigned,
            last_message_side: Side::Patronato,
            last_message_at: at,
            follow_ups: self.follow_ups.saturating_add(1),
            ..self.clone()
        })
    }

    /// The sender reminds at `now`; the new reminder is the last of `reminders`.
    pub fn remind(&self, now: DateTime<Utc>) -> Result<Self, Refusal> {
        self.can_remind(now)?;
        let mut next = self.clone();
        next.reminders.push(now);
        Ok(next)
    }

    /// The dispatcher hands a `sent` request to its office (an official or the queue).
    pub fn dispatched(&self) -> Self {
        self.with_status(RequestStatus::Assigned)
    }

    /// An official takes the request: a `sent` one is assigned; otherwise the status stays.
    pub fn taken(&self) -> Self {
        match self.status {
            RequestStatus::Sent => self.with_status(RequestStatus::Assigned),
            RequestStatus::Assigned | RequestStatus::Closed => self.clone(),
        }
    }

    /// An official moves the request to another office: it waits for dispatch there.
    pub fn transferred(&self) -> Self {
        self.with_status(RequestStatus::Sent)
    }

    fn with_status(&self, status: RequestStatus) -> Self {
        Conversation {
            status,
            ..self.clone()
        }
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn turn_taking_and_the_two_follow_up_limit() {
        let start = at(2026, 3, 2, 9);
        let new = Conversation::new(start);
        assert_eq!(new.can_follow_up(), Err(Refusal::NotYourTurn));
        assert_eq!(new.can_answer(), Ok(()));

        let answered = new.answer(start + Duration::days(1), false).unwrap();
        assert_eq!(answered.status, RequestStatus::Closed);
        assert_eq!(answered.answer(start, false), Err(Refusal::NotYourTurn));
        assert_eq!(answered.can_follow_up(), Ok(()));

        let first = answered.follow_up(start + Duration::days(2)).unwrap();
        assert_eq!(first.status, RequestStatus::Assigned);
        assert_eq!(first.first_answer_at, Some(start + Duration::days(1)));
        assert_eq!(
            first.follow_up(start + Duration::days(2)),
            Err(Refusal::NotYourTurn)
        );
        let second = first
            .answer(start + Duration::days(3), false)
            .and_then(|c| c.follow_up(start + Duration::days(4)))
            .unwrap();
        assert_eq!(second.follow_ups, 2);
        let exhausted = second.answer(start + Duration::days(5), false).unwrap();
        assert_eq!(
            exhausted.follow_up(start + Duration::days(6)),
            Err(Refusal::InteractionLimitReached)
        );
        assert_eq!(exhausted.first_answer_at, Some(start + Duration::days(1)));
        assert_eq!(
            exhausted.appointment_reasons(start + Duration::days(5)),
            vec![EligibilityReason::ConversationExhausted]
        );
    }

    #[test]
    fn the_first_reminder_waits_15_calendar_days_in_rome() {
        // 23:30 in Rome on 1 March is still 1 March there (22:30 UTC).
        let sent = Utc
            .with_ymd_and_hms(2026, 3, 1, 22, 30, 0)
            .single()
            .unwrap_or_default();
        let request = Conversation::new(sent);
        let too_early = request.can_remind(at(2026, 3, 15, 22));
        assert_eq!(
            too_early,
            Err(Refusal::ReminderTooEarly {
                allowed_from: date(2026, 3, 16)
            })
        );
        // 23:00 UTC on 15 March is 00:00 on the 16th in Rome.
        let midnight = Utc
            .with_ymd_and_hms(2026, 3, 15, 23, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(request.can_remind(midnight), Ok(1));
    }

    #[test]
    fn the_second_reminder_counts_from_the_first_and_there_is_no_third() {
        let start = at(2026, 3, 2, 9);
        let request = Conversation::new(start).remind(at(2026, 3, 20, 9)).unwrap();
        assert_eq!(request.reminder_clock_start(), at(2026, 3, 20, 9));
        assert_eq!(
            request.remind(at(2026, 4, 3, 9)),
            Err(Refusal::ReminderTooEarly {
                allowed_from: date(2026, 4, 4)
            })
        );
        assert_eq!(request.can_remind(at(2026, 4, 4, 9)), Ok(2));
        let reminded = request.remind(at(2026, 4, 4, 9)).unwrap();
        assert_eq!(reminded.reminders.len(), 2);
        assert_eq!(
            reminded.remind(at(2026, 6, 1, 9)),
            Err(Refusal::ReminderLimitReached)
        );
    }

    #[test]
    fn no_reminder_once_answered() {
        let start = at(2026, 3, 2, 9);
        let answered = Conversation::new(start).answer(start, false).unwrap();
        assert_eq!(
            answered.can_remind(start + Duration::days(40)),
            Err(Refusal::NotAwaitingAnswer)
        );
    }

    #[test]
    fn appointments_after_more_than_15_days_of_waiting_or_when_enabled() {
        let start = at(2026, 3, 2, 9);
        let request = Conversation::new(start);
        assert!(request.appointment_reasons(at(2026, 3, 17, 9)).is_empty());
        assert_eq!(
            request.appointment_reasons(at(2026, 3, 18, 9)),
            vec![EligibilityReason::WaitingOverLimit]
        );
        let enabled = request.answer(at(2026, 3, 3, 9), true).unwrap();
        assert_eq!(
            enabled.appointment_reasons(at(2026, 3, 3, 9)),
            vec![EligibilityReason::EnabledByOfficial]
        );
    }

    #[test]
    fn overdue_means_waiting_since_before_the_start_of_the_rome_day_15_days_ago() {
        // 2 March 2026, 09:00 in Rome: the limit is the start of 15 February (CET, UTC+1).
        let now = at(2026, 3, 2, 8);
        let before = overdue_before(now);
        assert_eq!(
            before,
            Utc.with_ymd_and_hms(2026, 2, 14, 23, 0, 0)
                .single()
                .unwrap()
        );
        let just_in = Conversation::new(before - Duration::seconds(1));
        let just_out = Conversation::new(before);
        assert!(just_in.waiting_over_limit(now));
        assert!(!just_out.waiting_over_limit(now));
    }

    #[test]
    fn dispatch_take_and_transfer_move_the_status() {
        let new = Conversation::new(at(2026, 3, 2, 9));
        assert_eq!(new.status, RequestStatus::Sent);
        assert_eq!(new.dispatched().status, RequestStatus::Assigned);
        assert_eq!(new.taken().status, RequestStatus::Assigned);
        let closed = new.answer(at(2026, 3, 3, 9), false).unwrap();
        assert_eq!(closed.taken().status, RequestStatus::Closed);
        assert_eq!(closed.transferred().status, RequestStatus::Sent);
        assert_eq!(closed.transferred().last_message_side, Side::Inps);
    }

    #[test]
    fn messages_name_the_reminder_date() {
        let refusal = Refusal::ReminderTooEarly {
            allowed_from: date(2026, 3, 17),
        };
        assert_eq!(refusal.code(), "reminder_too_early");
        assert!(refusal.message_it(Side::Patronato).contains("17/03/2026"));
        assert_eq!(refusal.allowed_from(), Some(date(2026, 3, 17)));
    }
}
