//! Cursor pagination.

use serde::{Deserialize, Serialize};

/// One page of a list, in a stable order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Opaque cursor of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(example = "MTIz"))]
    pub next_cursor: Option<String>,
}

/// Declares a list query: the struct as written, plus the paging fields every list takes
/// (`limit` 1–200, default 50; `cursor`, the `next_cursor` of the previous page). One place for
/// the paging parameters, since serde cannot flatten them into query strings.
macro_rules! paged_query {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($fields:tt)*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($fields)*
            /// Page size (1–200, default 50).
            #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
            pub limit: Option<i64>,
            /// `next_cursor` of the previous page.
            #[cfg_attr(
                feature = "openapi",
                param(pattern = "^[A-Za-z0-9_-]{1,64}$", max_length = 64)
            )]
            #[validate(custom(function = "crate::formats::cursor"))]
            pub cursor: Option<String>,
        }
    };
}
pub(crate) use paged_query;

paged_query! {
    /// Paging of a list that has no other filter.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, validator::Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct PageQuery {}
}
