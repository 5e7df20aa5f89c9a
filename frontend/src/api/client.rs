//! The one place that talks HTTP to the API server (same origin, `/api/v1`).
//!
//! Every call carries the access token and renews it with the refresh token when it is about to
//! expire or the server refuses it (one renewal in flight at a time: a spent refresh token is
//! treated by the server as stolen and closes the session). Error answers become [`ApiError`]:
//! the problem document when the server sent one, otherwise an Italian message for the status.

use std::cell::RefCell;
use std::time::Duration;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use types::auth::{RefreshRequest, TokenResponse};
use types::problem::Problem;

use super::session::{self, Session};

const API_BASE: &str = "/api/v1";

/// Why an API call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Box<Problem>),
    /// The server answered with an error status and no readable problem document.
    Status(u16),
    /// The request did not reach the server or the answer was cut off.
    Network,
    /// A success answer that does not match the expected shape.
    Decode,
    /// No session, or the server ended it: the user must sign in again.
    SignedOut,
}

impl ApiError {
    /// Italian message to show to the user.
    pub fn message(&self) -> String {
        match self {
            ApiError::Problem(p) if !p.detail.is_empty() => p.detail.clone(),
            ApiError::Problem(p) if !p.title.is_empty() => p.title.clone(),
            ApiError::Problem(p) => status_message(p.status).to_owned(),
            ApiError::Status(status) => status_message(*status).to_owned(),
            ApiError::Network => {
                "Impossibile contattare il servizio. Verifica la connessione e riprova.".to_owned()
            }
            ApiError::Decode => {
                "Risposta del servizio non valida. Riprova più tardi o contatta l'assistenza."
                    .to_owned()
            }
            ApiError::SignedOut => "La sessione è scaduta: accedi di nuovo.".to_owned(),
        }
    }

    /// The problem document's stable code, if any.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(p.code.as_str()),
            _ => None,
        }
    }

    /// HTTP status of the failed answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Status(status) => Some(*status),
            ApiError::Network | ApiError::Decode | ApiError::SignedOut => None,
        }
    }

    /// Field errors of a validation failure, as (field, message).
    pub fn field_errors(&self) -> Vec<(String, String)> {
        match self {
            ApiError::Problem(p) => p
                .errors
                .iter()
                .map(|e| (e.field.clone(), e.message.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn status_message(status: u16) -> &'static str {
    match status {
        400 | 422 => "Dati non validi. Controlla i campi e riprova.",
        401 => "Sessione non valida o scaduta. Accedi di nuovo.",
        403 => "Non hai i permessi per questa operazione.",
        404 => "Risorsa non trovata.",
        409 => "L'operazione non è possibile nello stato attuale della richiesta.",
        429 => "Troppe richieste. Attendi qualche minuto e riprova.",
        500..=599 => "Il servizio non è al momento disponibile. Riprova più tardi.",
        _ => "Si è verificato un errore imprevisto. Riprova più tardi.",
    }
}

/// A query string, from one of the contract's query types (`types::…::…Query`): every field
/// with a value becomes `name=value`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    /// The fields of `query` that have a value.
    pub fn of(query: &impl Serialize) -> Self {
        let pairs = match serde_json::to_value(query) {
            Ok(serde_json::Value::Object(fields)) => fields
                .into_iter()
                .filter_map(|(name, value)| {
                    let value = match value {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Number(n) => n.to_string(),
                        serde_json::Value::Bool(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((name, value))
                })
                .collect(),
            _ => Vec::new(),
        };
        Query(pairs)
    }

    fn encode(&self) -> String {
        let pairs: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }
}

/// One API call, built then sent.
#[derive(Clone, Debug)]
pub struct Call {
    method: Method,
    path: String,
    query: Query,
    body: Option<String>,
    idempotency_key: Option<String>,
    authenticated: bool,
}

impl Call {
    fn new(method: Method, path: impl Into<String>) -> Self {
        Call {
            method,
            path: path.into(),
            query: Query::default(),
            body: None,
            idempotency_key: None,
            authenticated: true,
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Call::new(Method::GET, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Self {
        Call::new(Method::POST, path)
    }

    pub fn delete(path: impl Into<String>) -> Self {
        Call::new(Method::DELETE, path)
    }

    /// Without the bearer token (sign-in).
    pub fn anonymous(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Query string, from one of the contract's query types.
    pub fn query(mut self, query: &impl Serialize) -> Self {
        self.query = Query::of(query);
        self
    }

    /// JSON body.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        // Serialising the contract's own types cannot fail; an empty body would be refused.
        self.body = serde_json::to_string(body).ok();
        self
    }

    /// `Idempotency-Key`: a retry with the same key cannot create twice.
    pub fn idempotency_key(mut self, key: &str) -> Self {
        self.idempotency_key = Some(key.to_owned());
        self
    }

    /// Sends and decodes the JSON answer.
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let response = self.send().await?;
        let text = response.text().await.map_err(|_| ApiError::Network)?;
        serde_json::from_str(&text).map_err(|_| ApiError::Decode)
    }

    /// Sends and ignores the answer's body.
    pub async fn run(self) -> Result<(), ApiError> {
        self.send().await.map(|_| ())
    }

    async fn send(self) -> Result<Response, ApiError> {
        if !self.authenticated {
            return finish(self.attempt(None).await?).await;
        }
        let token = fresh_token().await?;
        let response = self.attempt(Some(&token)).await?;
        if response.status() != 401 {
            return finish(response).await;
        }
        let renewed = renew_after_refusal(&token).await?;
        let response = self.attempt(Some(&renewed)).await?;
        if response.status() == 401 {
            session::set(None);
            return Err(ApiError::SignedOut);
        }
        finish(response).await
    }

    async fn attempt(&self, token: Option<&str>) -> Result<Response, ApiError> {
        let url = format!("{API_BASE}{}{}", self.path, self.query.encode());
        let mut request = RequestBuilder::new(&url)
            .method(self.method.clone())
            .header("Accept", "application/json, application/problem+json");
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(key) = &self.idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        let request = match &self.body {
            Some(body) => request
                .header("Content-Type", "application/json")
                .body(body.clone()),
            None => request.build(),
        }
        .map_err(|_| ApiError::Decode)?;
        request.send().await.map_err(|_| ApiError::Network)
    }
}

async fn finish(response: Response) -> Result<Response, ApiError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    match response.text().await {
        Ok(text) => Err(refusal(status, &text)),
        Err(_) => Err(ApiError::Status(status)),
    }
}

/// The error of a refused answer. Any JSON body is tried as a problem document: some proxies
/// rewrite the content type.
fn refusal(status: u16, text: &str) -> ApiError {
    match serde_json::from_str::<Problem>(text) {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(status),
    }
}

/// Sends `file` as the `file` part of a multipart `POST {path}`, reporting the bytes sent so far
/// and the total to `progress` (fetch reports no upload progress, XMLHttpRequest does).
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::File,
    progress: impl Fn(f64, f64) + 'static,
) -> Result<T, ApiError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let token = fresh_token().await?;
    let form = web_sys::FormData::new().map_err(|_| ApiError::Decode)?;
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(|_| ApiError::Decode)?;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("POST", &format!("{API_BASE}{path}"))
        .map_err(|_| ApiError::Network)?;
    xhr.set_request_header("Authorization", &format!("Bearer {token}"))
        .map_err(|_| ApiError::Network)?;
    xhr.set_request_header("Accept", "application/json, application/problem+json")
        .map_err(|_| ApiError::Network)?;
    let on_progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                progress(e.loaded(), e.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(&resolve));
        xhr.set_onerror(Some(&reject));
        xhr.set_onabort(Some(&reject));
    });
    xhr.send_with_opt_form_data(Some(&form))
        .map_err(|_| ApiError::Network)?;
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .map_err(|_| ApiError::Network)?;
    drop(on_progress);
    let status = xhr.status().map_err(|_| ApiError::Network)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| ApiError::Decode)
    } else {
        Err(refusal(status, &text))
    }
}

/// Downloads `path` with the session's token and hands it to the browser as a file named
/// `file_name` (a link to the API would carry no token).
pub async fn download(path: &str, file_name: &str) -> Result<(), ApiError> {
    use wasm_bindgen::JsCast;

    let response = Call::get(path).send().await?;
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    if let Some(kind) = response.headers().get("content-type") {
        options.set_type(&kind);
    }
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| ApiError::Decode)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::Decode)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ApiError::Decode)?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| ApiError::Decode)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

type Renewal = Shared<LocalBoxFuture<'static, Result<Session, ApiError>>>;

thread_local! {
    static RENEWAL: RefCell<Option<Renewal>> = const { RefCell::new(None) };
}

/// An access token that is not about to expire.
async fn fresh_token() -> Result<String, ApiError> {
    let current = session::current().ok_or(ApiError::SignedOut)?;
    if js_sys::Date::now() < current.refresh_due_ms() {
        return Ok(current.access_token);
    }
    refresh().await.map(|s| s.access_token)
}

/// After a 401 with `used`: renew, unless another call already did.
async fn renew_after_refusal(used: &str) -> Result<String, ApiError> {
    match session::current() {
        Some(current) if current.access_token != used => Ok(current.access_token),
        Some(_) => refresh().await.map(|s| s.access_token),
        None => Err(ApiError::SignedOut),
    }
}

/// Exchanges the refresh token for new tokens; concurrent callers share one exchange.
pub async fn refresh() -> Result<Session, ApiError> {
    let renewal = RENEWAL.with(|r| {
        r.borrow_mut()
            .get_or_insert_with(|| exchange_refresh_token().boxed_local().shared())
            .clone()
    });
    let result = renewal.await;
    RENEWAL.with(|r| *r.borrow_mut() = None);
    result
}

async fn exchange_refresh_token() -> Result<Session, ApiError> {
    let current = session::current().ok_or(ApiError::SignedOut)?;
    let body = RefreshRequest {
        refresh_token: current.refresh_token,
    };
    let response = Call::post("/auth/refresh")
        .anonymous()
        .json(&body)
        .attempt(None)
        .await?;
    match finish(response).await {
        Ok(response) => {
            let text = response.text().await.map_err(|_| ApiError::Network)?;
            let token: TokenResponse = serde_json::from_str(&text).map_err(|_| ApiError::Decode)?;
            let renewed = Session::from_token(token);
            session::set(Some(renewed.clone()));
            Ok(renewed)
        }
        // The refresh token is expired, spent or revoked: the session is over.
        Err(err) if matches!(err.status(), Some(400 | 401 | 403 | 422)) => {
            session::set(None);
            Err(ApiError::SignedOut)
        }
        Err(err) => Err(err),
    }
}

/// Renews the access token shortly before it expires, for as long as the page is open, so a
/// signed-in user who is only reading stays signed in.
pub async fn keep_fresh() {
    loop {
        let wait_ms = match session::current() {
            Some(s) => (s.refresh_due_ms() - js_sys::Date::now()).max(1_000.0),
            None => 2_000.0,
        };
        yew::platform::time::sleep(Duration::from_millis(wait_ms as u64)).await;
        let due = session::current().is_some_and(|s| js_sys::Date::now() >= s.refresh_due_ms());
        if due {
            let _ = refresh().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_detail_is_the_message() {
        let text = r#"{"type":"https://scrivi-alla-sede.inps.it/problems/profile_required",
            "title":"Profilo richiesto","status":422,"detail":"Scegli la modalità di lavoro",
            "code":"profile_required","available_profiles":["regional_referent","operator"]}"#;
        let problem: Problem = match serde_json::from_str(text) {
            Ok(problem) => problem,
            Err(e) => panic!("problem document does not decode: {e}"),
        };
        let err = ApiError::Problem(Box::new(problem));
        assert_eq!(err.code(), Some("profile_required"));
        assert_eq!(err.message(), "Scegli la modalità di lavoro");
    }

    #[test]
    fn status_without_problem_has_italian_message() {
        assert!(ApiError::Status(429)
            .message()
            .starts_with("Troppe richieste"));
    }
}
