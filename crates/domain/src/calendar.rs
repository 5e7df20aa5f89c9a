//! Calendar days in Europe/Rome.
//!
//! Instants are stored in UTC, but the rules count calendar days as people in Italy see them
//! (reminders after 15 days, protocol dates, the day of an appointment).

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// The time zone of every calendar rule.
pub const ROME: chrono_tz::Tz = chrono_tz::Europe::Rome;

/// The calendar date in Rome at instant `at`.
pub fn rome_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&ROME).date_naive()
}

/// Calendar days from `from` to `to`, as the difference of their Rome dates (negative when `to`
/// is on an earlier day). Two instants on the same Rome day are 0 days apart, 23:59 and 00:01 of
/// the next day are 1 day apart.
pub fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    rome_date(to)
        .signed_duration_since(rome_date(from))
        .num_days()
}

/// The first instant of `date` in Rome.
///
/// Usually local midnight; on days whose midnight was skipped by a daylight-saving change (Italy
/// switched at midnight in some years, e.g. 22 May 1966) the first instant that exists, and on
/// days whose midnight happened twice the earlier one.
pub fn start_of_rome_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN);
    match ROME.from_local_datetime(&midnight) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => end_of_gap(midnight),
    }
}

/// The first instant whose Rome local time is at or after `local`, for a `local` inside a
/// daylight-saving gap.
fn end_of_gap(local: NaiveDateTime) -> DateTime<Utc> {
    let reaches = |at: DateTime<Utc>| at.with_timezone(&ROME).naive_local() >= local;
    // Rome's offsets lie between 0 and +2 hours, so at `local` read as UTC the local time has
    // already reached `local`, and 14 hours earlier it had not; local time only moves forward
    // across a gap, so a binary search on seconds finds where the gap ends.
    let reaches_at = |seconds: i64| DateTime::from_timestamp(seconds, 0).is_some_and(reaches);
    let mut after = local.and_utc().timestamp();
    let mut before = after.saturating_sub(14 * 3600);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if reaches_at(middle) {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0).unwrap_or_else(|| local.and_utc())
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn instant(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rome_date_follows_local_midnight() {
        // Winter: UTC+1.
        assert_eq!(
            rome_date(instant("2024-01-15T22:59:59Z")),
            date(2024, 1, 15)
        );
        assert_eq!(
            rome_date(instant("2024-01-15T23:00:00Z")),
            date(2024, 1, 16)
        );
        // Summer: UTC+2.
        assert_eq!(
            rome_date(instant("2024-07-15T21:59:59Z")),
            date(2024, 7, 15)
        );
        assert_eq!(
            rome_date(instant("2024-07-15T22:00:00Z")),
            date(2024, 7, 16)
        );
    }

    #[test]
    fn days_between_counts_rome_calendar_days() {
        assert_eq!(
            days_between(
                instant("2024-01-15T08:00:00Z"),
                instant("2024-01-15T22:00:00Z")
            ),
            0
        );
        // 23:30 and 00:30 in Rome are on different days though one hour apart.
        assert_eq!(
            days_between(
                instant("2024-01-15T22:30:00Z"),
                instant("2024-01-15T23:30:00Z")
            ),
            1
        );
        assert_eq!(
            days_between(
                instant("2024-01-16T12:00:00Z"),
                instant("2024-01-15T12:00:00Z")
            ),
            -1
        );
    }

    #[test]
    fn days_between_across_spring_forward() {
        // 31 March 2024 in Rome lasts 23 hours.
        let saturday_noon = instant("2024-03-30T11:00:00Z");
        let sunday_late = instant("2024-03-31T21:30:00Z"); // 23:30 CEST
        let monday_early = instant("2024-03-31T22:30:00Z"); // 00:30 CEST on 1 April
        assert_eq!(days_between(saturday_noon, sunday_late), 1);
        assert_eq!(days_between(saturday_noon, monday_early), 2);
        // 15 days after a message sent in winter, crossing the change.
        let sent = instant("2024-03-20T23:30:00Z"); // 00:30 CET on 21 March
        assert_eq!(days_between(sent, instant("2024-04-04T21:59:59Z")), 14);
        assert_eq!(days_between(sent, instant("2024-04-04T22:00:00Z")), 15);
    }

    #[test]
    fn days_between_across_fall_back() {
        // 27 October 2024 in Rome lasts 25 hours.
        let saturday = instant("2024-10-26T21:59:59Z"); // 23:59:59 CEST on 26 October
        let sunday_start = instant("2024-10-26T22:00:00Z"); // 00:00 CEST on 27 October
        let sunday_end = instant("2024-10-27T22:59:59Z"); // 23:59:59 CET on 27 October
        let monday = instant("2024-10-27T23:00:00Z"); // 00:00 CET on 28 October
        assert_eq!(days_between(saturday, sunday_start), 1);
        assert_eq!(days_between(sunday_start, sunday_end), 0);
        assert_eq!(days_between(sunday_start, monday), 1);
    }

    #[test]
    fn start_of_rome_day_handles_dst() {
        assert_eq!(
            start_of_rome_day(date(2024, 1, 15)),
            instant("2024-01-14T23:00:00Z")
        );
        assert_eq!(
            start_of_rome_day(date(2024, 3, 31)),
            instant("2024-03-30T23:00:00Z")
        );
        assert_eq!(
            start_of_rome_day(date(2024, 4, 1)),
            instant("2024-03-31T22:00:00Z")
        );
        assert_eq!(
            start_of_rome_day(date(2024, 10, 27)),
            instant("2024-10-26T22:00:00Z")
        );
        assert_eq!(
            start_of_rome_day(date(2024, 10, 28)),
            instant("2024-10-27T23:00:00Z")
        );
        let spring_day = start_of_rome_day(date(2024, 4, 1)) - start_of_rome_day(date(2024, 3, 31));
        assert_eq!(spring_day, TimeDelta::hours(23));
        let fall_day =
            start_of_rome_day(date(2024, 10, 28)) - start_of_rome_day(date(2024, 10, 27));
        assert_eq!(fall_day, TimeDelta::hours(25));
    }

    #[test]
    fn start_of_rome_day_when_midnight_was_skipped_or_repeated() {
        // 22 May 1966: clocks jumped from 00:00 CET to 01:00 CEST, so the day began at 01:00.
        let start = start_of_rome_day(date(1966, 5, 22));
        assert_eq!(start, instant("1966-05-21T23:00:00Z"));
        assert_eq!(rome_date(start), date(1966, 5, 22));
        assert_eq!(rome_date(start - TimeDelta::seconds(1)), date(1966, 5, 21));
        // 24 September 1967: clocks went back from 01:00 CEST to 00:00 CET, so midnight
        // happened twice; the day began at the first one.
        assert_eq!(
            start_of_rome_day(date(1967, 9, 24)),
            instant("1967-09-23T22:00:00Z")
        );
    }

    proptest! {
        #[test]
        fn start_of_day_is_the_first_instant_of_that_date(days in 0i32..80_000) {
            let day = date(1900, 1, 1) + TimeDelta::days(i64::from(days));
            let start = start_of_rome_day(day);
            prop_assert_eq!(rome_date(start), day);
            prop_assert_eq!(rome_date(start - TimeDelta::seconds(1)), day.pred_opt().unwrap());
        }

        #[test]
        fn days_between_is_consistent_with_start_of_day(
            from in 0i64..2_000_000_000,
            span in 0i64..200_000_000,
        ) {
            let from = DateTime::from_timestamp(from, 0).unwrap();
            let to = DateTime::from_timestamp(from.timestamp() + span, 0).unwrap();
            let days = days_between(from, to);
            prop_assert!(days >= 0);
            prop_assert_eq!(days_between(to, from), -days);
            let target = rome_date(from) + TimeDelta::days(days);
            prop_assert_eq!(rome_date(to), target);
            prop_assert!(start_of_rome_day(target) <= to);
        }
    }
}
