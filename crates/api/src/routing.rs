//! Which INPS office a request goes to (RULES.md R6). Used by the preview and by request
//! creation; the decision itself is `domain::routing`.

use db::offices::{self, Office};
use db::AnyConnection;
use domain::ids::{RegionId, TopicId};
use domain::routing::citizen_destination;
use types::RoutingReason;

use crate::error::ApiError;

/// A destination and why it was chosen.
#[derive(Debug, Clone)]
pub struct Route {
    /// The office.
    pub office: Office,
    /// Why.
    pub reason: RoutingReason,
}

/// Italian notice shown with the proposed office.
pub fn notice(reason: RoutingReason) -> &'static str {
    match reason {
        RoutingReason::CapCoverage => {
            "La sede è stata individuata automaticamente in base all'argomento selezionato e alla \
             residenza del cittadino. È possibile sceglierne un'altra indicando Regione, \
             Provincia e Sede."
        }
        RoutingReason::HubOverride => {
            "La sede è stata individuata automaticamente in base all'argomento selezionato, \
             gestito da un polo specialistico. È possibile sceglierne un'altra indicando Regione, \
             Provincia e Sede."
        }
        RoutingReason::RegionalCric => {
            "La presente istanza sarà indirizzata alla Sede Regionale INPS e pertanto, al fine di \
             trovare adeguato riscontro, può essere riferita solo a chiarimenti generici o \
             normativi."
        }
        RoutingReason::Manual => "La sede è stata scelta dall'operatore.",
        RoutingReason::Transfer => "La richiesta è stata trasferita a questa sede.",
    }
}

fn no_competent_office(detail: String) -> ApiError {
    ApiError::rule("no_competent_office", detail)
}

/// A citizen request: the office covering the residence CAP, unless a hub handles the topic
/// in that region or nationwide. Never a silent default.
pub fn route_citizen(
    conn: &mut AnyConnection,
    topic_id: TopicId,
    cap: &str,
) -> Result<Route, ApiError> {
    let territorial = offices::office_for_cap(conn, cap)?;
    // An uncovered CAP has no region: only a nationwide hub can apply to it.
    let hub = match &territorial {
        Some(office) => offices::hub_override(conn, topic_id, office.region_id)?,
        None => offices::nationwide_hub(conn, topic_id)?,
    };
    citizen_destination(territorial, hub)
        .map(|(office, reason)| Route { office, reason })
        .ok_or_else(|| {
            no_competent_office(format!(
                "Nessuna sede INPS competente per il CAP {cap}: scegliere la sede manualmente."
            ))
        })
}

/// A regional request: the CRIC of the region.
pub fn route_regional(conn: &mut AnyConnection, region_id: RegionId) -> Result<Route, ApiError> {
    offices::cric_of_region(conn, region_id)?
        .map(|office| Route {
            office,
            reason: RoutingReason::RegionalCric,
        })
        .ok_or_else(|| {
            no_competent_office("Nessun centro regionale informativo (CRIC) per la regione.".into())
        })
}
