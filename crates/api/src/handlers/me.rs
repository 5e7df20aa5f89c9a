//! The signed-in user.

use actix_web::{get, web};
use types::auth::{Me, OfficeRef, PatronatoOfficeRef, PatronatoRef};

use types::territory::RegionRef;

use crate::auth::{identity, AuthUser};
use crate::error::ApiError;
use crate::state::AppState;

/// Who I am: user, active profile, available profiles and offices.
#[utoipa::path(
    tag = "auth",
    responses((status = 200, description = "The signed-in user.", body = Me)),
    security(("bearer" = []))
)]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, auth: AuthUser) -> Result<web::Json<Me>, ApiError> {
    let me = state
        .db(move |conn| {
            let user =
                db::users::get_user(conn, auth.user_id)?.ok_or_else(|| ApiError::Unauthorized {
                    code: "invalid_token",
                    detail: "L'utente del token non esiste più.".into(),
                })?;
            let available_profiles = identity::profiles_of(conn, user.id)?;
            let context = db::users::context_of(conn, &user)?;
            Ok(Me {
                id: user.id,
                side: user.side,
                username: user.username,
                full_name: user.full_name,
                active_profile: auth.profile,
                available_profiles,
                patronato: context
                    .patronato
                    .map(|(id, name)| PatronatoRef { id, name }),
                patronato_office: context.patronato_office.map(|office| PatronatoOfficeRef {
                    id: office.id,
                    name: office.name,
                    province_code: office.province_code,
                }),
                region: context.region.map(|region| RegionRef {
                    code: region.code,
                    name: region.name,
                }),
                inps_office: context.inps_office.map(|office| OfficeRef {
                    id: office.id,
                    code: office.code,
                    name: office.name,
                }),
            })
        })
        .await?;
    Ok(web::Json(me))
}
