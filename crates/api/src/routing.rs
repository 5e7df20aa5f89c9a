//! Which INPS office a request goes to (SPEC §6). Used by the preview and by request creation.

use db::offices::{self, Office};
use db::AnyConnection;
use types::routing::RoutingReason;

use crate::error::ApiError;

/// A destination and why it was chosen.
#[derive(Debug, Clone)]
pub struct Route {
    /// The office.
    pub office: Office,
    /// Why.
    pub reason: RoutingReason,
}

/// Italian notice shown with an automatic choice.
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
    }
}

fn no_competent_office(detail: String) -> ApiError {
    ApiError::rule("no_competent_office", detail)
}

/// A citizen request: the office covering the residence CAP, unless a hub handles the topic
/// in that region or nationwide. Never a silent default.
pub fn route_citizen(
    conn: &mut AnyConnection,
    topic_id: i64,
    cap: &str,
) -> Result<Route, ApiError> {
    let territorial = offices::office_for_cap(conn, cap)?;
    // Region 0 matches no region, so only a nationwide hub can apply to an uncovered CAP.
    let region_id = territorial.as_ref().map_or(0, |office| office.region_id);
    if let Some(hub) = offices::hub_override(conn, topic_id, region_id)? {
        return Ok(Route {
            office: hub,
            reason: RoutingReason::HubOverride,
        });
    }
    territorial
        .map(|office| Route {
            office,
            reason: RoutingReason::CapCoverage,
        })
        .ok_or_else(|| {
            no_competent_office(format!(
                "Nessuna sede INPS competente per il CAP {cap}: scegliere la sede manualmente."
            ))
        })
}

/// A regional request: the CRIC of the region.
pub fn route_regional(conn: &mut AnyConnection, region_id: i64) -> Result<Route, ApiError> {
    offices::cric_of_region(conn, region_id)?
        .map(|office| Route {
            office,
            reason: RoutingReason::RegionalCric,
        })
        .ok_or_else(|| {
            no_competent_office("Nessun centro regionale informativo (CRIC) per la regione.".into())
        })
}
