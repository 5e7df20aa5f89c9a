//! The audit trail.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::UserId;
use crate::{AuditAction, AuditResource, Profile};

/// One audited action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryDto {
    /// Id.
    #[cfg_attr(feature = "openapi", schema(example = 1042))]
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub user_id: Option<UserId>,
    /// Their username.
    #[cfg_attr(feature = "openapi", schema(example = "operatore1"))]
    pub username: Option<String>,
    /// The profile they worked with.
    pub profile: Option<Profile>,
    /// What.
    pub action: AuditAction,
    /// On what.
    pub resource_type: AuditResource,
    /// Which one.
    #[cfg_attr(feature = "openapi", schema(example = "1"))]
    pub resource_id: Option<String>,
    /// Detail.
    #[cfg_attr(feature = "openapi", schema(example = "by_cf"))]
    pub detail: Option<String>,
}
