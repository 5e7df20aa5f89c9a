//! The conversation rules of a request (SPEC §7, §9, §10): who may write next, the limit of two
//! follow-ups after the first answer, reminders after 15 calendar days, and appointment
//! eligibility. Pure functions over the facts of one request and "now".

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::calendar::{days_between, rome_date};
use crate::enums::Side;

/// Follow-ups the patronato may send after the first answer.
pub const MAX_FOLLOW_UPS: u8 = 2;
/// Reminders per request.
pub const MAX_REMINDERS: usize = 2;
/// Calendar days of waiting before a reminder (and, exceeded, before an appointment).
pub const WAITING_DAYS: u64 = 15;

/// The facts of a request the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversation {
    /// Side of the last message (message 0, the request itself, is the patronato's).
    pub last_message_side: Side,
    /// When the last message was written: the start of the waiting clock when the patronato
    /// wrote it.
    pub last_message_at: DateTime<Utc>,
    /// Whether the institute has answered at least once.
    pub answered: bool,
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
            (Refusal::ReminderLimitReached, _) => {
                "Per questa richiesta sono già stati inviati i 2 solleciti previsti.".into()
            }
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
    /// Awaiting an answer for more than 15 days.
    WaitingOver15Days,
    /// The official enabled appointments when answering.
    EnabledByOfficial,
    /// Both follow-ups were used and answered: the conversation cannot continue.
    ConversationExhausted,
}

impl EligibilityReason {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            EligibilityReason::WaitingOver15Days => "waiting_over_15_days",
            EligibilityReason::EnabledByOfficial => "enabled_by_official",
            EligibilityReason::ConversationExhausted => "conversation_exhausted",
        }
    }
}

fn add_days(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

impl Conversation {
    /// A new request: message 0 from the patronato at `at`.
    pub fn new(at: DateTime<Utc>) -> Conversation {
        Conversation {
            last_message_side: Side::Patronato,
            last_message_at: at,
            answered: false,
            follow_ups: 0,
            reminders: Vec::new(),
            appointments_enabled: false,
        }
    }

    /// Whether the patronato waits for the institute.
    pub fn awaiting_answer(&self) -> bool {
        self.last_message_side == Side::Patronato
    }

    /// May the institute answer now?
    pub fn can_answer(&self) -> Result<(), Refusal> {
        if self.awaiting_answer() {
            Ok(())
        } else {
            Err(Refusal::NotYourTurn)
        }
    }

    /// May the patronato send a follow-up now? Strict turn-taking, at most two after the first
    /// answer.
    pub fn can_follow_up(&self) -> Result<(), Refusal> {
        if !self.answered || self.awaiting_answer() {
            Err(Refusal::NotYourTurn)
        } else if self.follow_ups >= MAX_FOLLOW_UPS {
            Err(Refusal::InteractionLimitReached)
        } else {
            Ok(())
        }
    }

    /// May the patronato send a reminder now? Returns which one (1 or 2).
    pub fn can_remind(&self, now: DateTime<Utc>) -> Result<u8, Refusal> {
        if !self.awaiting_answer() {
            return Err(Refusal::NotAwaitingAnswer);
        }
        if self.reminders.len() >= MAX_REMINDERS {
            return Err(Refusal::ReminderLimitReached);
        }
        // The 1st counts from the start of the wait, the 2nd from the 1st (or from a later wait).
        let since = self.reminders.last().map_or(self.last_message_at, |last| {
            (*last).max(self.last_message_at)
        });
        let allowed_from = add_days(rome_date(since), WAITING_DAYS);
        if rome_date(now) < allowed_from {
            return Err(Refusal::ReminderTooEarly { allowed_from });
        }
        Ok(u8::try_from(self.reminders.len() + 1).unwrap_or(u8::MAX))
    }

    /// Why appointments may be booked now; empty when they may not.
    pub fn appointment_reasons(&self, now: DateTime<Utc>) -> Vec<EligibilityReason> {
        let mut reasons = Vec::new();
        if self.awaiting_answer() && days_between(self.last_message_at, now) > 15 {
            reasons.push(EligibilityReason::WaitingOver15Days);
        }
        if self.appointments_enabled {
            reasons.push(EligibilityReason::EnabledByOfficial);
        }
        if self.follow_ups >= MAX_FOLLOW_UPS && !self.awaiting_answer() {
            reasons.push(EligibilityReason::ConversationExhausted);
        }
        reasons
    }

    /// The state after the institute answers at `at`.
    pub fn after_answer(&self, at: DateTime<Utc>, enable_appointments: bool) -> Conversation {
        Conversation {
            last_message_side: Side::Inps,
            last_message_at: at,
            answered: true,
            appointments_enabled: enable_appointments,
            ..self.clone()
        }
    }

    /// The state after a patronato follow-up at `at`.
    pub fn after_follow_up(&self, at: DateTime<Utc>) -> Conversation {
        Conversation {
            last_message_side: Side::Patronato,
            last_message_at: at,
            follow_ups: self.follow_ups.saturating_add(1),
            ..self.clone()
        }
    }
}

#[cfg(test)]
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

        let answered = new.after_answer(start + Duration::days(1), false);
        assert_eq!(answered.can_answer(), Err(Refusal::NotYourTurn));
        assert_eq!(answered.can_follow_up(), Ok(()));

        let first = answered.after_follow_up(start + Duration::days(2));
        assert_eq!(first.can_follow_up(), Err(Refusal::NotYourTurn));
        let second = first
            .after_answer(start + Duration::days(3), false)
            .after_follow_up(start + Duration::days(4));
        assert_eq!(second.follow_ups, 2);
        let exhausted = second.after_answer(start + Duration::days(5), false);
        assert_eq!(
            exhausted.can_follow_up(),
            Err(Refusal::InteractionLimitReached)
        );
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
        let mut request = Conversation::new(start);
        request.reminders.push(at(2026, 3, 20, 9));
        assert_eq!(
            request.can_remind(at(2026, 4, 3, 9)),
            Err(Refusal::ReminderTooEarly {
                allowed_from: date(2026, 4, 4)
            })
        );
        assert_eq!(request.can_remind(at(2026, 4, 4, 9)), Ok(2));
        request.reminders.push(at(2026, 4, 4, 9));
        assert_eq!(
            request.can_remind(at(2026, 6, 1, 9)),
            Err(Refusal::ReminderLimitReached)
        );
    }

    #[test]
    fn no_reminder_once_answered() {
        let start = at(2026, 3, 2, 9);
        let answered = Conversation::new(start).after_answer(start, false);
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
            vec![EligibilityReason::WaitingOver15Days]
        );
        let enabled = request.after_answer(at(2026, 3, 3, 9), true);
        assert_eq!(
            enabled.appointment_reasons(at(2026, 3, 3, 9)),
            vec![EligibilityReason::EnabledByOfficial]
        );
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
