//! The history's exact totals, kept by the database (migration `request_counts`): triggers on
//! `requests` append, per scope and status, how many requests each statement added or removed,
//! and a total is the sum of its scope's rows. Appending never makes two writers wait on the
//! same row; [`compact`] folds the rows into one per scope and status.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};
use domain::access::Scope;
use domain::enums::RequestStatus;

use crate::fixed_sql::{fixed, Fixed};
use crate::requests::RequestFilter;
use crate::schema::request_counts;
use crate::{AnyConnection, DbError};

/// `SUM(requests)` as a `BIGINT` (PostgreSQL sums a `BIGINT` into a `NUMERIC`).
fn sum_of_requests() -> Fixed<Nullable<BigInt>> {
    fixed("CAST(SUM(request_counts.requests) AS BIGINT)")
}

/// The key the triggers file a request under for `scope` (the same text as their SQL).
fn key(scope: &Scope) -> String {
    match *scope {
        Scope::Mine { user, kind } => format!("mine:{}:{}", user.0, kind.as_str()),
        Scope::PatronatoOffice(office) => format!("office:{}", office.0),
        Scope::Regional {
            patronato_id,
            region_id,
        } => format!("regional:{}:{}", patronato_id.0, region_id.0),
        Scope::InpsOffice(office) => format!("inps:{}", office.0),
    }
}

/// Whether the counts answer `filter`: a scope, with or without a status, and nothing else.
pub fn answer(filter: &RequestFilter) -> bool {
    let RequestFilter {
        created_from,
        created_before,
        topic_id,
        protocol,
        cf,
        status: _,
        official_id,
        unassigned,
        q,
    } = filter;
    created_from.is_none()
        && created_before.is_none()
        && topic_id.is_none()
        && protocol.is_none()
        && cf.is_none()
        && official_id.is_none()
        && !unassigned
        && q.is_none()
}

/// The requests of `scope`, of one status or all.
pub fn total(
    conn: &mut AnyConnection,
    scope: &Scope,
    status: Option<RequestStatus>,
) -> Result<i64, DbError> {
    let mut query = request_counts::table
        .filter(request_counts::scope.eq(key(scope)))
        .select(sum_of_requests())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(request_counts::status.eq(status));
    }
    let sum: Option<i64> = query.get_result(conn)?;
    Ok(sum.unwrap_or(0))
}

/// Folds the rows into one per scope and status (none where it is zero); returns how many rows
/// there were. Safe beside writers: rows appended meanwhile are left for the next time.
pub fn compact(conn: &mut AnyConnection) -> Result<usize, DbError> {
    match conn {
        // One statement, one snapshot: what it deletes is exactly what it sums.
        AnyConnection::Postgresql(c) => Ok(diesel::sql_query(
            "WITH gone AS (DELETE FROM request_counts RETURNING scope, status, requests) \
             INSERT INTO request_counts (scope, status, requests) \
             SELECT scope, status, SUM(requests) FROM gone GROUP BY scope, status \
             HAVING SUM(requests) <> 0",
        )
        .execute(c)?),
        // One writer at a time: the transaction sees no other change.
        AnyConnection::Sqlite(_) => crate::write_tx(conn, |conn| {
            let sums: Vec<(String, RequestStatus, Option<i64>)> = request_counts::table
                .group_by((request_counts::scope, request_counts::status))
                .select((
                    request_counts::scope,
                    request_counts::status,
                    sum_of_requests(),
                ))
                .load(conn)?;
            let folded = diesel::delete(request_counts::table).execute(conn)?;
            for (scope, status, n) in sums {
                if let Some(n) = n.filter(|n| *n != 0) {
                    diesel::insert_into(request_counts::table)
                        .values((
                            request_counts::scope.eq(scope),
                            request_counts::status.eq(status),
                            request_counts::requests.eq(n),
                        ))
                        .execute(conn)?;
                }
            }
            Ok::<_, DbError>(folded)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::enums::RequestKind;
    use domain::ids::{OfficeId, PatronatoId, PatronatoOfficeId, RegionId, UserId};

    #[test]
    fn scope_keys_are_those_of_the_triggers() {
        let mine = Scope::Mine {
            user: UserId(7),
            kind: RequestKind::Citizen,
        };
        assert_eq!(key(&mine), "mine:7:citizen");
        assert_eq!(
            key(&Scope::PatronatoOffice(PatronatoOfficeId(3))),
            "office:3"
        );
        let regional = Scope::Regional {
            patronato_id: PatronatoId(2),
            region_id: RegionId(12),
        };
        assert_eq!(key(&regional), "regional:2:12");
        assert_eq!(key(&Scope::InpsOffice(OfficeId(40))), "inps:40");
    }
}
