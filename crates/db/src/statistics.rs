//! The seven figures of the statistics screen, counted in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer};

use domain::access::Scope;
use domain::enums::RequestStatus;
use domain::ids::OfficeId;

use crate::fixed_sql::fixed;
use crate::requests::{scoped, RequestFilter};
use crate::schema::requests;
use crate::{AnyConnection, DbError};

/// *Aperte*, *Superati 15 gg*, *1° Sollecito*, *2° Sollecito*, *Chiuse*, *Abilitate
/// appuntamento*, *Appuntamento*.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Not closed.
    pub open: i64,
    /// Awaiting an answer since before the threshold.
    pub over_15_days: i64,
    /// With at least one reminder.
    pub first_reminder: i64,
    /// With two reminders.
    pub second_reminder: i64,
    /// Closed by an official.
    pub closed: i64,
    /// Appointments enabled by the official.
    pub appointments_enabled: i64,
    /// With an active appointment.
    pub appointments: i64,
}

/// `SUM(CASE WHEN condition THEN 1 ELSE 0 END)`: how many scoped rows meet `condition`.
macro_rules! count_if {
    ($condition:expr) => {
        diesel::dsl::sum(
            diesel::dsl::case_when($condition, 1.into_sql::<Integer>())
                .otherwise(0.into_sql::<Integer>()),
        )
    };
}

/// The figures of a scope in a period; a request waiting since before `overdue_before`
/// (`domain::lifecycle::overdue_before`) counts as *Superati 15 gg*.
///
/// One pass over the scoped rows, each figure a sum of a condition on the row itself: the
/// reminders and the booking are kept on it (`reminders_sent`, `appointment_booked`), so no
/// figure looks anything up per request, and the scope indexes carry every column read here,
/// so the database reads the index alone.
pub fn figures(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: &RequestFilter,
    overdue_before: NaiveDateTime,
) -> Result<Figures, DbError> {
    let counts: [Option<i64>; 7] = scoped!(conn, scope, filter)
        .select((
            count_if!(requests::status.ne(RequestStatus::Closed)),
            count_if!(requests::awaiting_since.lt(overdue_before)),
            count_if!(fixed::<Bool>("requests.reminders_sent >= 1")),
            count_if!(fixed::<Bool>("requests.reminders_sent >= 2")),
            count_if!(requests::status.eq(RequestStatus::Closed)),
            count_if!(requests::appointments_enabled),
            count_if!(fixed::<Bool>("requests.appointment_booked")),
        ))
        .get_result::<(
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        )>(conn)
        .map(|(a, b, c, d, e, f, g)| [a, b, c, d, e, f, g])?;
    let [open, over_15_days, first_reminder, second_reminder, closed, enabled, booked] =
        counts.map(Option::unwrap_or_default);
    Ok(Figures {
        open,
        over_15_days,
        first_reminder,
        second_reminder,
        closed,
        appointments_enabled: enabled,
        appointments: booked,
    })
}

/// Median seconds from sending to the first answer, for the requests of an INPS office in the
/// period; none when nothing was answered.
pub fn median_first_answer_secs(
    conn: &mut AnyConnection,
    office_id: OfficeId,
    filter: &RequestFilter,
) -> Result<Option<f64>, DbError> {
    #[derive(QueryableByName)]
    struct Median {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Double>)]
        seconds: Option<f64>,
    }
    // Open bounds as dates both engines compare correctly (SQLite compares timestamps as text).
    let far = |year| {
        chrono::NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default()
    };
    let from = filter.created_from.unwrap_or_else(|| far(1900));
    let before = filter.created_before.unwrap_or_else(|| far(9999));
    let topic = filter.topic_id.map_or(0, i64::from);
    let median = match conn {
        AnyConnection::Postgresql(c) => diesel::sql_query(
            "SELECT percentile_cont(0.5) WITHIN GROUP \
               (ORDER BY EXTRACT(EPOCH FROM first_answer_at - created_at))::float8 AS seconds \
             FROM requests WHERE office_id = $1 AND first_answer_at IS NOT NULL \
               AND created_at >= $2 AND created_at < $3 AND ($4 = 0 OR topic_id = $4)",
        )
        .bind::<diesel::sql_types::BigInt, _>(office_id.0)
        .bind::<diesel::sql_types::Timestamp, _>(from)
        .bind::<diesel::sql_types::Timestamp, _>(before)
        .bind::<diesel::sql_types::BigInt, _>(topic)
        .get_result::<Median>(c)?,
        // SQLite has no percentile: average the middle one or two values of the ordered list.
        AnyConnection::Sqlite(c) => diesel::sql_query(
            "WITH d AS (SELECT (julianday(first_answer_at) - julianday(created_at)) * 86400.0 AS s \
                        FROM requests WHERE office_id = ?1 AND first_answer_at IS NOT NULL \
                          AND created_at >= ?2 AND created_at < ?3 AND (?4 = 0 OR topic_id = ?4)) \
             SELECT AVG(s) AS seconds FROM (SELECT s FROM d ORDER BY s \
               LIMIT 2 - (SELECT COUNT(*) FROM d) % 2 OFFSET ((SELECT COUNT(*) FROM d) - 1) / 2)",
        )
        .bind::<diesel::sql_types::BigInt, _>(office_id.0)
        .bind::<diesel::sql_types::Timestamp, _>(from)
        .bind::<diesel::sql_types::Timestamp, _>(before)
        .bind::<diesel::sql_types::BigInt, _>(topic)
        .get_result::<Median>(c)?,
    };
    Ok(median.seconds)
}
