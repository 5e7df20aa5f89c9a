//! HTTP API of Scrivi alla sede: an actix-web application documented with utoipa, serving the
//! SPA from the same origin.

pub mod appointments;
pub mod audit;
pub mod auth;
pub mod blobs;
pub mod config;
pub mod dto;
pub mod error;
pub mod etag;
pub mod extract;
pub mod handlers;
pub mod idempotency;
pub mod jobs;
pub mod openapi;
pub mod pagination;
pub mod panics;
pub mod reference;
pub mod requests;
pub mod routes;
pub mod routing;
pub mod state;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, DefaultHeaders, Logger};
use actix_web::{web, App, HttpResponse, HttpServer};
use utoipa::{Modify, OpenApi as _};
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::config::Config;
use crate::openapi::{ApiDoc, SecurityAndErrors};
use crate::routes::RouteTable;
use crate::state::{AppState, SandboxClock};

/// Directory of the built SPA.
#[derive(Debug, Clone)]
pub struct StaticDir(pub PathBuf);

/// The complete OpenAPI document, as generated from the handlers.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(routes::root)
        .service(routes::api_scope())
        .split_for_parts();
    SecurityAndErrors.modify(&mut doc);
    doc
}

/// Opens the database, applies migrations, loads reference data at first start and the demo
/// data when asked. Blocking: call before starting the server.
pub fn prepare_database(config: &Config) -> Result<db::Pool, db::DbError> {
    if let Some(parent) = sqlite_parent(&config.database_url) {
        std::fs::create_dir_all(parent).map_err(|e| db::DbError::Connect(e.to_string()))?;
    }
    let pool = db::build_pool(&config.database_url, config.pool_size)?;
    let mut conn = pool.get()?;
    db::run_migrations(&mut conn)?;
    let filled = db::search::backfill(&mut conn)?;
    if filled > 0 {
        tracing::info!(filled, "search terms computed for stored requests");
    }
    if db::seed::load_reference_data(&mut conn)? {
        tracing::info!("reference data loaded (territory, INPS offices, topics)");
    }
    if config.demo && db::seed::seed_demo(&mut conn, chrono::Utc::now().naive_utc())? {
        tracing::info!("demo data loaded");
    }
    Ok(pool)
}

fn sqlite_parent(url: &str) -> Option<PathBuf> {
    if db::Backend::from_url(url) != db::Backend::Sqlite {
        return None;
    }
    let path = PathBuf::from(url.strip_prefix("sqlite://").unwrap_or(url));
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(PathBuf::from)
}

/// The state of a server built from `config`: sandbox servers get a movable clock.
pub fn state_for(pool: db::Pool, config: Config) -> AppState {
    let sandbox = config.sandbox.then(|| Arc::new(SandboxClock::real()));
    AppState::new(pool, config, sandbox)
}

/// Runs `server` until a graceful stop (SIGTERM, SIGINT, its handle), then writes the read
/// entries still queued for the audit trail.
pub async fn serve_until_stopped(server: Server, audit: audit::Trail) -> std::io::Result<()> {
    server.await?;
    audit.flush().await.map_err(std::io::Error::other)
}

/// Builds the HTTP server on an already bound listener (port 0 in tests).
pub fn server(state: AppState, listener: TcpListener) -> std::io::Result<Server> {
    let doc = openapi();
    let route_table = web::Data::new(RouteTable::from_openapi(&doc));
    let static_dir = web::Data::new(StaticDir(state.config.static_dir.clone()));
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        let serve_spa = static_dir.0.join("index.html").is_file();
        let app = App::new()
            .app_data(state.clone())
            .app_data(route_table.clone())
            .app_data(static_dir.clone())
            .app_data(extract::json_config())
            .app_data(extract::query_config())
            .app_data(extract::path_config())
            .wrap(actix_web::middleware::from_fn(etag::conditional_get))
            .wrap(actix_web::middleware::from_fn(routes::spa_headers))
            .wrap(actix_web::middleware::from_fn(panics::catch_panics))
            .wrap(Compress::default())
            .wrap(
                DefaultHeaders::new()
                    .add(("X-Content-Type-Options", "nosniff"))
                    .add(("Referrer-Policy", "no-referrer"))
                    .add(("X-Frame-Options", "DENY")),
            )
            .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
            .into_utoipa_app()
            .configure(routes::root)
            .service(routes::api_scope())
            .into_app()
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", doc.clone()))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/api/docs/"))
                        .finish()
                }),
            );
        // Unmatched paths and methods (also of the probes at the root) get the fallback: 405
        // with `Allow` or 404 problem documents for the API, the SPA for its own routes.
        let app = app.default_service(actix_web::dev::fn_service(routes::fallback));
        if serve_spa {
            app.service(
                actix_files::Files::new("/", static_dir.0.clone())
                    .index_file("index.html")
                    .use_etag(true)
                    .default_handler(actix_web::dev::fn_service(routes::fallback)),
            )
        } else {
            app
        }
    })
    .listen(listener)?
    .run();
    Ok(server)
}
