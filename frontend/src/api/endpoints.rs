//! One function per API call the SPA makes.

use chrono::NaiveDate;
use types::auth::{Me, RefreshRequest, TokenRequest, TokenResponse};
use types::citizens::CitizenMatches;
use types::ids::{RequestId, TopicId};
use types::offices::OfficeDto;
use types::page::Page;
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::requests::{CreateRequest, PostMessage, RecentAnswers, RequestDetail, RequestPage};
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::territory::{ProvinceDto, RegionRef};
use types::topics::TopicDto;
use types::{RequestKind, RequestStatus};

use super::client::{ApiError, Call, Query};
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

/// How to find a citizen in the registry.
#[derive(Clone, Debug, PartialEq)]
pub enum CitizenLookup {
    /// By codice fiscale.
    Cf(String),
    /// By surname, name and birth date (*Anagrafica*).
    Identity {
        surname: String,
        name: String,
        birth_date: NaiveDate,
    },
}

/// `GET /citizens`: every match.
pub async fn search_citizens(lookup: &CitizenLookup) -> Result<CitizenMatches, ApiError> {
    let query = match lookup {
        CitizenLookup::Cf(cf) => Query::default().set("cf", cf),
        CitizenLookup::Identity {
            surname,
            name,
            birth_date,
        } => Query::default()
            .set("surname", surname)
            .set("name", name)
            .set("birth_date", birth_date),
    };
    Call::get("/citizens").query(query).fetch().await
}

/// `POST /practices/verify`.
pub async fn verify_practice(
    request: &PracticeVerifyRequest,
) -> Result<PracticeVerification, ApiError> {
    Call::post("/practices/verify").json(request).fetch().await
}

/// `GET /topics`: topics of a request kind matching keywords (all with an empty `q`).
pub async fn topics(kind: RequestKind, q: &str, limit: u32) -> Result<Page<TopicDto>, ApiError> {
    let q = q.trim();
    let query = Query::default()
        .set("kind", kind)
        .opt("q", (!q.is_empty()).then_some(q))
        .set("limit", limit);
    Call::get("/topics").query(query).fetch().await
}

/// `POST /routing/preview`.
pub async fn preview_routing(request: &RoutingPreviewRequest) -> Result<RoutingPreview, ApiError> {
    Call::post("/routing/preview").json(request).fetch().await
}

/// `GET /territory/regions`.
pub async fn regions() -> Result<Page<RegionRef>, ApiError> {
    Call::get("/territory/regions").fetch().await
}

/// `GET /territory/provinces?region=`.
pub async fn provinces(region_code: &str) -> Result<Page<ProvinceDto>, ApiError> {
    let query = Query::default().set("region", region_code);
    Call::get("/territory/provinces").query(query).fetch().await
}

/// `GET /offices`: the offices of a region, or of one of its provinces.
pub async fn offices(
    region_code: &str,
    province_code: Option<&str>,
) -> Result<Page<OfficeDto>, ApiError> {
    let query = Query::default()
        .set("region", region_code)
        .opt("province", province_code)
        .set("limit", 200);
    Call::get("/offices").query(query).fetch().await
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

/// Search criteria of the history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestFilter {
    /// *Le mie richieste* rather than *Tutte le richieste*.
    pub mine: bool,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
    pub topic_id: Option<TopicId>,
    pub protocol: Option<String>,
    pub cf: Option<String>,
    pub status: Option<RequestStatus>,
    /// Free text.
    pub q: Option<String>,
}

/// `GET /requests`: one page of the history.
pub async fn list_requests(
    filter: &RequestFilter,
    cursor: Option<&str>,
    limit: u32,
) -> Result<RequestPage, ApiError> {
    let query = Query::default()
        .set("scope", if filter.mine { "mine" } else { "office" })
        .opt("date_from", filter.date_from)
        .opt("date_to", filter.date_to)
        .opt("topic_id", filter.topic_id)
        .opt("protocol", filter.protocol.as_deref())
        .opt("cf", filter.cf.as_deref())
        .opt("status", filter.status)
        .opt("q", filter.q.as_deref())
        .set("limit", limit)
        .opt("cursor", cursor);
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
    idempotency_key: &str,
) -> Result<RequestDetail, ApiError> {
    let body = PostMessage {
        text: text.to_owned(),
        enable_appointments: None,
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

/// Search criteria of the home panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerFilter {
    pub date: Option<NaiveDate>,
    pub topic_id: Option<TopicId>,
    pub cf: Option<String>,
    pub protocol: Option<String>,
}

/// `GET /answers/recent`.
pub async fn recent_answers(filter: &AnswerFilter) -> Result<RecentAnswers, ApiError> {
    let query = Query::default()
        .opt("date", filter.date)
        .opt("topic_id", filter.topic_id)
        .opt("cf", filter.cf.as_deref())
        .opt("protocol", filter.protocol.as_deref());
    Call::get("/answers/recent").query(query).fetch().await
}

/// Topic and period of the statistics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatisticsFilter {
    pub topic_id: Option<TopicId>,
    pub date_from: Option<NaiveDate>,
    pub date_to: Option<NaiveDate>,
}

/// `GET /statistics`.
pub async fn statistics(
    filter: &StatisticsFilter,
) -> Result<types::requests::Statistics, ApiError> {
    let query = Query::default()
        .opt("topic_id", filter.topic_id)
        .opt("date_from", filter.date_from)
        .opt("date_to", filter.date_to);
    Call::get("/statistics").query(query).fetch().await
}

/// A fresh `Idempotency-Key` (random UUID).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k{}-{}", js_sys::Date::now(), js_sys::Math::random()))
}
