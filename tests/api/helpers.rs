//! The `TestApp` harness.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use api::config::Config;
use api::state::{AppState, SandboxClock};
use chrono::{DateTime, TimeZone, Utc};
use diesel::connection::SimpleConnection;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

/// The instant every test starts at (a Monday morning in Rome).
pub fn start_instant() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// Demo password.
pub const PASSWORD: &str = "combipat-demo";

enum Template {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

static TEMPLATE: OnceLock<Template> = OnceLock::new();
static COUNTER: AtomicU64 = AtomicU64::new(0);
/// PostgreSQL refuses to copy a template that another CREATE DATABASE is copying.
static CREATE_DATABASE: Mutex<()> = Mutex::new(());

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

fn seeded(url: &str) -> db::Pool {
    let mut config = Config::for_tests(url);
    config.pool_size = 2;
    api::prepare_database(&config).unwrap_or_else(|e| panic!("preparing {url}: {e}"))
}

fn postgres_url(admin_url: &str, database: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{database}"),
        None => panic!("TEST_DATABASE_URL must end with /<database>"),
    }
}

/// A migrated, seeded database that every test copies: the reference data load and the demo
/// password hashing happen once per test binary.
fn template() -> &'static Template {
    TEMPLATE.get_or_init(|| match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            let name = unique("combipat_tpl");
            let admin = db::build_pool(&admin_url, 1).expect("admin connection");
            let mut conn = admin.get().expect("admin connection");
            conn.batch_execute(&format!("CREATE DATABASE {name}"))
                .expect("create template database");
            drop(seeded(&postgres_url(&admin_url, &name)));
            Template::Postgres { admin_url, name }
        }
        _ => {
            let dir = std::env::temp_dir().join(unique("combipat_tpl"));
            std::fs::create_dir_all(&dir).expect("template dir");
            let path = dir.join("template.sqlite3");
            let pool = seeded(path.to_str().expect("utf-8 path"));
            pool.get()
                .expect("connection")
                .batch_execute("PRAGMA wal_checkpoint(TRUNCATE);")
                .expect("checkpoint");
            drop(pool);
            Template::Sqlite(path)
        }
    })
}

/// A fresh database copied from the template; returns its URL.
pub fn fresh_database() -> String {
    match template() {
        Template::Sqlite(path) => {
            let dir = std::env::temp_dir().join(unique("combipat_test"));
            std::fs::create_dir_all(&dir).expect("test dir");
            let copy = dir.join("test.sqlite3");
            std::fs::copy(path, &copy).expect("copy template");
            copy.to_str().expect("utf-8 path").to_owned()
        }
        Template::Postgres { admin_url, name } => {
            let database = unique("combipat_test");
            let _guard = CREATE_DATABASE.lock().unwrap_or_else(|e| e.into_inner());
            let admin = db::build_pool(admin_url, 1).expect("admin connection");
            admin
                .get()
                .expect("admin connection")
                .batch_execute(&format!("CREATE DATABASE {database} TEMPLATE {name}"))
                .expect("create test database");
            postgres_url(admin_url, &database)
        }
    }
}

/// Whether the suite runs on PostgreSQL.
pub fn on_postgres() -> bool {
    matches!(template(), Template::Postgres { .. })
}

/// A running server with its own database and a frozen, movable clock.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// Shared HTTP client.
    pub client: reqwest::Client,
    /// The clock every rule reads.
    pub clock: Arc<SandboxClock>,
    /// Direct access to the database, for assertions.
    pub pool: db::Pool,
    /// The state the server runs with (same pool and clock).
    pub state: AppState,
}

impl TestApp {
    /// A sandbox server.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(|_| {}).await
    }

    /// A server whose configuration `tweak` may change (e.g. sandbox off).
    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> TestApp {
        let url = fresh_database();
        let mut config = Config::for_tests(&url);
        config.demo = false;
        tweak(&mut config);
        let pool = db::build_pool(&url, config.pool_size).expect("pool");
        let clock = Arc::new(SandboxClock::frozen(start_instant()));
        let sandbox = config.sandbox.then(|| clock.clone());
        let state = AppState::new(pool.clone(), config, sandbox);
        let listener = TcpListener::bind("127.0.0.1:0").expect("free port");
        let port = listener.local_addr().expect("address").port();
        let server = api::server(state.clone(), listener).expect("server");
        actix_web::rt::spawn(server);
        TestApp {
            address: format!("http://127.0.0.1:{port}"),
            // Below the server's keep-alive (5 s), so an idle connection is never reused just
            // as the server closes it.
            client: reqwest::Client::builder()
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("client"),
            clock,
            pool,
            state,
        }
    }

    /// Full URL of an API path (`/api/v1` prefix added to paths not starting with `/api` or a
    /// probe).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("/api") || path.starts_with("/health") || path.starts_with("/ready") {
            format!("{}{path}", self.address)
        } else {
            format!("{}/api/v1{path}", self.address)
        }
    }

    /// Signs in and returns the token response, or the problem document.
    pub async fn sign_in(&self, username: &str, profile: Option<&str>) -> (StatusCode, Value) {
        let mut body = json!({"username": username, "password": PASSWORD});
        if let Some(profile) = profile {
            body["profile"] = json!(profile);
        }
        let response = self
            .client
            .post(self.url("/auth/token"))
            .json(&body)
            .send()
            .await
            .expect("request");
        split(response).await
    }

    /// A session of a demo user working as `profile` (or its only profile).
    pub async fn session(&self, username: &str, profile: Option<&str>) -> Session<'_> {
        let (status, body) = self.sign_in(username, profile).await;
        assert_eq!(status, StatusCode::OK, "sign-in of {username}: {body}");
        Session {
            app: self,
            token: body["access_token"].as_str().expect("token").to_owned(),
        }
    }

    /// operatore1 (INCA CGIL Roma).
    pub async fn operator(&self) -> Session<'_> {
        self.session("operatore1", None).await
    }

    /// operatore3 (ACLI Milano, another patronato).
    pub async fn other_patronato(&self) -> Session<'_> {
        self.session("operatore3", None).await
    }

    /// referente1 working as regional referent (Lazio).
    pub async fn referent(&self) -> Session<'_> {
        self.session("referente1", Some("regional_referent")).await
    }

    /// funzionario1 (POMEZIA).
    pub async fn official(&self) -> Session<'_> {
        self.session("funzionario1", None).await
    }

    /// A request without credentials.
    pub async fn anonymous(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        split(request.send().await.expect("request")).await
    }
}

/// A signed-in client.
pub struct Session<'a> {
    app: &'a TestApp,
    /// The access token.
    pub token: String,
}

impl Session<'_> {
    /// GET with the bearer token.
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    /// POST JSON with the bearer token.
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    /// Any method, optional JSON body.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .app
            .client
            .request(method, self.app.url(path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        split(request.send().await.expect("request")).await
    }
}

/// Status and JSON body (Null when empty).
pub async fn split(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    (status, value)
}

/// Asserts a problem document with this status and code; returns it.
#[track_caller]
pub fn assert_problem(result: &(StatusCode, Value), status: u16, code: &str) -> Value {
    let (actual, body) = result;
    assert_eq!(actual.as_u16(), status, "unexpected status, body: {body}");
    assert_eq!(body["code"], code, "unexpected code, body: {body}");
    assert_eq!(body["status"], status);
    assert!(
        body["type"].as_str().is_some_and(|t| t.ends_with(code)),
        "type URI: {body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "detail missing: {body}"
    );
    body.clone()
}

/// The id of a topic by code.
pub async fn topic_id(session: &Session<'_>, code: &str) -> i64 {
    let (_, page) = session.get("/topics?limit=200").await;
    page["items"]
        .as_array()
        .and_then(|items| items.iter().find(|t| t["code"] == code))
        .and_then(|t| t["id"].as_i64())
        .unwrap_or_else(|| panic!("topic {code} missing"))
}

/// The registry id of the first person with this CF and surname.
pub async fn citizen_id(session: &Session<'_>, cf: &str, surname: &str) -> i64 {
    let (_, matches) = session.get(&format!("/citizens?cf={cf}")).await;
    matches["items"]
        .as_array()
        .and_then(|items| items.iter().find(|c| c["surname"] == surname))
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("citizen {surname} {cf} missing"))
}
