//! The audit trail.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::UserId;
use crate::page::paged_query;
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

paged_query! {
    /// Filters of the audit trail; dates are Europe/Rome days, inclusive.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct AuditQuery {
        /// Only this user.
        pub user_id: Option<UserId>,
        /// Only this kind of resource.
        pub resource_type: Option<AuditResource>,
        /// Only this resource id.
        #[cfg_attr(feature = "openapi", param(example = "1", max_length = 40))]
        #[validate(length(max = 40))]
        pub resource_id: Option<String>,
        /// From this day.
        #[cfg_attr(feature = "openapi", param(format = Date, max_length = 10))]
        pub date_from: Option<NaiveDate>,
        /// Up to this day.
        #[cfg_attr(feature = "openapi", param(format = Date, max_length = 10))]
        pub date_to: Option<NaiveDate>,
    }
}
