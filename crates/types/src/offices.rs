//! INPS offices.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::OfficeId;
use crate::page::paged_query;
use crate::territory::RegionRef;
use crate::OfficeKind;

/// An INPS office (sede, agenzia, polo or CRIC).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeDto {
    /// Id.
    pub id: OfficeId,
    /// Code used in protocol numbers.
    #[cfg_attr(feature = "openapi", schema(example = "7013"))]
    pub code: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "POMEZIA"))]
    pub name: String,
    /// Kind of office.
    pub kind: OfficeKind,
    /// Region.
    pub region: RegionRef,
    /// Province sigla, when the office sits in a province.
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub province_code: Option<String>,
    /// Street address.
    #[cfg_attr(feature = "openapi", schema(example = "Via Pontina Km 28.400"))]
    pub address: String,
    /// CAP of the address.
    #[cfg_attr(feature = "openapi", schema(example = "00071"))]
    pub cap: String,
    /// Comune of the address.
    #[cfg_attr(feature = "openapi", schema(example = "Pomezia"))]
    pub comune: String,
    /// Ready-made label: name — address, CAP comune.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "POMEZIA — Via Pontina Km 28.400, 00071 Pomezia")
    )]
    pub display_name: String,
}

/// An office with the CAPs it covers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeDetail {
    /// The office.
    #[serde(flatten)]
    pub office: OfficeDto,
    /// CAPs whose residents it serves (territorial offices only).
    #[cfg_attr(feature = "openapi", schema(example = json!(["00071"])))]
    pub covered_caps: Vec<String>,
}

paged_query! {
    /// Filters of the office list.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct OfficeQuery {
        /// ISTAT code of the region.
        #[cfg_attr(
            feature = "openapi",
            param(example = "12", pattern = "^[0-9]{2}$", max_length = 2)
        )]
        #[validate(custom(function = "crate::formats::region_code"))]
        pub region: Option<String>,
        /// Province sigla.
        #[cfg_attr(
            feature = "openapi",
            param(example = "RM", pattern = "^[A-Za-z]{2}$", max_length = 2)
        )]
        #[validate(custom(function = "crate::formats::province_code"))]
        pub province: Option<String>,
        /// Kind of office.
        pub kind: Option<OfficeKind>,
        /// Words of the name.
        #[cfg_attr(feature = "openapi", param(example = "pomezia", max_length = 100))]
        #[validate(length(max = 100))]
        pub name: Option<String>,
    }
}
