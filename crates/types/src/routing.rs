//! Routing preview: which INPS office a request would go to, and why.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::{CitizenId, TopicId};
use crate::offices::OfficeDto;
use crate::{RequestKind, RoutingReason};

/// What to route: a citizen request (by registry person or CAP) or a regional one.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoutingPreviewRequest {
    /// Kind of request.
    pub kind: RequestKind,
    /// Topic of the request.
    pub topic_id: TopicId,
    /// Citizen request: the registry person (its residence CAP decides).
    #[serde(default)]
    pub citizen_id: Option<CitizenId>,
    /// Citizen request without a chosen person: a residence CAP.
    #[serde(default)]
    #[validate(length(equal = 5))]
    #[cfg_attr(feature = "openapi", schema(example = "00071", pattern = "^[0-9]{5}$"))]
    pub cap: Option<String>,
    /// Regional request: ISTAT code of the region (defaults to the referent's own).
    #[serde(default)]
    #[validate(length(min = 2, max = 2))]
    #[cfg_attr(feature = "openapi", schema(example = "12", pattern = "^[0-9]{2}$"))]
    pub region_code: Option<String>,
}

/// The proposed destination office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoutingPreview {
    /// The office.
    pub office: OfficeDto,
    /// Why it was chosen.
    pub reason: RoutingReason,
    /// Italian notice for the operator.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "La sede è stata individuata automaticamente in base all'argomento selezionato e alla residenza del cittadino."
        )
    )]
    pub notice: String,
}
