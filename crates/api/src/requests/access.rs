//! Who may see and act on a request. Anything a user may not see is a 404, never a 403, so
//! the existence of other patronati's requests is not revealed.

use db::requests::{Request, Scope};
use domain::enums::Profile;

use crate::auth::AuthUser;
use crate::error::ApiError;

/// The 404 for requests that do not exist or are not visible.
pub fn not_found() -> ApiError {
    ApiError::not_found(
        "request_not_found",
        "La richiesta non esiste o non è visibile con il profilo attivo.",
    )
}

/// Whether `user` may read `request`.
pub fn can_read(user: &AuthUser, request: &Request) -> bool {
    match user.profile {
        Profile::Operator => {
            request.kind == "citizen"
                && request.patronato_office_id.is_some()
                && request.patronato_office_id == user.patronato_office_id
        }
        Profile::RegionalReferent => {
            request.kind == "regional"
                && Some(request.patronato_id) == user.patronato_id
                && request.region_id.is_some()
                && request.region_id == user.region_id
        }
        Profile::Official => Some(request.office_id) == user.inps_office_id,
        Profile::PatronatoAdmin | Profile::InpsAdmin => false,
    }
}

/// Fails with 404 unless `user` may read `request`.
pub fn ensure_readable(user: &AuthUser, request: &Request) -> Result<(), ApiError> {
    if can_read(user, request) {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// Whether `user` may write to the conversation from the patronato side: the sender, or any
/// operator of the same office for citizen requests (referents of the same patronato and
/// region for regional ones).
pub fn may_write_as_patronato(user: &AuthUser, request: &Request) -> bool {
    can_read(user, request) && matches!(user.profile, Profile::Operator | Profile::RegionalReferent)
}

/// Whether `user` is an official of the request's current office.
pub fn is_destination_official(user: &AuthUser, request: &Request) -> bool {
    user.profile == Profile::Official && Some(request.office_id) == user.inps_office_id
}

/// The requests a profile sees in the history: `mine` or the whole office (patronato office,
/// region for referents, INPS office for officials).
pub fn scope(user: &AuthUser, mine: bool) -> Result<Scope, ApiError> {
    let missing = || ApiError::Forbidden {
        code: "profile_not_allowed",
        detail: "Il profilo attivo non ha uno storico richieste.".into(),
    };
    match user.profile {
        Profile::Operator | Profile::RegionalReferent if mine => Ok(Scope::Mine(user.user_id)),
        Profile::Operator => user
            .patronato_office_id
            .map(Scope::PatronatoOffice)
            .ok_or_else(missing),
        Profile::RegionalReferent => match (user.patronato_id, user.region_id) {
            (Some(patronato_id), Some(region_id)) => Ok(Scope::Regional {
                patronato_id,
                region_id,
            }),
            _ => Err(missing()),
        },
        Profile::Official => user
            .inps_office_id
            .map(Scope::InpsOffice)
            .ok_or_else(missing),
        Profile::PatronatoAdmin | Profile::InpsAdmin => Err(missing()),
    }
}
