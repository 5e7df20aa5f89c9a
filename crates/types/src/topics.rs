//! Topics (argomenti).

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::TopicId;
use crate::page::paged_query;
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

paged_query! {
    /// Filters of the topic search.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct TopicQuery {
        /// Keywords: every word must appear in the label (case- and accent-insensitive).
        #[cfg_attr(feature = "openapi", param(example = "pension", max_length = 100))]
        #[validate(length(max = 100))]
        pub q: Option<String>,
        /// Only topics this kind of request may use.
        pub kind: Option<RequestKind>,
    }
}
