//! Practice (pratica) verification.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::CitizenId;
use crate::{PracticeKind, PracticeRole};

/// A practice reference to check against the chosen registry person.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PracticeVerifyRequest {
    /// Registry id of the person (from `GET /api/v1/citizens`).
    pub citizen_id: CitizenId,
    /// Kind of reference.
    pub kind: PracticeKind,
    /// The number as printed on the practice.
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "12345678", min_length = 1, max_length = 64)
    )]
    pub number: String,
}

/// The person is linked to the practice with a role that may ask about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PracticeVerification {
    /// Kind of reference.
    pub kind: PracticeKind,
    /// The number, trimmed.
    #[cfg_attr(feature = "openapi", schema(example = "12345678"))]
    pub number: String,
    /// The person's role in the practice.
    pub role: PracticeRole,
}
