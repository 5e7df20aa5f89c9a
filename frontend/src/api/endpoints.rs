//! One function per API call the SPA makes.

use types::appointments::{
    AppointmentDto, AppointmentQuery, BookAppointment, CancelAppointment, Eligibility, JoinLink,
    SlotDto, SlotQuery,
};
use types::attachments::AttachmentDto;
use types::auth::{Me, RefreshRequest, TokenRequest, TokenResponse};
use types::citizens::{CitizenMatches, CitizenQuery};
use types::ids::{AppointmentId, AttachmentId, RequestId};
use types::offices::{OfficeDto, OfficeQuery};
use types::page::{Page, PageQuery};
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::requests::{
    CreateRequest, PostMessage, RecentAnswers, RecentQuery, RequestDetail, RequestPage,
    RequestQuery, Statistics, StatisticsQuery,
};
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::territory::{ProvinceDto, ProvinceQuery, RegionRef};
use types::topics::{TopicDto, TopicQuery};
use types::RequestKind;

use super::client::{ApiError, Call};
use super::session::{self, Session};

/// `POST /auth/token`: signs in and keeps the session.
pub async fn sign_in(request: &TokenRequest) -> Result<(), ApiError> {
    let token: TokenResponse = Call::post("/auth/token")
        .anonymous()
        .json(request)
        .fetch()
        .await?;
    session::set(Some(Session::from_token(token)));
    Ok(())
}

/// Forgets the session at once (a reload right after must not find it), then revokes the
/// refresh token with `POST /auth/logout`, which needs no access token.
pub async fn sign_out() {
    let Some(current) = session::current() else {
        return;
    };
    session::set(None);
    let body = RefreshRequest {
        refresh_token: current.refresh_token,
    };
    let _ = Call::post("/auth/logout")
        .anonymous()
        .json(&body)
        .run()
        .await;
}

/// `GET /me`.
pub async fn me() -> Result<Me, ApiError> {
    Call::get("/me").fetch().await
}

/// `GET /citizens`: every match, by codice fiscale or by surname, name and birth date.
pub async fn search_citizens(query: &CitizenQuery) -> Result<CitizenMatches, ApiError> {
    Call::get("/citizens").query(query).fetch().await
}

/// `POST /practices/verify`.
pub async fn verify_practice(
    request: &PracticeVerifyRequest,
) -> Result<PracticeVerification, ApiError> {
    Call::post("/practices/verify").json(request).fetch().await
}

/// `GET /topics`: topics of a request kind matching keywords (all with an empty `q`).
pub async fn topics(kind: RequestKind, q: &str, limit: i64) -> Result<Page<TopicDto>, ApiError> {
    let q = q.trim();
    let query = TopicQuery {
        q: (!q.is_empty()).then(|| q.to_owned()),
        kind: Some(kind),
        limit: Some(limit),
        ..TopicQuery::default()
    };
    Call::get("/topics").query(&query).fetch().await
}

/// `POST /routing/preview`.
pub async fn preview_routing(request: &RoutingPreviewRequest) -> Result<RoutingPreview, ApiError> {
    Call::post("/routing/preview").json(request).fetch().await
}

/// `GET /territory/regions`: all twenty.
pub async fn regions() -> Result<Page<RegionRef>, ApiError> {
    let query = PageQuery {
        limit: Some(50),
        ..PageQuery::default()
    };
    Call::get("/territory/regions").query(&query).fetch().await
}

/// `GET /territory/provinces?region=`.
pub async fn provinces(region_code: &str) -> Result<Page<ProvinceDto>, ApiError> {
    let query = ProvinceQuery {
        region: Some(region_code.to_owned()),
        limit: Some(200),
        ..ProvinceQuery::default()
    };
    Call::get("/territory/provinces")
        .query(&query)
        .fetch()
        .await
}

/// `GET /offices`: the offices of a region, or of one of its provinces.
pub async fn offices(
    region_code: &str,
    province_code: Option<&str>,
) -> Result<Page<OfficeDto>, ApiError> {
    let query = OfficeQuery {
        region: Some(region_code.to_owned()),
        province: province_code.map(str::to_owned),
        limit: Some(200),
        ..OfficeQuery::default()
    };
    Call::get("/offices").query(&query).fetch().await
}

/// `POST /requests`.
pub async fn create_request(
    request: &CreateRequest,
    idempotency_key: &str,
) -> Result<RequestDetail, ApiError> {
    Call::post("/requests")
        .json(request)
        .idempotency_key(idempotency_key)
        .fetch()
        .await
}

/// `GET /requests`: one page of the history.
pub async fn list_requests(query: &RequestQuery) -> Result<RequestPage, ApiError> {
    Call::get("/requests").query(query).fetch().await
}

/// `GET /requests/{id}`.
pub async fn request_detail(id: RequestId) -> Result<RequestDetail, ApiError> {
    Call::get(format!("/requests/{id}")).fetch().await
}

/// `POST /requests/{id}/messages`: a follow-up.
pub async fn post_follow_up(
    id: RequestId,
    text: &str,
    attachment_ids: Vec<AttachmentId>,
    idempotency_key: &str,
) -> Result<RequestDetail, ApiError> {
    let body = PostMessage {
        text: text.to_owned(),
        enable_appointments: None,
        attachment_ids,
    };
    Call::post(format!("/requests/{id}/messages"))
        .json(&body)
        .idempotency_key(idempotency_key)
        .fetch()
        .await
}

/// `POST /requests/{id}/reminders`.
pub async fn send_reminder(
    id: RequestId,
    idempotency_key: &str,
) -> Result<RequestDetail, ApiError> {
    Call::post(format!("/requests/{id}/reminders"))
        .idempotency_key(idempotency_key)
        .fetch()
        .await
}

/// `GET /answers/recent`.
pub async fn recent_answers(query: &RecentQuery) -> Result<RecentAnswers, ApiError> {
    Call::get("/answers/recent").query(query).fetch().await
}

/// `GET /statistics`.
pub async fn statistics(query: &StatisticsQuery) -> Result<Statistics, ApiError> {
    Call::get("/statistics").query(query).fetch().await
}

/// `GET /requests/{id}/summary.pdf`: the printable summary, as a download.
pub async fn download_summary(id: RequestId) -> Result<(), ApiError> {
    super::client::download(
        &format!("/requests/{id}/summary.pdf"),
        &format!("riepilogo-{id}.pdf"),
    )
    .await
}

/// `GET /requests/{id}/appointment-eligibility`.
pub async fn appointment_eligibility(id: RequestId) -> Result<Eligibility, ApiError> {
    Call::get(format!("/requests/{id}/appointment-eligibility"))
        .fetch()
        .await
}

/// `GET /slots`: free slots of an office, earliest first.
pub async fn free_slots(query: &SlotQuery) -> Result<Page<SlotDto>, ApiError> {
    Call::get("/slots").query(query).fetch().await
}

/// `POST /appointments`.
pub async fn book_appointment(
    booking: &BookAppointment,
    idempotency_key: &str,
) -> Result<AppointmentDto, ApiError> {
    Call::post("/appointments")
        .json(booking)
        .idempotency_key(idempotency_key)
        .fetch()
        .await
}

/// `GET /appointments`: the caller's upcoming appointments.
pub async fn appointments(query: &AppointmentQuery) -> Result<Page<AppointmentDto>, ApiError> {
    Call::get("/appointments").query(query).fetch().await
}

/// `GET /appointments/{id}`.
pub async fn appointment(id: AppointmentId) -> Result<AppointmentDto, ApiError> {
    Call::get(format!("/appointments/{id}")).fetch().await
}

/// `POST /appointments/{id}/cancel` (by the booker: no reason).
pub async fn cancel_appointment(id: AppointmentId) -> Result<AppointmentDto, ApiError> {
    Call::post(format!("/appointments/{id}/cancel"))
        .json(&CancelAppointment::default())
        .fetch()
        .await
}

/// `GET /appointments/{id}/calendar.ics`: the calendar event, as a download.
pub async fn download_calendar(id: AppointmentId) -> Result<(), ApiError> {
    super::client::download(
        &format!("/appointments/{id}/calendar.ics"),
        &format!("appuntamento-{id}.ics"),
    )
    .await
}

/// `GET /appointments/{id}/join`: the web meeting room, when open.
pub async fn join_appointment(id: AppointmentId) -> Result<JoinLink, ApiError> {
    Call::get(format!("/appointments/{id}/join")).fetch().await
}

/// A fresh `Idempotency-Key` (random UUID).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}

/// `POST /attachments`: uploads a file as a draft, reporting (sent, total) bytes to `progress`.
pub async fn upload_attachment(
    file: &web_sys::File,
    progress: impl Fn(f64, f64) + 'static,
) -> Result<AttachmentDto, ApiError> {
    super::client::upload("/attachments", file, progress).await
}

/// `DELETE /attachments/{id}`: removes a draft.
pub async fn delete_attachment(id: AttachmentId) -> Result<(), ApiError> {
    Call::delete(format!("/attachments/{id}")).run().await
}

/// `GET /attachments/{id}`: saves the file under its name.
pub async fn download_attachment(attachment: &AttachmentDto) -> Result<(), ApiError> {
    super::client::download(
        &format!("/attachments/{}", attachment.id),
        &attachment.file_name,
    )
    .await
}
