//! The only place that composes routes: API scopes, docs, probes, the SPA and the fallback.

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::{web, HttpResponse, Responder};
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;
use crate::handlers;

/// Everything under `/api/v1`.
pub fn api_v1(cfg: &mut ServiceConfig) {
    cfg.service(handlers::auth::create_token)
        .service(handlers::auth::refresh_token)
        .service(handlers::auth::logout)
        .service(handlers::me::show_me)
        .service(handlers::territory::list_regions)
        .service(handlers::territory::list_provinces)
        .service(handlers::territory::list_comuni)
        .service(handlers::offices::list_offices)
        .service(handlers::offices::show_office)
        .service(handlers::topics::list_topics)
        .service(handlers::citizens::search_citizens)
        .service(handlers::practices::verify_practice)
        .service(handlers::routing::preview_routing)
        .service(handlers::requests::create::create_request)
        .service(handlers::requests::list::list_requests)
        .service(handlers::requests::detail::show_request)
        .service(handlers::requests::messages::list_messages)
        .service(handlers::requests::messages::send_message)
        .service(handlers::requests::inps::take_request)
        .service(handlers::requests::inps::transfer_request)
        .service(handlers::requests::reminders::list_reminders)
        .service(handlers::requests::reminders::send_reminder)
        .service(handlers::requests::summary::print_request)
        .service(handlers::agenda::list_points)
        .service(handlers::agenda::create_point)
        .service(handlers::agenda::create_slots)
        .service(handlers::agenda::list_slots)
        .service(handlers::appointments::show_eligibility)
        .service(handlers::appointments::book_appointment)
        .service(handlers::appointments::list_appointments)
        .service(handlers::appointments::show_appointment)
        .service(handlers::appointments::cancel_appointment)
        .service(handlers::appointments::appointment_calendar)
        .service(handlers::appointments::join_appointment)
        .service(handlers::requests::attachments::add_attachments)
        .service(handlers::attachments::upload_attachment)
        .service(handlers::attachments::download_attachment)
        .service(handlers::attachments::remove_attachment)
        .service(handlers::answers::recent_answers)
        .service(handlers::statistics::show_statistics)
        .service(handlers::audit::list_audit)
        .service(handlers::sandbox::show_clock)
        .service(handlers::sandbox::advance_clock);
}

/// Probes at the root.
pub fn root(cfg: &mut ServiceConfig) {
    cfg.service(handlers::system::health)
        .service(handlers::system::ready)
        .service(handlers::system::status);
}

/// The versioned API scope.
pub fn api_scope() -> utoipa_actix_web::scope::Scope<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    scope("/api/v1")
        .configure(api_v1)
        .default_service(actix_web::dev::fn_service(fallback))
}

/// Paths and methods of the API, from the OpenAPI document, to tell a wrong method (405) from
/// a wrong path (404).
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<Method>)>,
}

impl RouteTable {
    /// The table of a generated document.
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                if item.get.is_some() {
                    methods.push(Method::GET);
                }
                if item.post.is_some() {
                    methods.push(Method::POST);
                }
                if item.put.is_some() {
                    methods.push(Method::PUT);
                }
                if item.patch.is_some() {
                    methods.push(Method::PATCH);
                }
                if item.delete.is_some() {
                    methods.push(Method::DELETE);
                }
                (segments, methods)
            })
            .collect();
        RouteTable { routes }
    }

    /// The methods a concrete path accepts, if the path exists.
    pub fn methods_for(&self, path: &str) -> Option<Vec<Method>> {
        let wanted: Vec<&str> = path.split('/').collect();
        let mut found: Option<Vec<Method>> = None;
        for (segments, methods) in &self.routes {
            let matches = segments.len() == wanted.len()
                && segments.iter().zip(&wanted).all(|(pattern, actual)| {
                    (pattern.starts_with('{') && !actual.is_empty()) || pattern == actual
                });
            if matches {
                found
                    .get_or_insert_with(Vec::new)
                    .extend(methods.iter().cloned());
            }
        }
        found
    }
}

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || matches!(path, "/health" | "/ready" | "/status")
}

/// A file of the built SPA rather than one of its client-side routes: a missing one is a 404,
/// never `index.html` (a script answered with HTML fails in confusing ways).
fn is_asset_path(path: &str) -> bool {
    ["/pkg/", "/static/", "/bootstrap-italia/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

/// The SPA's pages load only what our own origin serves; the wasm module needs
/// `'wasm-unsafe-eval'`. Bootstrap Italia's stylesheet embeds icons and one font as `data:` URLs.
pub const SPA_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' \
    'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; \
    connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
    frame-ancestors 'none'";

/// Adds the Content-Security-Policy to every HTML page outside `/api` (the SPA).
pub async fn spa_headers(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let api = is_api_path(req.path());
    let mut response = next.call(req).await?;
    let html = response
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !api && html {
        response.headers_mut().insert(
            actix_web::http::header::CONTENT_SECURITY_POLICY,
            actix_web::http::header::HeaderValue::from_static(SPA_CONTENT_SECURITY_POLICY),
        );
    }
    Ok(response)
}

/// What answers when no route matched: 405 or 404 problem documents for the API, the SPA's
/// `index.html` for client-side routes.
pub async fn fallback(req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _payload) = req.into_parts();
    let path = req.path().to_owned();
    if is_api_path(&path) {
        let table = req.app_data::<web::Data<RouteTable>>();
        let error = match table.and_then(|t| t.methods_for(&path)) {
            Some(methods) if !methods.contains(req.method()) => ApiError::MethodNotAllowed {
                allow: methods.iter().map(|m| m.to_string()).collect(),
            },
            _ => ApiError::not_found("not_found", "La risorsa richiesta non esiste."),
        };
        return Ok(ServiceResponse::new(
            req,
            actix_web::ResponseError::error_response(&error),
        ));
    }
    let index = req
        .app_data::<web::Data<crate::StaticDir>>()
        .map(|dir| dir.0.join("index.html"));
    let response = match index {
        Some(index)
            if matches!(*req.method(), Method::GET | Method::HEAD)
                && !is_asset_path(&path)
                && index.is_file() =>
        {
            match actix_files::NamedFile::open(index) {
                Ok(file) => file
                    .use_etag(true)
                    .customize()
                    .insert_header(("Cache-Control", "no-cache"))
                    .respond_to(&req)
                    .map_into_boxed_body(),
                Err(_) => HttpResponse::NotFound().finish(),
            }
        }
        _ => actix_web::ResponseError::error_response(&ApiError::not_found(
            "not_found",
            "La pagina richiesta non esiste.",
        )),
    };
    Ok(ServiceResponse::new(req, response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_table_tells_wrong_methods_from_wrong_paths() {
        let table = RouteTable {
            routes: vec![
                (
                    "/api/v1/offices/{id}"
                        .split('/')
                        .map(str::to_owned)
                        .collect(),
                    vec![Method::GET],
                ),
                (
                    "/api/v1/auth/token".split('/').map(str::to_owned).collect(),
                    vec![Method::POST],
                ),
            ],
        };
        assert_eq!(
            table.methods_for("/api/v1/offices/12"),
            Some(vec![Method::GET])
        );
        assert_eq!(table.methods_for("/api/v1/offices/"), None);
        assert_eq!(
            table.methods_for("/api/v1/auth/token"),
            Some(vec![Method::POST])
        );
        assert_eq!(table.methods_for("/api/v1/nothing"), None);
    }

    #[test]
    fn spa_routes_are_not_assets() {
        assert!(!is_asset_path("/richieste/12"));
        assert!(!is_asset_path("/storico"));
        assert!(is_asset_path("/pkg/frontend.js"));
        assert!(is_asset_path("/static/missing.css"));
        assert!(is_asset_path("/favicon.ico"));
    }
}
