//! The one place that talks HTTP to the API server (same origin, `/api/v1`).
//!
//! Error answers are decoded into [`ApiError`]: a problem document when the server sent one,
//! otherwise a generic Italian message for the status or the network failure.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::dto::{LogoutRequest, Me, Problem, TokenRequest, TokenResponse};

const API_BASE: &str = "/api/v1";

/// Why an API call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// The server answered with an error status and no readable problem document.
    Status(u16),
    /// The request did not reach the server or the answer was cut off.
    Network,
    /// A success answer that does not match the expected shape.
    Decode,
}

impl ApiError {
    /// Italian message to show to the user.
    pub fn message(&self) -> String {
        match self {
            ApiError::Problem(p) => p
                .detail
                .clone()
                .or_else(|| p.title.clone())
                .unwrap_or_else(|| status_message(p.status).to_owned()),
            ApiError::Status(status) => status_message(*status).to_owned(),
            ApiError::Network => {
                "Impossibile contattare il servizio. Verifica la connessione e riprova.".to_owned()
            }
            ApiError::Decode => {
                "Risposta del servizio non valida. Riprova più tardi o contatta l'assistenza."
                    .to_owned()
            }
        }
    }

    /// HTTP status of the failed answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Status(status) => Some(*status),
            ApiError::Network | ApiError::Decode => None,
        }
    }
}

fn status_message(status: u16) -> &'static str {
    match status {
        400 | 422 => "Dati non validi. Controlla i campi e riprova.",
        401 => "Sessione non valida o scaduta. Accedi di nuovo.",
        403 => "Non hai i permessi per questa operazione.",
        404 => "Risorsa non trovata.",
        429 => "Troppe richieste. Attendi qualche minuto e riprova.",
        500..=599 => "Il servizio non è al momento disponibile. Riprova più tardi.",
        _ => "Si è verificato un errore imprevisto. Riprova più tardi.",
    }
}

/// `POST /auth/token`: exchange credentials (and optionally a chosen profile) for tokens.
pub async fn login(body: &TokenRequest) -> Result<TokenResponse, ApiError> {
    let request = Request::post(&url("/auth/token"));
    send_json(request, body).await
}

/// `GET /me`: the signed-in user.
pub async fn me(access_token: &str) -> Result<Me, ApiError> {
    let request = with_bearer(Request::get(&url("/me")), access_token);
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    read_json(response).await
}

/// `POST /auth/logout`: revoke the refresh token.
pub async fn logout(access_token: &str, refresh_token: &str) -> Result<(), ApiError> {
    let request = with_bearer(Request::post(&url("/auth/logout")), access_token);
    let body = LogoutRequest {
        refresh_token: refresh_token.to_owned(),
    };
    let response = request
        .json(&body)
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(read_error(response).await)
    }
}

fn url(path: &str) -> String {
    format!("{API_BASE}{path}")
}

fn with_bearer(request: RequestBuilder, access_token: &str) -> RequestBuilder {
    request.header("Authorization", &format!("Bearer {access_token}"))
}

async fn send_json<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let response = request
        .header("Accept", "application/json, application/problem+json")
        .json(body)
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read_json(response).await
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(read_error(response).await);
    }
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str(&text).map_err(|_| ApiError::Decode)
}

async fn read_error(response: Response) -> ApiError {
    let status = response.status();
    // Any JSON body is tried as a problem document: some proxies rewrite the content type.
    match response.text().await {
        Ok(text) => match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => ApiError::Problem(problem),
            Err(_) => ApiError::Status(status),
        },
        Err(_) => ApiError::Status(status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::dto::Profile;

    #[test]
    fn profile_required_problem_decodes() {
        let text = r#"{"type":"https://example.org/problems/profile-required","title":"Profilo richiesto",
            "status":422,"detail":"Scegli la modalità di lavoro","code":"profile_required",
            "available_profiles":["regional_referent","operator"]}"#;
        let problem = match serde_json::from_str::<Problem>(text) {
            Ok(problem) => problem,
            Err(e) => panic!("problem document does not decode: {e}"),
        };
        assert_eq!(problem.code.as_deref(), Some("profile_required"));
        assert_eq!(
            problem.available_profiles,
            Some(vec![Profile::RegionalReferent, Profile::Operator])
        );
        let err = ApiError::Problem(problem);
        assert_eq!(err.message(), "Scegli la modalità di lavoro");
    }

    #[test]
    fn status_without_problem_has_italian_message() {
        assert!(ApiError::Status(429)
            .message()
            .starts_with("Troppe richieste"));
    }
}
