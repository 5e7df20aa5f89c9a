//! Protocol numbers of the bulk messages: taken per office in time order, as the API would
//! have taken them, and reserved in `protocol_sequences` before any request is written, so an
//! interrupted seed leaves gaps, never a number a later create could take again.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::calendar::rome_date;
use domain::ids::OfficeId;
use domain::protocol::ProtocolNumber;

use super::world::{InpsOffice, World};
use crate::schema::protocol_sequences;
use crate::{on_backend, write_tx, AnyConnection, DbError};

/// The largest sequence a protocol number can carry (seven digits).
const MAX_SEQUENCE: i64 = 9_999_999;

/// The protocol sequences of every message of every request.
pub(super) struct Protocols {
    /// Index of the first message of request `i` in `sequences`.
    pub(super) first_message: Vec<usize>,
    pub(super) sequences: Vec<u32>,
}

/// Numbers every message of the requests created at `created` and reserves the numbers.
pub(super) fn allocate_protocols(
    conn: &mut AnyConnection,
    world: &World,
    created: &[NaiveDateTime],
) -> Result<Protocols, DbError> {
    let mut stamps: Vec<(i64, u32, u8)> = Vec::with_capacity(created.len() * 3);
    let mut office_of = Vec::with_capacity(created.len());
    let mut first_message = Vec::with_capacity(created.len() + 1);
    first_message.push(0);
    for (i, at) in created.iter().enumerate() {
        let plan = world.plan(i, *at)?;
        office_of.push(plan.office);
        let messages = &plan.conversation.messages;
        for (k, (_, at)) in messages.iter().enumerate() {
            stamps.push((at.and_utc().timestamp(), i as u32, k as u8));
        }
        first_message.push(first_message[i] + messages.len());
    }
    stamps.sort_unstable();

    let current: HashMap<OfficeId, i64> = protocol_sequences::table
        .select((
            protocol_sequences::office_id,
            protocol_sequences::last_value,
        ))
        .load::<(OfficeId, i64)>(conn)?
        .into_iter()
        .collect();
    let base: Vec<i64> = world
        .offices
        .iter()
        .map(|o| current.get(&o.id).copied().unwrap_or(0))
        .collect();
    let mut last = base.clone();
    let mut sequences = vec![0_u32; stamps.len()];
    for (_, i, k) in &stamps {
        let i = *i as usize;
        let office = office_of[i];
        last[office] += 1;
        if last[office] > MAX_SEQUENCE {
            return Err(DbError::Seed(format!(
                "office {} would run out of protocol numbers",
                world.offices[office].code
            )));
        }
        sequences[first_message[i] + usize::from(*k)] = last[office] as u32;
    }

    write_tx(conn, |conn| {
        for (office, (from, to)) in world.offices.iter().zip(base.iter().zip(&last)) {
            if to == from {
                continue;
            }
            let reserved = to - from;
            let value = on_backend!(conn, |c| diesel::update(
                protocol_sequences::table.find(office.id)
            )
            .set(protocol_sequences::last_value.eq(protocol_sequences::last_value + reserved))
            .returning(protocol_sequences::last_value)
            .get_result::<i64>(c))?;
            if value != *to {
                return Err(DbError::Seed(format!(
                    "the protocol sequence of office {} moved during the bulk seed",
                    office.code
                )));
            }
        }
        Ok(())
    })?;
    Ok(Protocols {
        first_message,
        sequences,
    })
}

/// The protocol number `sequence` of `office` on the Rome day of `at`.
pub(super) fn protocol(
    office: &InpsOffice,
    at: NaiveDateTime,
    sequence: u32,
) -> Result<String, DbError> {
    ProtocolNumber::new(office.code.clone(), rome_date(at.and_utc()), sequence)
        .map(|p| p.to_string())
        .map_err(|e| DbError::Seed(format!("protocol number: {e}")))
}
