//! What the request generator chooses from (reference data, the users and people written
//! before), and the plan of each request: who writes about whom, where it goes, and its
//! conversation.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::enums::{OfficeKind, RequestKind, RoutingReason};
use domain::ids::{OfficeId, RegionId, TopicId, UserId};
use domain::routing::{applicable_hub, citizen_destination};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::conversations::{conversation, Timeline};
use super::people::{demo_sender, BothSides, Sender};
use super::registry::Person;
use super::texts::any;
use super::SEED;
use crate::schema::{
    comune_caps, comuni, inps_offices, office_caps, provinces, topic_overrides, topics,
};
use crate::{AnyConnection, DbError};

/// Topics people ask about most often, with their weight (the others weigh 1).
const POPULAR_TOPICS: &[(&str, u32)] = &[
    ("NASPI", 6),
    ("PENS_VECCHIAIA", 5),
    ("PENS_ANTICIPATA", 5),
    ("AUU", 5),
    ("INV_CIV", 4),
    ("ADI", 4),
    ("ECOCERT", 4),
    ("RICOSTITUZIONE", 3),
    ("MALATTIA", 3),
    ("MATERNITA", 3),
    ("CIG", 3),
    ("L104", 3),
    ("PENS_SUPERSTITI", 3),
    ("ASS_SOCIALE", 2),
    ("INDEBITI", 2),
];

/// An INPS office as routing sees it.
pub(super) struct InpsOffice {
    pub(super) id: OfficeId,
    pub(super) code: String,
    pub(super) kind: OfficeKind,
    pub(super) region_id: RegionId,
}

/// A topic with its label in lower case, for the texts.
pub(super) struct Topic {
    pub(super) id: TopicId,
    pub(super) code: String,
    pub(super) label: String,
}

/// A CAP the registry may use for a residence: its comune, province and covering office.
pub(super) struct Place {
    pub(super) cap: String,
    pub(super) comune: String,
    pub(super) province: String,
    pub(super) office: usize,
}

/// A comune people may be born in.
pub(super) struct BirthPlace {
    pub(super) name: String,
    pub(super) cadastral: String,
    pub(super) province: String,
}

/// The reference data the generator reads, loaded once.
pub(super) struct Reference {
    /// Id, code, name and region of every province.
    pub(super) provinces: Vec<(i64, String, String, RegionId)>,
    pub(super) offices: Vec<InpsOffice>,
    pub(super) places: Vec<Place>,
    pub(super) birth_places: Vec<BirthPlace>,
    /// Each active topic, whether citizen requests may use it, whether regional ones may.
    pub(super) topics: Vec<(Topic, bool, bool)>,
    /// Topic, hub office and region (`None`: nationwide) of every hub override.
    overrides: Vec<(TopicId, OfficeId, Option<RegionId>)>,
}

pub(super) fn load_reference(conn: &mut AnyConnection) -> Result<Reference, DbError> {
    let provinces: Vec<(i64, String, String, RegionId)> = provinces::table
        .order(provinces::id)
        .select((
            provinces::id,
            provinces::code,
            provinces::name,
            provinces::region_id,
        ))
        .load(conn)?;
    let offices: Vec<InpsOffice> = inps_offices::table
        .filter(inps_offices::active.eq(true))
        .order(inps_offices::id)
        .select((
            inps_offices::id,
            inps_offices::code,
            inps_offices::kind,
            inps_offices::region_id,
        ))
        .load::<(OfficeId, String, OfficeKind, RegionId)>(conn)?
        .into_iter()
        .map(|(id, code, kind, region_id)| InpsOffice {
            id,
            code,
            kind,
            region_id,
        })
        .collect();
    let office_index = index_of(&offices);
    let coverage: HashMap<String, OfficeId> = office_caps::table
        .select((office_caps::cap, office_caps::office_id))
        .load::<(String, OfficeId)>(conn)?
        .into_iter()
        .collect();
    let cap_comuni: Vec<(String, String, String)> = comune_caps::table
        .inner_join(comuni::table.inner_join(provinces::table))
        .order((comune_caps::cap, comuni::id))
        .select((comune_caps::cap, comuni::name, provinces::code))
        .load(conn)?;
    let mut places = Vec::new();
    let mut seen = HashSet::new();
    for (cap, comune, province) in cap_comuni {
        let office = coverage
            .get(&cap)
            .and_then(|id| office_index.get(id))
            .copied();
        // The first comune of a CAP stands for it; CAPs nobody covers cannot be routed.
        if let Some(office) = office {
            if seen.insert(cap.clone()) {
                places.push(Place {
                    cap,
                    comune: comune.to_uppercase(),
                    province,
                    office,
                });
            }
        }
    }
    let birth_places = comuni::table
        .inner_join(provinces::table)
        .order(comuni::id)
        .select((comuni::name, comuni::cadastral_code, provinces::code))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(name, cadastral, province)| BirthPlace {
            name: name.to_uppercase(),
            cadastral,
            province,
        })
        .collect();
    let topics = topics::table
        .filter(topics::active.eq(true))
        .order(topics::id)
        .select((
            topics::id,
            topics::code,
            topics::label,
            topics::for_citizen,
            topics::for_regional,
        ))
        .load::<(TopicId, String, String, bool, bool)>(conn)?
        .into_iter()
        .map(|(id, code, label, citizen, regional)| {
            (
                Topic {
                    id,
                    code,
                    label: label.to_lowercase(),
                },
                citizen,
                regional,
            )
        })
        .collect();
    let overrides = topic_overrides::table
        .select((
            topic_overrides::topic_id,
            topic_overrides::hub_office_id,
            topic_overrides::region_id,
        ))
        .load(conn)?;
    if places.is_empty() || offices.is_empty() {
        return Err(DbError::Seed(
            "reference data missing: load it before the bulk data".into(),
        ));
    }
    Ok(Reference {
        provinces,
        offices,
        places,
        birth_places,
        topics,
        overrides,
    })
}

/// The position of each office in `offices`, by id.
fn index_of(offices: &[InpsOffice]) -> HashMap<OfficeId, usize> {
    offices.iter().enumerate().map(|(i, o)| (o.id, i)).collect()
}

/// Everything the request generator chooses from.
pub(super) struct World {
    now: NaiveDateTime,
    pub(super) offices: Vec<InpsOffice>,
    pub(super) topics: Vec<Topic>,
    citizen_topics: Vec<usize>,
    citizen_topic_weights: WeightedIndex<u32>,
    regional_topics: Vec<usize>,
    /// The hub overrides of each topic: region (`None`: nationwide) and hub office.
    overrides: HashMap<TopicId, Vec<(Option<RegionId>, usize)>>,
    cric_by_region: HashMap<RegionId, usize>,
    /// The offices of each region that citizen requests may be sent to.
    citizen_offices_by_region: HashMap<RegionId, Vec<usize>>,
    /// The officials of each office.
    pub(super) officials: Vec<Vec<UserId>>,
    pub(super) senders: Vec<Sender>,
    bulk_operators: Vec<usize>,
    bulk_operator_weights: WeightedIndex<u32>,
    demo_operators: Vec<usize>,
    referents: Vec<usize>,
    pub(super) people: Vec<Person>,
    people_by_province: HashMap<String, Vec<usize>>,
}

/// The shape of one request: who, about whom, where, and its conversation. Everything that
/// decides protocol numbers is here; the rest is drawn from `detail_seed`.
pub(super) struct Plan {
    pub(super) sender: usize,
    /// `None` for a regional request.
    pub(super) person: Option<usize>,
    pub(super) topic: usize,
    pub(super) office: usize,
    pub(super) routing: RoutingReason,
    pub(super) conversation: Timeline,
    pub(super) detail_seed: u64,
}

impl World {
    pub(super) fn new(
        conn: &mut AnyConnection,
        reference: Reference,
        side: BothSides,
        people: Vec<Person>,
        now: NaiveDateTime,
    ) -> Result<World, DbError> {
        let office_index = index_of(&reference.offices);
        let mut officials = vec![Vec::new(); reference.offices.len()];
        for (office, ids) in side.officials {
            if let Some(i) = office_index.get(&office) {
                officials[*i].extend(ids);
            }
        }
        let mut senders = side.senders;
        let mut demo_operators = Vec::new();
        for username in ["operatore1", "operatore2"] {
            demo_operators.push(senders.len());
            senders.push(demo_sender(conn, username, false)?);
        }
        let mut referents = side.referents;
        referents.push(senders.len());
        senders.push(demo_sender(conn, "referente1", true)?);

        let mut cric_by_region = HashMap::new();
        let mut citizen_offices_by_region: HashMap<RegionId, Vec<usize>> = HashMap::new();
        for (i, office) in reference.offices.iter().enumerate() {
            if office.kind.receives(RequestKind::Regional) {
                cric_by_region.insert(office.region_id, i);
            }
            if office.kind.receives(RequestKind::Citizen) {
                citizen_offices_by_region
                    .entry(office.region_id)
                    .or_default()
                    .push(i);
            }
        }
        let mut overrides: HashMap<TopicId, Vec<(Option<RegionId>, usize)>> = HashMap::new();
        for (topic, hub, region) in &reference.overrides {
            if let Some(i) = office_index.get(hub) {
                overrides.entry(*topic).or_default().push((*region, *i));
            }
        }
        let mut topics = Vec::new();
        let mut citizen_topics = Vec::new();
        let mut weights = Vec::new();
        let mut regional_topics = Vec::new();
        for (i, (topic, citizen, regional)) in reference.topics.into_iter().enumerate() {
            if citizen {
                citizen_topics.push(i);
                weights.push(
                    POPULAR_TOPICS
                        .iter()
                        .find(|(code, _)| *code == topic.code)
                        .map_or(1, |(_, weight)| *weight),
                );
            }
            if regional {
                regional_topics.push(i);
            }
            topics.push(topic);
        }
        // Regional requests need a referent whose region has a CRIC.
        referents.retain(|s| {
            senders[*s]
                .region_id
                .is_some_and(|r| cric_by_region.contains_key(&r))
        });
        let weighted = |what: &str, weights: Vec<u32>| {
            WeightedIndex::new(weights).map_err(|e| DbError::Seed(format!("{what}: {e}")))
        };
        let (bulk_operators, operator_weights): (Vec<usize>, Vec<u32>) =
            side.bulk_operators.into_iter().unzip();
        let mut people_by_province: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, person) in people.iter().enumerate() {
            people_by_province
                .entry(person.province.clone())
                .or_default()
                .push(i);
        }
        if people.is_empty() || regional_topics.is_empty() || referents.is_empty() {
            return Err(DbError::Seed(
                "bulk seed needs citizens, regional topics and referents".into(),
            ));
        }
        Ok(World {
            now,
            offices: reference.offices,
            topics,
            citizen_topics,
            citizen_topic_weights: weighted("citizen topics", weights)?,
            regional_topics,
            overrides,
            cric_by_region,
            citizen_offices_by_region,
            officials,
            senders,
            bulk_operators,
            bulk_operator_weights: weighted("bulk operators", operator_weights)?,
            demo_operators,
            referents,
            people,
            people_by_province,
        })
    }

    /// The deterministic random source of request `i`: both passes over the requests (protocol
    /// allocation, then rows) draw the same plan from it.
    fn rng_of(i: usize) -> StdRng {
        StdRng::seed_from_u64(SEED ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// The shape of request `i`, created at `created`.
    pub(super) fn plan(&self, i: usize, created: NaiveDateTime) -> Result<Plan, DbError> {
        let mut rng = World::rng_of(i);
        let share = rng.gen_range(0..1000);
        let sender = if share < 50 {
            any(&mut rng, &self.referents)
        } else if share < 60 {
            any(&mut rng, &self.demo_operators)
        } else {
            self.bulk_operators[self.bulk_operator_weights.sample(&mut rng)]
        };
        let (person, topic, office, routing) = match self.senders[sender].region_id {
            Some(region) => {
                let topic = any(&mut rng, &self.regional_topics);
                let office = self.cric_by_region.get(&region).copied().ok_or_else(|| {
                    DbError::Seed(format!("region {region} has no information centre"))
                })?;
                (None, topic, office, RoutingReason::RegionalCric)
            }
            None => {
                let person = self.person_for(&mut rng, sender);
                let topic = self.citizen_topics[self.citizen_topic_weights.sample(&mut rng)];
                let (office, routing) = self.route(&mut rng, person, topic)?;
                (Some(person), topic, office, routing)
            }
        };
        Ok(Plan {
            sender,
            person,
            topic,
            office,
            routing,
            conversation: conversation(&mut rng, created, self.now)?,
            detail_seed: rng.gen(),
        })
    }

    /// Someone the sender's office serves: usually a resident of its province.
    fn person_for(&self, rng: &mut StdRng, sender: usize) -> usize {
        let local = self.people_by_province.get(&self.senders[sender].province);
        match local {
            Some(local) if !local.is_empty() && rng.gen_ratio(9, 10) => any(rng, local),
            _ => rng.gen_range(0..self.people.len()),
        }
    }

    /// Where a citizen request goes, as the API routes it, and why; now and then the operator
    /// chooses an office of the region by hand.
    fn route(
        &self,
        rng: &mut StdRng,
        person: usize,
        topic: usize,
    ) -> Result<(usize, RoutingReason), DbError> {
        let covering = self.people[person].office;
        let region = self.offices[covering].region_id;
        if rng.gen_ratio(1, 50) {
            if let Some(offices) = self.citizen_offices_by_region.get(&region) {
                return Ok((any(rng, offices), RoutingReason::Manual));
            }
        }
        let overrides = self.overrides.get(&self.topics[topic].id);
        let hub = applicable_hub(overrides.into_iter().flatten().copied(), &region);
        citizen_destination(Some(covering), hub)
            .ok_or_else(|| DbError::Seed("a citizen request with nowhere to go".into()))
    }
}
