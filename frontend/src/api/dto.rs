//! Wire types of the API, as the SPA needs them.
//!
//! Temporary local copies: they will be replaced by the shared `types` crate.

use serde::{Deserialize, Serialize};

/// A working profile ("modalità di lavoro") of a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    Operator,
    RegionalReferent,
    PatronatoAdmin,
    Official,
    InpsAdmin,
}

impl Profile {
    /// Italian label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Profile::Operator => "Operatore",
            Profile::RegionalReferent => "Referente regionale",
            Profile::PatronatoAdmin => "Amministratore patronato",
            Profile::Official => "Funzionario",
            Profile::InpsAdmin => "Amministratore INPS",
        }
    }

    /// Stable snake_case code, as on the wire (used for element ids).
    pub fn code(self) -> &'static str {
        match self {
            Profile::Operator => "operator",
            Profile::RegionalReferent => "regional_referent",
            Profile::PatronatoAdmin => "patronato_admin",
            Profile::Official => "official",
            Profile::InpsAdmin => "inps_admin",
        }
    }
}

/// Which organisation a user belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Patronato,
    Inps,
}

/// Body of `POST /api/v1/auth/token`.
#[derive(Clone, Debug, Serialize)]
pub struct TokenRequest {
    pub username: String,
    pub password: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
}

/// Successful answer of `POST /api/v1/auth/token`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: String,
    /// Lifetime of the access token, in seconds.
    pub expires_in: u64,
    pub profile: Profile,
}

/// Body of `POST /api/v1/auth/logout`.
#[derive(Clone, Debug, Serialize)]
pub struct LogoutRequest {
    pub refresh_token: String,
}

/// A Patronato (e.g. "INCA CGIL").
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PatronatoRef {
    pub id: i64,
    pub name: String,
}

/// An office of a Patronato.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PatronatoOfficeRef {
    pub id: i64,
    pub name: String,
    pub province_code: String,
}

/// An Italian region (ISTAT code).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RegionRef {
    pub code: String,
    pub name: String,
}

/// An INPS office ("sede").
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct InpsOfficeRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// Answer of `GET /api/v1/me`: the signed-in user and their context.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub side: Side,
    pub active_profile: Profile,
    #[serde(default)]
    pub available_profiles: Vec<Profile>,
    pub patronato: Option<PatronatoRef>,
    pub patronato_office: Option<PatronatoOfficeRef>,
    pub region: Option<RegionRef>,
    pub inps_office: Option<InpsOfficeRef>,
}

/// One field error of a problem document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FieldError {
    #[serde(default)]
    pub field: String,
    #[serde(default, alias = "message")]
    pub detail: String,
}

/// RFC 9457 problem document (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Problem {
    #[serde(rename = "type", default)]
    pub type_: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    pub status: u16,
    #[serde(default)]
    pub detail: Option<String>,
    /// Stable snake_case code, e.g. `profile_required`, `invalid_credentials`.
    #[serde(default)]
    pub code: Option<String>,
    /// Present with `profile_required`: the profiles the user may choose from.
    #[serde(default)]
    pub available_profiles: Option<Vec<Profile>>,
    #[serde(default)]
    pub errors: Vec<FieldError>,
}
