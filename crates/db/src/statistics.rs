//! The seven figures of the statistics screen, counted in the database.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use domain::access::Scope;
use domain::enums::RequestStatus;
use domain::ids::OfficeId;

use crate::requests::{scoped, RequestFilter};
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

/// The figures of a scope in a period; a request waiting since before `overdue_before`
/// (`domain::lifecycle::overdue_before`) counts as *Superati 15 gg*.
pub fn figures(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: &RequestFilter,
    overdue_before: NaiveDateTime,
) -> Result<Figures, DbError> {
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Timestamp};
    // One pass over the scoped rows instead of one COUNT per figure: each figure is a sum of a
    // condition, and the reminder and appointment ones look up their row by index.
    let count_if = |condition: &str| {
        sql::<BigInt>(&format!(
            "COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)"
        ))
    };
    let closed = format!("requests.status = '{}'", RequestStatus::Closed.as_str());
    let open = format!("requests.status <> '{}'", RequestStatus::Closed.as_str());
    let reminded = |seq: i32| {
        format!(
            "EXISTS (SELECT 1 FROM reminders WHERE reminders.request_id = requests.id \
             AND reminders.seq = {seq})"
        )
    };
    let over_15_days = sql::<BigInt>(
        "COALESCE(SUM(CASE WHEN requests.awaiting_since IS NOT NULL AND requests.awaiting_since < ",
    )
    .bind::<Timestamp, _>(overdue_before)
    .sql(" THEN 1 ELSE 0 END), 0)");
    let (open, over_15_days, first_reminder, second_reminder, closed, enabled, booked) =
        scoped!(conn, scope, filter)
            .select((
                count_if(&open),
                over_15_days,
                count_if(&reminded(1)),
                count_if(&reminded(2)),
                count_if(&closed),
                count_if("requests.appointments_enabled"),
                count_if(
                    "EXISTS (SELECT 1 FROM appointment_requests \
                     WHERE appointment_requests.request_id = requests.id \
                     AND appointment_requests.active)",
                ),
            ))
            .get_result::<(i64, i64, i64, i64, i64, i64, i64)>(conn)?;
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
