//! Typed client of the Scrivi alla sede API, for patronato software written in Rust.
//!
//! One method per operation of the OpenAPI document, named after its `operationId`, taking and
//! returning the DTOs of the `types` crate. Problem documents become [`Error::Api`] with the
//! stable `code` to switch on. The client signs in once, sends the bearer token, and when the
//! access token has expired exchanges the refresh token and retries, once. Every operation that
//! creates something sends a fresh `Idempotency-Key` (or the one given), so a retry after a
//! network failure never writes twice.
//!
//! ```no_run
//! # async fn example() -> Result<(), client::Error> {
//! let api = client::Client::new("http://127.0.0.1:8080");
//! api.sign_in("operatore1", "combipat-demo", None).await?;
//! let people = api
//!     .search_citizens(&types::citizens::CitizenQuery {
//!         cf: Some("BNCMRA50A01H501U".into()),
//!         ..Default::default()
//!     })
//!     .await?;
//! assert!(people.choice_required, "omocodia: two people share this code");
//! # Ok(())
//! # }
//! ```

use std::sync::Mutex;

use rand::RngCore;
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use types::appointments::{
    AppointmentDto, AppointmentQuery, BookAppointment, CancelAppointment, ConsultationPointDto,
    Eligibility, JoinLink, NewConsultationPoint, NewSlots, SlotDto, SlotQuery, SlotsCreated,
};
use types::attachments::{AddAttachments, AttachmentDto};
use types::audit::{AuditEntryDto, AuditQuery};
use types::auth::{Me, RefreshRequest, TokenRequest, TokenResponse};
use types::citizens::{CitizenMatches, CitizenQuery};
use types::ids::{AppointmentId, AttachmentId, OfficeId, RequestId};
use types::offices::{OfficeDetail, OfficeDto, OfficeQuery};
use types::page::{Page, PageQuery};
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::problem::Problem;
use types::requests::{
    CreateRequest, MessageDto, PostMessage, RecentAnswers, RecentQuery, ReminderDto, RequestDetail,
    RequestPage, RequestQuery, Statistics, StatisticsQuery, TransferRequest,
};
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::system::{AdvanceClock, Health, Ready, SandboxClock};
use types::territory::{ComuneDto, ComuneQuery, ProvinceDto, ProvinceQuery, RegionRef};
use types::topics::{TopicDto, TopicQuery};
use types::Profile;

/// What can go wrong calling the API.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The API refused with a problem document.
    #[error("{status} {}: {}", problem.code, problem.detail)]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// The problem document (`code`, Italian `detail`, per-field `errors`).
        problem: Box<Problem>,
    },
    /// The server answered something that is not the documented body.
    #[error("unexpected answer {status}: {body}")]
    Unexpected {
        /// HTTP status.
        status: StatusCode,
        /// The body as received.
        body: String,
    },
    /// The request could not be sent or the answer not read.
    #[error(transparent)]
    Transport(#[from] reqwest::Error),
    /// An operation that needs a session was called before [`Client::sign_in`].
    #[error("not signed in")]
    NotSignedIn,
}

impl Error {
    /// The problem document's stable code, if the API refused.
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Api { problem, .. } => Some(&problem.code),
            _ => None,
        }
    }

    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } | Error::Unexpected { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// Results of the client.
pub type Result<T> = std::result::Result<T, Error>;

/// A resource the API created (or, with the same `Idempotency-Key`, had already created).
#[derive(Debug, Clone)]
pub struct Created<T> {
    /// The answer body.
    pub body: T,
    /// The `Location` of the new resource, when the API gives one.
    pub location: Option<String>,
    /// Whether this is the stored answer of an earlier call with the same key.
    pub replayed: bool,
    /// The key that was sent.
    pub idempotency_key: String,
    /// The HTTP status of the answer (`201 Created`, also when replayed).
    pub status: StatusCode,
}

/// A binary answer: a PDF, an attachment, a calendar file.
#[derive(Debug, Clone)]
pub struct Download {
    /// Its `Content-Type`.
    pub content_type: Option<String>,
    /// Its `Content-Disposition`.
    pub content_disposition: Option<String>,
    /// Its `ETag` (an attachment's is its quoted SHA-256).
    pub etag: Option<String>,
    /// The bytes.
    pub body: Vec<u8>,
}

/// The tokens of the signed-in session.
#[derive(Debug, Clone)]
struct Session {
    access: String,
    refresh: String,
}

/// A client of one server; cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    session: Mutex<Option<Session>>,
}

/// A fresh `Idempotency-Key`: 128 random bits, hex.
pub fn idempotency_key() -> String {
    let mut bytes = [0_u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Parts of one call: how to build it again if it must be retried with a new token.
struct Call<'a> {
    method: Method,
    path: String,
    query: Option<serde_json::Value>,
    body: Option<serde_json::Value>,
    idempotency_key: Option<&'a str>,
    authenticated: bool,
    /// A file sent as the `file` part of a `multipart/form-data` body: name and bytes.
    file: Option<(&'a str, &'a [u8])>,
}

fn to_value(value: &impl Serialize) -> serde_json::Value {
    // The DTOs serialise to JSON by construction.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

/// Query parameters without the absent ones: a URL query cannot say `null`.
fn to_query(value: &impl Serialize) -> serde_json::Value {
    match to_value(value) {
        serde_json::Value::Object(fields) => {
            serde_json::Value::Object(fields.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        other => other,
    }
}

impl Client {
    /// A client of the server at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: &str) -> Client {
        Client::with_http(base_url, reqwest::Client::new())
    }

    /// A client using a configured `reqwest` client (timeouts, proxies, pools).
    pub fn with_http(base_url: &str, http: reqwest::Client) -> Client {
        Client {
            http,
            base: base_url.trim_end_matches('/').to_owned(),
            session: Mutex::new(None),
        }
    }

    /// The access token of the session, if signed in.
    pub fn access_token(&self) -> Option<String> {
        self.session().map(|s| s.access)
    }

    /// Uses this access token (and no refresh token) for the calls that follow.
    pub fn use_access_token(&self, token: &str) {
        self.set_session(Some(Session {
            access: token.to_owned(),
            refresh: String::new(),
        }));
    }

    /// Resumes a session from tokens kept earlier (e.g. across a restart of the caller).
    pub fn use_tokens(&self, access_token: &str, refresh_token: &str) {
        self.set_session(Some(Session {
            access: access_token.to_owned(),
            refresh: refresh_token.to_owned(),
        }));
    }

    fn session(&self) -> Option<Session> {
        self.session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn set_session(&self, session: Option<Session>) {
        *self
            .session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = session;
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn build(&self, call: &Call<'_>, token: Option<&str>) -> RequestBuilder {
        let mut request = self.http.request(call.method.clone(), self.url(&call.path));
        if let Some(query) = &call.query {
            request = request.query(query);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        if let Some((name, bytes)) = call.file {
            let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned());
            request = request.multipart(reqwest::multipart::Form::new().part("file", part));
        }
        if let Some(key) = call.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
    }

    /// Sends a call; with a session, an expired access token is refreshed once and the call
    /// repeated.
    async fn send(&self, call: Call<'_>) -> Result<reqwest::Response> {
        let token = match (call.authenticated, self.session()) {
            (true, Some(session)) => Some(session.access),
            (true, None) => return Err(Error::NotSignedIn),
            (false, _) => None,
        };
        let response = self.build(&call, token.as_deref()).send().await?;
        if response.status() != StatusCode::UNAUTHORIZED || !call.authenticated {
            return Ok(response);
        }
        let Some(session) = self.session().filter(|s| !s.refresh.is_empty()) else {
            return Ok(response);
        };
        self.refresh_with(&session.refresh).await?;
        let token = self.session().map(|s| s.access);
        Ok(self.build(&call, token.as_deref()).send().await?)
    }

    async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> Result<T> {
        let status = response.status();
        let text = response.text().await?;
        if status.is_success() {
            return serde_json::from_str(&text)
                .map_err(|_| Error::Unexpected { status, body: text });
        }
        match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => Err(Error::Api {
                status,
                problem: Box::new(problem),
            }),
            Err(_) => Err(Error::Unexpected { status, body: text }),
        }
    }

    async fn get<Q: Serialize, T: DeserializeOwned>(
        &self,
        path: String,
        query: Option<&Q>,
    ) -> Result<T> {
        let call = Call {
            method: Method::GET,
            path,
            query: query.map(to_query),
            body: None,
            idempotency_key: None,
            authenticated: true,
            file: None,
        };
        Client::decode(self.send(call).await?).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: String,
        body: Option<&B>,
    ) -> Result<T> {
        let call = Call {
            method: Method::POST,
            path,
            query: None,
            body: body.map(to_value),
            idempotency_key: None,
            authenticated: true,
            file: None,
        };
        Client::decode(self.send(call).await?).await
    }

    async fn create<B: Serialize, T: DeserializeOwned>(
        &self,
        path: String,
        body: Option<&B>,
        key: Option<&str>,
    ) -> Result<Created<T>> {
        self.create_from(path, body.map(to_value), None, key).await
    }

    async fn create_from<T: DeserializeOwned>(
        &self,
        path: String,
        body: Option<serde_json::Value>,
        file: Option<(&str, &[u8])>,
        key: Option<&str>,
    ) -> Result<Created<T>> {
        let key = key.map_or_else(idempotency_key, str::to_owned);
        let call = Call {
            method: Method::POST,
            path,
            query: None,
            body,
            idempotency_key: Some(&key),
            authenticated: true,
            file,
        };
        let response = self.send(call).await?;
        let location = header(&response, "Location");
        let replayed = header(&response, "Idempotent-Replayed").is_some_and(|v| v == "true");
        let status = response.status();
        Ok(Created {
            body: Client::decode(response).await?,
            location,
            replayed,
            idempotency_key: key,
            status,
        })
    }

    async fn download(&self, path: String) -> Result<Download> {
        let call = Call {
            method: Method::GET,
            path,
            query: None,
            body: None,
            idempotency_key: None,
            authenticated: true,
            file: None,
        };
        let response = self.send(call).await?;
        let status = response.status();
        if !status.is_success() {
            // A failure is a problem document; anything else is unexpected.
            return match Client::decode::<serde_json::Value>(response).await {
                Err(error) => Err(error),
                Ok(body) => Err(Error::Unexpected {
                    status,
                    body: body.to_string(),
                }),
            };
        }
        Ok(Download {
            content_type: header(&response, "Content-Type"),
            content_disposition: header(&response, "Content-Disposition"),
            etag: header(&response, "ETag"),
            body: response.bytes().await?.to_vec(),
        })
    }

    /// A call without the session's token (sign-in, refresh), sent as it is.
    async fn public_post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let call = Call {
            method: Method::POST,
            path: path.to_owned(),
            query: None,
            body: Some(to_value(body)),
            idempotency_key: None,
            authenticated: false,
            file: None,
        };
        Client::decode(self.build(&call, None).send().await?).await
    }

    // --- auth ---------------------------------------------------------------------------

    /// `create_token`: signs in and keeps the session for the calls that follow.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        profile: Option<Profile>,
    ) -> Result<TokenResponse> {
        let body = TokenRequest {
            username: username.to_owned(),
            password: password.to_owned(),
            profile,
        };
        let tokens: TokenResponse = self.public_post("/api/v1/auth/token", &body).await?;
        self.set_session(Some(Session {
            access: tokens.access_token.clone(),
            refresh: tokens.refresh_token.clone(),
        }));
        Ok(tokens)
    }

    async fn refresh_with(&self, refresh_token: &str) -> Result<TokenResponse> {
        let body = RefreshRequest {
            refresh_token: refresh_token.to_owned(),
        };
        let tokens: TokenResponse = self.public_post("/api/v1/auth/refresh", &body).await?;
        self.set_session(Some(Session {
            access: tokens.access_token.clone(),
            refresh: tokens.refresh_token.clone(),
        }));
        Ok(tokens)
    }

    /// `refresh_token`: exchanges the session's refresh token for a new pair.
    pub async fn refresh(&self) -> Result<TokenResponse> {
        let session = self.session().ok_or(Error::NotSignedIn)?;
        self.refresh_with(&session.refresh).await
    }

    /// `logout`: revokes the session's tokens and forgets them.
    pub async fn logout(&self) -> Result<()> {
        let session = self.session().ok_or(Error::NotSignedIn)?;
        let call = Call {
            method: Method::POST,
            path: "/api/v1/auth/logout".into(),
            query: None,
            body: Some(to_value(&RefreshRequest {
                refresh_token: session.refresh,
            })),
            idempotency_key: None,
            authenticated: false,
            file: None,
        };
        let response = self.send(call).await?;
        self.set_session(None);
        expect_empty(response).await
    }

    /// `show_me`.
    pub async fn show_me(&self) -> Result<Me> {
        self.get::<(), _>("/api/v1/me".into(), None).await
    }

    // --- reference data -----------------------------------------------------------------

    /// `list_regions`.
    pub async fn list_regions(&self, query: &PageQuery) -> Result<Page<RegionRef>> {
        self.get("/api/v1/territory/regions".into(), Some(query))
            .await
    }

    /// `list_provinces`.
    pub async fn list_provinces(&self, query: &ProvinceQuery) -> Result<Page<ProvinceDto>> {
        self.get("/api/v1/territory/provinces".into(), Some(query))
            .await
    }

    /// `list_comuni`.
    pub async fn list_comuni(&self, query: &ComuneQuery) -> Result<Page<ComuneDto>> {
        self.get("/api/v1/territory/comuni".into(), Some(query))
            .await
    }

    /// `list_offices`.
    pub async fn list_offices(&self, query: &OfficeQuery) -> Result<Page<OfficeDto>> {
        self.get("/api/v1/offices".into(), Some(query)).await
    }

    /// `show_office`.
    pub async fn show_office(&self, id: OfficeId) -> Result<OfficeDetail> {
        self.get::<(), _>(format!("/api/v1/offices/{id}"), None)
            .await
    }

    /// `list_topics`.
    pub async fn list_topics(&self, query: &TopicQuery) -> Result<Page<TopicDto>> {
        self.get("/api/v1/topics".into(), Some(query)).await
    }

    // --- the new-request wizard ---------------------------------------------------------

    /// `search_citizens`.
    pub async fn search_citizens(&self, query: &CitizenQuery) -> Result<CitizenMatches> {
        self.get("/api/v1/citizens".into(), Some(query)).await
    }

    /// `verify_practice`.
    pub async fn verify_practice(
        &self,
        body: &PracticeVerifyRequest,
    ) -> Result<PracticeVerification> {
        self.post("/api/v1/practices/verify".into(), Some(body))
            .await
    }

    /// `preview_routing`.
    pub async fn preview_routing(&self, body: &RoutingPreviewRequest) -> Result<RoutingPreview> {
        self.post("/api/v1/routing/preview".into(), Some(body))
            .await
    }

    // --- requests -----------------------------------------------------------------------

    /// `create_request`, with a fresh `Idempotency-Key`.
    pub async fn create_request(&self, body: &CreateRequest) -> Result<Created<RequestDetail>> {
        self.create("/api/v1/requests".into(), Some(body), None)
            .await
    }

    /// `create_request` with a key of the caller's (retry the same call with the same key).
    pub async fn create_request_with_key(
        &self,
        body: &CreateRequest,
        key: &str,
    ) -> Result<Created<RequestDetail>> {
        self.create("/api/v1/requests".into(), Some(body), Some(key))
            .await
    }

    /// `list_requests`.
    pub async fn list_requests(&self, query: &RequestQuery) -> Result<RequestPage> {
        self.get("/api/v1/requests".into(), Some(query)).await
    }

    /// `show_request`.
    pub async fn show_request(&self, id: RequestId) -> Result<RequestDetail> {
        self.get::<(), _>(format!("/api/v1/requests/{id}"), None)
            .await
    }

    /// `list_messages`.
    pub async fn list_messages(
        &self,
        id: RequestId,
        query: &PageQuery,
    ) -> Result<Page<MessageDto>> {
        self.get(format!("/api/v1/requests/{id}/messages"), Some(query))
            .await
    }

    /// `send_message`, with a fresh `Idempotency-Key`.
    pub async fn send_message(
        &self,
        id: RequestId,
        body: &PostMessage,
    ) -> Result<Created<RequestDetail>> {
        self.create(format!("/api/v1/requests/{id}/messages"), Some(body), None)
            .await
    }

    /// `list_reminders`.
    pub async fn list_reminders(
        &self,
        id: RequestId,
        query: &PageQuery,
    ) -> Result<Page<ReminderDto>> {
        self.get(format!("/api/v1/requests/{id}/reminders"), Some(query))
            .await
    }

    /// `send_reminder`, with a fresh `Idempotency-Key`.
    pub async fn send_reminder(&self, id: RequestId) -> Result<Created<RequestDetail>> {
        self.create::<(), _>(format!("/api/v1/requests/{id}/reminders"), None, None)
            .await
    }

    /// `take_request`.
    pub async fn take_request(&self, id: RequestId) -> Result<RequestDetail> {
        self.post::<(), _>(format!("/api/v1/requests/{id}/take"), None)
            .await
    }

    /// `transfer_request`.
    pub async fn transfer_request(&self, id: RequestId, body: &TransferRequest) -> Result<()> {
        let call = Call {
            method: Method::POST,
            path: format!("/api/v1/requests/{id}/transfer"),
            query: None,
            body: Some(to_value(body)),
            idempotency_key: None,
            authenticated: true,
            file: None,
        };
        expect_empty(self.send(call).await?).await
    }

    /// `print_request`: the summary PDF.
    pub async fn print_request(&self, id: RequestId) -> Result<Download> {
        self.download(format!("/api/v1/requests/{id}/summary.pdf"))
            .await
    }

    // --- attachments --------------------------------------------------------------------

    /// `upload_attachment`: uploads `bytes` as a draft named `file_name`, with a fresh
    /// `Idempotency-Key`.
    pub async fn upload_attachment(
        &self,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Created<AttachmentDto>> {
        self.create_from(
            "/api/v1/attachments".into(),
            None,
            Some((file_name, bytes)),
            None,
        )
        .await
    }

    /// `download_attachment`: the content with its name and type.
    pub async fn download_attachment(&self, id: AttachmentId) -> Result<Download> {
        self.download(format!("/api/v1/attachments/{id}")).await
    }

    /// `remove_attachment`: removes a draft.
    pub async fn remove_attachment(&self, id: AttachmentId) -> Result<()> {
        let call = Call {
            method: Method::DELETE,
            path: format!("/api/v1/attachments/{id}"),
            query: None,
            body: None,
            idempotency_key: None,
            authenticated: true,
            file: None,
        };
        expect_empty(self.send(call).await?).await
    }

    /// `add_attachments`: links drafts to the caller's open request, with a fresh
    /// `Idempotency-Key`.
    pub async fn add_attachments(
        &self,
        id: RequestId,
        body: &AddAttachments,
    ) -> Result<Created<RequestDetail>> {
        self.create(
            format!("/api/v1/requests/{id}/attachments"),
            Some(body),
            None,
        )
        .await
    }

    // --- agenda and appointments ---------------------------------------------------------

    /// `list_points`.
    pub async fn list_points(
        &self,
        office: OfficeId,
        query: &PageQuery,
    ) -> Result<Page<ConsultationPointDto>> {
        self.get(
            format!("/api/v1/offices/{office}/consultation-points"),
            Some(query),
        )
        .await
    }

    /// `create_point`.
    pub async fn create_point(
        &self,
        office: OfficeId,
        body: &NewConsultationPoint,
    ) -> Result<Created<ConsultationPointDto>> {
        self.create(
            format!("/api/v1/offices/{office}/consultation-points"),
            Some(body),
            None,
        )
        .await
    }

    /// `create_slots`.
    pub async fn create_slots(&self, body: &NewSlots) -> Result<Created<SlotsCreated>> {
        self.create("/api/v1/slots".into(), Some(body), None).await
    }

    /// `list_slots`: free slots.
    pub async fn list_slots(&self, query: &SlotQuery) -> Result<Page<SlotDto>> {
        self.get("/api/v1/slots".into(), Some(query)).await
    }

    /// `show_eligibility`.
    pub async fn show_eligibility(&self, request: RequestId) -> Result<Eligibility> {
        self.get::<(), _>(
            format!("/api/v1/requests/{request}/appointment-eligibility"),
            None,
        )
        .await
    }

    /// `book_appointment`, with `key` as `Idempotency-Key` (a fresh one when `None`).
    pub async fn book_appointment(
        &self,
        body: &BookAppointment,
        key: Option<&str>,
    ) -> Result<Created<AppointmentDto>> {
        self.create("/api/v1/appointments".into(), Some(body), key)
            .await
    }

    /// `list_appointments`.
    pub async fn list_appointments(
        &self,
        query: &AppointmentQuery,
    ) -> Result<Page<AppointmentDto>> {
        self.get("/api/v1/appointments".into(), Some(query)).await
    }

    /// `show_appointment`.
    pub async fn show_appointment(&self, id: AppointmentId) -> Result<AppointmentDto> {
        self.get::<(), _>(format!("/api/v1/appointments/{id}"), None)
            .await
    }

    /// `cancel_appointment`.
    pub async fn cancel_appointment(
        &self,
        id: AppointmentId,
        body: &CancelAppointment,
    ) -> Result<AppointmentDto> {
        self.post(format!("/api/v1/appointments/{id}/cancel"), Some(body))
            .await
    }

    /// `appointment_calendar`: the iCalendar file.
    pub async fn appointment_calendar(&self, id: AppointmentId) -> Result<Download> {
        self.download(format!("/api/v1/appointments/{id}/calendar.ics"))
            .await
    }

    /// `join_appointment`.
    pub async fn join_appointment(&self, id: AppointmentId) -> Result<JoinLink> {
        self.get::<(), _>(format!("/api/v1/appointments/{id}/join"), None)
            .await
    }

    // --- home and reports ---------------------------------------------------------------

    /// `recent_answers`.
    pub async fn recent_answers(&self, query: &RecentQuery) -> Result<RecentAnswers> {
        self.get("/api/v1/answers/recent".into(), Some(query)).await
    }

    /// `show_statistics`.
    pub async fn show_statistics(&self, query: &StatisticsQuery) -> Result<Statistics> {
        self.get("/api/v1/statistics".into(), Some(query)).await
    }

    /// `list_audit`.
    pub async fn list_audit(&self, query: &AuditQuery) -> Result<Page<AuditEntryDto>> {
        self.get("/api/v1/audit".into(), Some(query)).await
    }

    // --- sandbox and probes -------------------------------------------------------------

    /// `show_clock` (sandbox servers only).
    pub async fn show_clock(&self) -> Result<SandboxClock> {
        let call = Call {
            method: Method::GET,
            path: "/api/v1/sandbox/clock".into(),
            query: None,
            body: None,
            idempotency_key: None,
            authenticated: false,
            file: None,
        };
        Client::decode(self.send(call).await?).await
    }

    /// `advance_clock` (sandbox servers only).
    pub async fn advance_clock(&self, body: &AdvanceClock) -> Result<SandboxClock> {
        self.post("/api/v1/sandbox/clock".into(), Some(body)).await
    }

    async fn probe<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let call = Call {
            method: Method::GET,
            path: path.to_owned(),
            query: None,
            body: None,
            idempotency_key: None,
            authenticated: false,
            file: None,
        };
        Client::decode(self.send(call).await?).await
    }

    /// `health`.
    pub async fn health(&self) -> Result<Health> {
        self.probe("/health").await
    }

    /// `ready`.
    pub async fn ready(&self) -> Result<Ready> {
        self.probe("/ready").await
    }

    /// `status`: the problem document of the guidelines, `status` 200 when the service works.
    pub async fn status(&self) -> Result<Problem> {
        self.probe("/status").await
    }
}

/// A 204, or the problem document; any other success is not the documented answer.
/// A response header as text, if present and readable.
fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn expect_empty(response: reqwest::Response) -> Result<()> {
    let status = response.status();
    if status == StatusCode::NO_CONTENT {
        return Ok(());
    }
    if status.is_success() {
        let body = response.text().await?;
        return Err(Error::Unexpected { status, body });
    }
    Client::decode::<serde_json::Value>(response)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_query_parameters_are_left_out() {
        let query = to_query(&CitizenQuery {
            cf: Some("BNCMRA50A01H501U".into()),
            ..Default::default()
        });
        assert_eq!(query, serde_json::json!({"cf": "BNCMRA50A01H501U"}));
        let url = reqwest::Client::new()
            .get("http://127.0.0.1/")
            .query(&query)
            .build()
            .map(|request| request.url().to_string());
        assert_eq!(
            url.ok().as_deref(),
            Some("http://127.0.0.1/?cf=BNCMRA50A01H501U")
        );
    }

    #[test]
    fn keys_are_fresh_and_fit_the_documented_pattern() {
        let (a, b) = (idempotency_key(), idempotency_key());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| (b'!'..=b'~').contains(&c)));
    }
}
