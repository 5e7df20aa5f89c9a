//! The citizen registry (anagrafica).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::CitizenId;

/// A person of the registry, with what the disambiguation list shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CitizenDto {
    /// Registry id: the identity a request refers to.
    pub id: CitizenId,
    /// Codice fiscale, exactly as registered (may be shared by two people).
    #[cfg_attr(feature = "openapi", schema(example = "BNCMRA50A01H501U"))]
    pub codice_fiscale: String,
    /// Surname.
    #[cfg_attr(feature = "openapi", schema(example = "BIANCHI"))]
    pub surname: String,
    /// Given name(s).
    #[cfg_attr(feature = "openapi", schema(example = "MARIO"))]
    pub name: String,
    /// Date of birth.
    #[cfg_attr(feature = "openapi", schema(example = "1950-01-01"))]
    pub birth_date: NaiveDate,
    /// `M` or `F`.
    #[cfg_attr(feature = "openapi", schema(example = "M"))]
    pub sex: String,
    /// Place of birth.
    pub birth_place: Place,
    /// Residence.
    pub residence: Residence,
}

/// A comune and its province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Place {
    /// Comune (or foreign country).
    #[cfg_attr(feature = "openapi", schema(example = "ROMA"))]
    pub comune: String,
    /// Province sigla (`EE` abroad).
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub province: String,
}

/// Where a person lives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Residence {
    /// Street address.
    #[cfg_attr(feature = "openapi", schema(example = "Via dei Castelli Romani 12"))]
    pub address: String,
    /// Comune.
    #[cfg_attr(feature = "openapi", schema(example = "POMEZIA"))]
    pub comune: String,
    /// Province sigla.
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub province: String,
    /// CAP: decides the competent INPS office.
    #[cfg_attr(feature = "openapi", schema(example = "00071"))]
    pub cap: String,
}

/// Every registry match of a lookup; more than one means the operator must choose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CitizenMatches {
    /// The matches, in registry order.
    pub items: Vec<CitizenDto>,
    /// Number of matches.
    #[cfg_attr(feature = "openapi", schema(example = 2))]
    pub total: i64,
    /// True when more than one person matched (omocodia or homonymy): pick one by `id`.
    pub choice_required: bool,
}

/// One of the two ways to find a person.
#[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CitizenQuery {
    /// Codice fiscale (16 characters, or 11 digits for a provisional code).
    #[cfg_attr(
        feature = "openapi",
        param(example = "BNCMRA50A01H501U", max_length = 32)
    )]
    #[validate(length(max = 32))]
    pub cf: Option<String>,
    /// Surname (with `name` and `birth_date`).
    #[cfg_attr(feature = "openapi", param(example = "Bianchi", max_length = 100))]
    #[validate(length(max = 100))]
    pub surname: Option<String>,
    /// Given name (with `surname` and `birth_date`).
    #[cfg_attr(feature = "openapi", param(example = "Mario", max_length = 100))]
    #[validate(length(max = 100))]
    pub name: Option<String>,
    /// Date of birth, `YYYY-MM-DD` (with `surname` and `name`).
    #[cfg_attr(feature = "openapi", param(example = "1950-01-01", format = Date, max_length = 10))]
    pub birth_date: Option<String>,
}
