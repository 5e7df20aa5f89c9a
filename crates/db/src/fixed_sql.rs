//! SQL fragments whose text never changes, so the statements that hold them are prepared once
//! per connection and reused.
//!
//! `diesel::dsl::sql` marks its statement as not cacheable (its text could differ on every
//! call), so PostgreSQL parses and plans it on every execution; for the detail's JSON statement
//! that planning costs more than running it. A [`Fixed`] fragment is a `&'static str` and leaves
//! diesel's prepared-statement cache on.

use std::marker::PhantomData;

use diesel::backend::Backend;
use diesel::expression::{is_aggregate, AppearsOnTable, Expression, SelectableExpression};
use diesel::expression::{TypedExpressionType, ValidGrouping};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::QueryResult;

/// A constant SQL fragment of type `ST`.
#[derive(Debug, Clone, Copy)]
pub struct Fixed<ST> {
    sql: &'static str,
    _type: PhantomData<ST>,
}

/// A constant fragment of type `ST`.
pub fn fixed<ST>(sql: &'static str) -> Fixed<ST> {
    Fixed {
        sql,
        _type: PhantomData,
    }
}

impl<ST: TypedExpressionType> Expression for Fixed<ST> {
    type SqlType = ST;
}

impl<DB: Backend, ST> QueryFragment<DB> for Fixed<ST> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(self.sql);
        Ok(())
    }
}

// No static id: the cache is keyed by the statement's text, which is what stays the same.
impl<ST> QueryId for Fixed<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST, QS> SelectableExpression<QS> for Fixed<ST> where Self: Expression {}

impl<ST, QS> AppearsOnTable<QS> for Fixed<ST> where Self: Expression {}

impl<ST, GB> ValidGrouping<GB> for Fixed<ST> {
    type IsAggregate = is_aggregate::Never;
}

/// `TRUE`, marking its statement as one to plan for each execution with its values: diesel does
/// not keep it prepared, so PostgreSQL never switches it to a generic plan. For the history's
/// criteria, where a generic plan ignores the values (it assumes a status matches a third of all
/// rows, a word a fixed share) and can pick a scan hundreds of times slower; every other
/// statement is kept prepared and, after five runs, planned once.
#[derive(Debug, Clone, Copy)]
pub struct PlannedEachTime;

impl Expression for PlannedEachTime {
    type SqlType = diesel::sql_types::Bool;
}

impl<DB: Backend> QueryFragment<DB> for PlannedEachTime {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.unsafe_to_cache_prepared();
        out.push_sql("TRUE");
        Ok(())
    }
}

impl QueryId for PlannedEachTime {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<QS> SelectableExpression<QS> for PlannedEachTime {}

impl<QS> AppearsOnTable<QS> for PlannedEachTime {}

impl<GB> ValidGrouping<GB> for PlannedEachTime {
    type IsAggregate = is_aggregate::Never;
}
