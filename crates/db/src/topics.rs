//! Topics (argomenti) and the request kinds they allow.

use diesel::prelude::*;
use domain::ids::TopicId;

use crate::schema::topics;
use crate::{like_escape, search_key, AnyConnection, DbError};

/// A topic.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = topics)]
pub struct Topic {
    /// Row id.
    pub id: TopicId,
    /// Short code ("NASPI").
    pub code: String,
    /// Upper-case label ("NASPI").
    pub label: String,
    /// Citizen requests may use it.
    pub for_citizen: bool,
    /// Regional requests may use it.
    pub for_regional: bool,
}

impl Topic {
    /// Whether requests of `kind` may use this topic.
    pub fn allows(&self, kind: domain::enums::RequestKind) -> bool {
        match kind {
            domain::enums::RequestKind::Citizen => self.for_citizen,
            domain::enums::RequestKind::Regional => self.for_regional,
        }
    }
}

/// Filters for [`search_topics`].
#[derive(Debug, Default, Clone)]
pub struct TopicFilter {
    /// Keywords: every word must appear in the label or the code.
    pub q: Option<String>,
    /// Only topics citizen requests may use.
    pub citizen_only: bool,
    /// Only topics regional requests may use.
    pub regional_only: bool,
}

/// Active topics matching the keywords, by label.
pub fn search_topics(
    conn: &mut AnyConnection,
    filter: &TopicFilter,
) -> Result<Vec<Topic>, DbError> {
    let mut query = topics::table
        .filter(topics::active.eq(true))
        .order(topics::label.asc())
        .select(Topic::as_select())
        .into_boxed();
    if let Some(q) = &filter.q {
        for word in search_key(q).split(' ').filter(|w| !w.is_empty()) {
            let pattern = format!("%{}%", like_escape(word));
            query = query.filter(topics::label_search.like(pattern).escape('\\'));
        }
    }
    if filter.citizen_only {
        query = query.filter(topics::for_citizen.eq(true));
    }
    if filter.regional_only {
        query = query.filter(topics::for_regional.eq(true));
    }
    Ok(query.load(conn)?)
}

/// One active topic by id.
pub fn get_topic(conn: &mut AnyConnection, id: TopicId) -> Result<Option<Topic>, DbError> {
    Ok(topics::table
        .filter(topics::id.eq(id))
        .filter(topics::active.eq(true))
        .select(Topic::as_select())
        .first(conn)
        .optional()?)
}

/// Every topic, active or not: the reference cache of the API (a request keeps its topic after
/// the topic is retired).
pub fn all_topics(conn: &mut AnyConnection) -> Result<Vec<Topic>, DbError> {
    Ok(topics::table
        .order(topics::id.asc())
        .select(Topic::as_select())
        .load(conn)?)
}
