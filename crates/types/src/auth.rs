//! Sign-in, token refresh and the signed-in user.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::{OfficeId, PatronatoId, PatronatoOfficeId, UserId};
use crate::territory::RegionRef;
use crate::{Profile, Side};

/// Credentials, and the profile to work with when the user has more than one.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Sign-in name.
    #[validate(length(min = 1, max = 100))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "operatore1", min_length = 1, max_length = 100)
    )]
    pub username: String,
    /// Password.
    #[validate(length(min = 1, max = 256))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "combipat-demo", min_length = 1, max_length = 256)
    )]
    pub password: String,
    /// Working profile (*Scegli la modalità di lavoro*); required when the user has several.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "operator"))]
    pub profile: Option<Profile>,
}

/// A refresh token to exchange or revoke.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from the last token response.
    #[validate(length(min = 1, max = 200))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "rt_3q2+7w…", min_length = 1, max_length = 200)
    )]
    pub refresh_token: String,
}

/// A new access token and the refresh token to use next time (the old one is spent).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// JWT to send as `Authorization: Bearer …`.
    #[cfg_attr(feature = "openapi", schema(example = "eyJhbGciOiJIUzI1NiJ9…"))]
    pub access_token: String,
    /// Single-use token for `POST /api/v1/auth/refresh`.
    #[cfg_attr(feature = "openapi", schema(example = "rt_3q2+7w…"))]
    pub refresh_token: String,
    /// Always `Bearer`.
    #[cfg_attr(feature = "openapi", schema(example = "Bearer"))]
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    #[cfg_attr(feature = "openapi", schema(example = 900))]
    pub expires_in: u64,
    /// The active profile carried by the token.
    pub profile: Profile,
}

/// A patronato, by id and name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatronatoRef {
    /// Id.
    pub id: PatronatoId,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "INCA CGIL"))]
    pub name: String,
}

/// A patronato office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatronatoOfficeRef {
    /// Id.
    pub id: PatronatoOfficeId,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "INCA CGIL Roma"))]
    pub name: String,
    /// Province sigla.
    #[cfg_attr(feature = "openapi", schema(example = "RM"))]
    pub province_code: String,
}

/// An INPS office, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficeRef {
    /// Id.
    pub id: OfficeId,
    /// Office code.
    #[cfg_attr(feature = "openapi", schema(example = "7013"))]
    pub code: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "POMEZIA"))]
    pub name: String,
}

/// The signed-in user and where it belongs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// Id.
    pub id: UserId,
    /// Sign-in name.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "operatore1", min_length = 1, max_length = 100)
    )]
    pub username: String,
    /// Name and surname.
    #[cfg_attr(feature = "openapi", schema(example = "Giulia Rossi"))]
    pub full_name: String,
    /// Patronato or INPS.
    pub side: Side,
    /// The profile of this token.
    pub active_profile: Profile,
    /// Every profile the user may sign in with.
    pub available_profiles: Vec<Profile>,
    /// Patronato of a patronato user.
    pub patronato: Option<PatronatoRef>,
    /// Patronato office of a patronato user.
    pub patronato_office: Option<PatronatoOfficeRef>,
    /// Region of a regional referent.
    pub region: Option<RegionRef>,
    /// INPS office of an official.
    pub inps_office: Option<OfficeRef>,
}
