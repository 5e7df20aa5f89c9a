//! Regions, provinces and comuni.

use crate::page::paged_query;
use serde::{Deserialize, Serialize};
use validator::Validate;

/// A region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionRef {
    /// ISTAT region code.
    #[cfg_attr(feature = "openapi", schema(example = "12"))]
    pub code: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Lazio"))]
    pub name: String,
}

/// A province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProvinceDto {
    /// Two-letter sigla.
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub code: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Roma"))]
    pub name: String,
    /// Its region.
    pub region: RegionRef,
}

/// A comune.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComuneDto {
    /// ISTAT code.
    #[cfg_attr(feature = "openapi", schema(example = "058079"))]
    pub istat_code: String,
    /// Cadastral (Belfiore) code, as used in the codice fiscale.
    #[cfg_attr(feature = "openapi", schema(example = "G811"))]
    pub cadastral_code: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Pomezia"))]
    pub name: String,
    /// Province sigla.
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub province_code: String,
    /// Province name.
    #[cfg_attr(feature = "openapi", schema(example = "Roma"))]
    pub province_name: String,
    /// Region.
    pub region: RegionRef,
    /// Postal codes.
    #[cfg_attr(feature = "openapi", schema(example = json!(["00071"])))]
    pub caps: Vec<String>,
}

paged_query! {
    /// Filters of the province list.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct ProvinceQuery {
        /// ISTAT code of the region.
        #[cfg_attr(
            feature = "openapi",
            param(example = "12", pattern = "^[0-9]{2}$", max_length = 2)
        )]
        #[validate(custom(function = "crate::formats::region_code"))]
        pub region: Option<String>,
    }
}

paged_query! {
    /// Filters of the comune list.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct ComuneQuery {
        /// Beginning of the name, case- and accent-insensitive.
        #[cfg_attr(feature = "openapi", param(example = "pome", max_length = 100))]
        #[validate(length(max = 100))]
        pub name: Option<String>,
        /// Postal code.
        #[cfg_attr(
            feature = "openapi",
            param(example = "00071", pattern = "^[0-9]{5}$", max_length = 5)
        )]
        #[validate(custom(function = "crate::formats::cap"))]
        pub cap: Option<String>,
        /// Province sigla.
        #[cfg_attr(
            feature = "openapi",
            param(example = "RM", pattern = "^[A-Za-z]{2}$", max_length = 2)
        )]
        #[validate(custom(function = "crate::formats::province_code"))]
        pub province: Option<String>,
    }
}
