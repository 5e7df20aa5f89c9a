//! Regions, provinces and comuni.

use serde::{Deserialize, Serialize};

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
