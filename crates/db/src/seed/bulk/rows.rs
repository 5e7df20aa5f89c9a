//! The rows the bulk seed writes, with explicit ids, and the multi-row INSERT that writes them.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domain::enums::{
    EventKind, MessageKind, Motive, PracticeKind, RequestKind, RoutingReason, Side,
};
use domain::ids::{
    CitizenId, MessageId, OfficeId, PatronatoId, PatronatoOfficeId, RegionId, RequestId, TopicId,
    UserId,
};

use super::conversations::ConversationColumns;
use crate::schema::{
    citizens, messages, patronato_offices, reminders, request_events, requests, users,
};

/// Bound parameters per statement: below SQLite's limit of 32,766 (PostgreSQL allows 65,535).
pub(super) const MAX_BINDS: usize = 30_000;

#[derive(Insertable)]
#[diesel(table_name = patronato_offices, treat_none_as_default_value = false)]
pub(super) struct PatronatoOfficeRow {
    pub(super) id: PatronatoOfficeId,
    pub(super) patronato_id: PatronatoId,
    pub(super) name: String,
    pub(super) province_id: i64,
    pub(super) address: String,
    pub(super) cap: String,
    pub(super) comune: String,
}

#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
pub(super) struct UserRow<'a> {
    pub(super) id: UserId,
    pub(super) username: String,
    pub(super) password_hash: &'a str,
    pub(super) full_name: String,
    pub(super) email: Option<String>,
    pub(super) side: Side,
    pub(super) patronato_id: Option<PatronatoId>,
    pub(super) patronato_office_id: Option<PatronatoOfficeId>,
    pub(super) region_id: Option<RegionId>,
    pub(super) inps_office_id: Option<OfficeId>,
    pub(super) active: bool,
    pub(super) created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = citizens, treat_none_as_default_value = false)]
pub(super) struct CitizenRow<'a> {
    pub(super) id: CitizenId,
    pub(super) codice_fiscale: String,
    pub(super) surname: &'static str,
    pub(super) name: &'static str,
    pub(super) birth_date: NaiveDate,
    pub(super) sex: &'static str,
    pub(super) birth_comune: String,
    pub(super) birth_province: &'a str,
    pub(super) residence_address: String,
    pub(super) residence_comune: String,
    pub(super) residence_province: &'a str,
    pub(super) residence_cap: &'a str,
    pub(super) created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = requests, treat_none_as_default_value = false)]
pub(super) struct RequestRow<'a> {
    pub(super) id: RequestId,
    pub(super) protocol: String,
    pub(super) kind: RequestKind,
    pub(super) patronato_id: PatronatoId,
    pub(super) patronato_office_id: Option<PatronatoOfficeId>,
    pub(super) region_id: Option<RegionId>,
    pub(super) created_by: UserId,
    pub(super) citizen_id: Option<CitizenId>,
    pub(super) citizen_cf: Option<&'a str>,
    pub(super) delega_declared_at: Option<NaiveDateTime>,
    pub(super) motive: Motive,
    pub(super) practice_kind: Option<PracticeKind>,
    pub(super) practice_number: Option<String>,
    pub(super) topic_id: TopicId,
    pub(super) search_terms: String,
    pub(super) text: String,
    pub(super) notes: Option<&'static str>,
    pub(super) office_id: OfficeId,
    pub(super) office_chosen_by_hand: bool,
    pub(super) routing_reason: RoutingReason,
    pub(super) assigned_official_id: Option<UserId>,
    /// Status, waiting and answer times, follow-ups, appointments, last change.
    #[diesel(embed)]
    pub(super) conversation: ConversationColumns,
    pub(super) created_at: NaiveDateTime,
    pub(super) version: i32,
}

#[derive(Insertable)]
#[diesel(table_name = messages, treat_none_as_default_value = false)]
pub(super) struct MessageRow {
    pub(super) id: MessageId,
    pub(super) request_id: RequestId,
    pub(super) seq: i32,
    pub(super) protocol: String,
    pub(super) kind: MessageKind,
    pub(super) author_id: UserId,
    pub(super) author_side: Side,
    pub(super) text: String,
    pub(super) created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = request_events, treat_none_as_default_value = false)]
pub(super) struct EventRow {
    pub(super) id: i64,
    pub(super) request_id: RequestId,
    pub(super) kind: EventKind,
    pub(super) actor_id: Option<UserId>,
    pub(super) from_office_id: Option<OfficeId>,
    pub(super) to_office_id: Option<OfficeId>,
    pub(super) detail: Option<&'static str>,
    pub(super) created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = reminders, treat_none_as_default_value = false)]
pub(super) struct ReminderRow {
    pub(super) id: i64,
    pub(super) request_id: RequestId,
    pub(super) seq: i32,
    pub(super) sent_by: UserId,
    pub(super) created_at: NaiveDateTime,
}

/// Multi-row INSERTs of `$rows` into `$table`, as many rows per statement as the bound-parameter
/// limit allows for `$columns` columns.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks($crate::seed::bulk::rows::MAX_BINDS / $columns) {
            $crate::on_backend!($conn, |c| ::diesel::RunQueryDsl::execute(
                ::diesel::insert_into($table).values(chunk),
                c
            ))?;
        }
    };
}
pub(super) use insert_all;

/// The largest id of a table (0 when empty): bulk rows take the ids after it.
macro_rules! max_id {
    ($conn:expr, $table:ident) => {
        ::diesel::RunQueryDsl::first::<Option<i64>>(
            ::diesel::QueryDsl::select($table::table, ::diesel::dsl::max($table::id)),
            $conn,
        )?
        .unwrap_or(0)
    };
}
pub(super) use max_id;
