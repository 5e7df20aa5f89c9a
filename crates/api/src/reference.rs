//! Reference data in memory: topics, INPS offices and patronato offices, read on almost every
//! request (a list row names its topic and office, a detail its offices) and changed only by
//! `combipat migrate` / `seed` or by a new patronato office. So they are read from the database
//! once and kept, instead of joined into every statement.
//!
//! The tables are read whole, together, and read again when an id is missing (a row added since)
//! or when they are older than [`MAX_AGE`] (a row changed by a deploy while this server runs).
//! Only ids that a foreign key guarantees are looked up here, so a miss always finds its row.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use db::AnyConnection;
use domain::ids::{OfficeId, PatronatoOfficeId, TopicId};
use types::auth::PatronatoOfficeRef;
use types::offices::OfficeDto;
use types::requests::TopicRef;

use crate::dto::IntoDto;
use crate::error::ApiError;

/// How long the tables are trusted before they are read again.
pub const MAX_AGE: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
struct Tables {
    loaded_at: Option<Instant>,
    topics: HashMap<TopicId, TopicRef>,
    offices: HashMap<OfficeId, OfficeDto>,
    patronato_offices: HashMap<PatronatoOfficeId, PatronatoOfficeRef>,
}

impl Tables {
    fn fresh(&self) -> bool {
        self.loaded_at.is_some_and(|at| at.elapsed() < MAX_AGE)
    }

    fn read(conn: &mut AnyConnection) -> Result<Tables, ApiError> {
        Ok(Tables {
            loaded_at: Some(Instant::now()),
            topics: db::topics::all_topics(conn)?
                .into_iter()
                .map(|t| {
                    (
                        t.id,
                        TopicRef {
                            id: t.id,
                            label: t.label,
                        },
                    )
                })
                .collect(),
            offices: db::offices::all_offices(conn)?
                .into_iter()
                .map(|o| (o.id, o.into_dto()))
                .collect(),
            patronato_offices: db::users::all_patronato_offices(conn)?
                .into_iter()
                .map(|o| {
                    (
                        o.id,
                        PatronatoOfficeRef {
                            id: o.id,
                            name: o.name,
                            province_code: o.province_code,
                        },
                    )
                })
                .collect(),
        })
    }
}

/// The cached reference tables of one database.
#[derive(Debug, Default)]
pub struct Reference {
    tables: RwLock<Tables>,
}

impl Reference {
    /// `find` in fresh tables, reading them again first when they are stale or lack the row.
    fn lookup<T>(
        &self,
        conn: &mut AnyConnection,
        find: impl Fn(&Tables) -> Option<T>,
    ) -> Result<Option<T>, ApiError> {
        {
            let tables = self.tables.read().unwrap_or_else(|e| e.into_inner());
            if tables.fresh() {
                if let Some(found) = find(&tables) {
                    return Ok(Some(found));
                }
            }
        }
        let reloaded = Tables::read(conn)?;
        let found = find(&reloaded);
        *self.tables.write().unwrap_or_else(|e| e.into_inner()) = reloaded;
        Ok(found)
    }

    /// The topic `id` (active or retired).
    pub fn topic(&self, conn: &mut AnyConnection, id: TopicId) -> Result<TopicRef, ApiError> {
        self.lookup(conn, |t| t.topics.get(&id).cloned())?
            .ok_or_else(|| ApiError::Internal(format!("topic {id} of a request is missing")))
    }

    /// The INPS office `id` (active or not).
    pub fn office(&self, conn: &mut AnyConnection, id: OfficeId) -> Result<OfficeDto, ApiError> {
        self.lookup(conn, |t| t.offices.get(&id).cloned())?
            .ok_or_else(|| ApiError::Internal(format!("office {id} of a request is missing")))
    }

    /// The name of the INPS office `id`.
    pub fn office_name(&self, conn: &mut AnyConnection, id: OfficeId) -> Result<String, ApiError> {
        self.lookup(conn, |t| t.offices.get(&id).map(|o| o.name.clone()))?
            .ok_or_else(|| ApiError::Internal(format!("office {id} of a request is missing")))
    }

    /// The patronato office `id`.
    pub fn patronato_office(
        &self,
        conn: &mut AnyConnection,
        id: PatronatoOfficeId,
    ) -> Result<PatronatoOfficeRef, ApiError> {
        self.lookup(conn, |t| t.patronato_offices.get(&id).cloned())?
            .ok_or_else(|| ApiError::Internal(format!("patronato office {id} is missing")))
    }
}
