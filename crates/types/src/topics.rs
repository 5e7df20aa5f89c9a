//! Topics (argomenti).

use serde::{Deserialize, Serialize};

use crate::ids::TopicId;
use crate::RequestKind;

/// A topic a request can be about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicDto {
    /// Id.
    pub id: TopicId,
    /// Short code.
    #[cfg_attr(feature = "openapi", schema(example = "NASPI"))]
    pub code: String,
    /// Label, upper case as operators know it.
    #[cfg_attr(feature = "openapi", schema(example = "NASPI"))]
    pub label: String,
    /// The request kinds that may use it.
    pub request_kinds: Vec<RequestKind>,
}
