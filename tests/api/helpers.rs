//! The `TestApp` harness.

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use api::config::Config;
use api::state::{AppState, SandboxClock};
use chrono::{DateTime, TimeZone, Utc};
use client::{Client, Error};
use diesel::connection::SimpleConnection;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::Value;
use types::citizens::CitizenQuery;
use types::ids::{CitizenId, OfficeId, RequestId, TopicId};
use types::offices::OfficeQuery;
use types::problem::Problem;
use types::requests::{CreateRequest, PracticeRef, RequestDetail};
use types::topics::TopicQuery;
use types::{Motive, PracticeKind, Profile, RequestKind};

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
    /// Shared HTTP connection pool of every client of this app.
    pub http: reqwest::Client,
    /// The clock every rule reads.
    pub clock: Arc<SandboxClock>,
    /// Direct access to the database, for assertions.
    pub pool: db::Pool,
    /// The state the server runs with (same pool and clock).
    pub state: AppState,
    /// The directory of the local blob store (unless a test configured another store).
    pub blob_dir: PathBuf,
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
        let blob_dir = std::env::temp_dir().join(unique("combipat_blobs"));
        config.blobs = api::config::BlobConfig::Local(blob_dir.clone());
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
            http: reqwest::Client::builder()
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("client"),
            clock,
            pool,
            state,
            blob_dir,
        }
    }

    /// A typed client of this server, not signed in.
    pub fn client(&self) -> Client {
        Client::with_http(&self.address, self.http.clone())
    }

    /// A client signed in as a demo user working as `profile` (or its only profile).
    pub async fn session(&self, username: &str, profile: Option<Profile>) -> Client {
        let client = self.client();
        if let Err(error) = client.sign_in(username, PASSWORD, profile).await {
            panic!("sign-in of {username}: {error}");
        }
        client
    }

    /// operatore1 (INCA CGIL Roma).
    pub async fn operator(&self) -> Client {
        self.session("operatore1", None).await
    }

    /// operatore2, a colleague of operatore1 in the same office.
    pub async fn colleague(&self) -> Client {
        self.session("operatore2", None).await
    }

    /// operatore3 (ACLI Milano, another patronato).
    pub async fn other_patronato(&self) -> Client {
        self.session("operatore3", None).await
    }

    /// referente1 working as regional referent (Lazio).
    pub async fn referent(&self) -> Client {
        self.session("referente1", Some(Profile::RegionalReferent))
            .await
    }

    /// funzionario1 (POMEZIA).
    pub async fn official(&self) -> Client {
        self.session("funzionario1", None).await
    }

    /// Runs the dispatcher once at the clock's now; returns how many requests it assigned.
    pub fn dispatch(&self) -> usize {
        let mut conn = self.pool.get().unwrap();
        api::jobs::dispatcher::dispatch_all(&mut conn, domain::clock::Clock::now(&*self.clock))
            .unwrap()
    }

    /// Full URL of an API path (`/api/v1` prefix added to paths not starting with `/api` or a
    /// probe).
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("/api") || ["/health", "/ready", "/status"].contains(&path) {
            format!("{}{path}", self.address)
        } else {
            format!("{}/api/v1{path}", self.address)
        }
    }

    /// A raw request without credentials, for what no typed operation can say (malformed
    /// bodies, unknown fields, bad query strings, undeclared methods, headers).
    pub fn raw(&self, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, self.url(path))
    }

    /// A raw request with the access token of `session`.
    pub fn raw_as(&self, session: &Client, method: Method, path: &str) -> RequestBuilder {
        let token = session.access_token().expect("a signed-in client");
        self.raw(method, path).bearer_auth(token)
    }
}

/// Sends a raw request and reads the answer as the typed client does.
pub async fn send(request: RequestBuilder) -> client::Result<Value> {
    decode(request.send().await.expect("request")).await
}

/// The JSON body of a success (Null when empty), or `Error::Api` with the problem document.
pub async fn decode(response: Response) -> client::Result<Value> {
    let status = response.status();
    let text = response.text().await.expect("body");
    if status.is_success() {
        if text.is_empty() {
            return Ok(Value::Null);
        }
        return Ok(
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
        );
    }
    match serde_json::from_str::<Problem>(&text) {
        Ok(problem) => Err(Error::Api {
            status,
            problem: Box::new(problem),
        }),
        Err(_) => Err(Error::Unexpected { status, body: text }),
    }
}

/// Asserts a refusal with a problem document of this status and code; returns the document.
#[track_caller]
pub fn assert_problem(error: &Error, status: u16, code: &str) -> Problem {
    let Error::Api {
        status: actual,
        problem,
    } = error
    else {
        panic!("expected the problem {status} {code}, got {error:?}");
    };
    assert_eq!(actual.as_u16(), status, "unexpected status: {problem:?}");
    assert_eq!(problem.code, code, "unexpected code: {problem:?}");
    assert_eq!(problem.status, status, "status in the body: {problem:?}");
    assert!(problem.type_uri.ends_with(code), "type URI: {problem:?}");
    assert!(!problem.detail.is_empty(), "detail missing: {problem:?}");
    (**problem).clone()
}

/// The id of a topic by code.
pub async fn topic_id(session: &Client, code: &str) -> TopicId {
    let query = TopicQuery {
        limit: Some(200),
        ..Default::default()
    };
    let page = session.list_topics(&query).await.unwrap();
    page.items
        .iter()
        .find(|t| t.code == code)
        .map(|t| t.id)
        .unwrap_or_else(|| panic!("topic {code} missing"))
}

/// The registry id of the first person with this CF and surname.
pub async fn citizen_id(session: &Client, cf: &str, surname: &str) -> CitizenId {
    let query = CitizenQuery {
        cf: Some(cf.to_owned()),
        ..Default::default()
    };
    let matches = session.search_citizens(&query).await.unwrap();
    matches
        .items
        .iter()
        .find(|c| c.surname == surname)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("citizen {surname} {cf} missing"))
}

/// The first office the list answers for these filters.
pub async fn office_id(session: &Client, query: OfficeQuery) -> OfficeId {
    let page = session.list_offices(&query).await.unwrap();
    page.items
        .first()
        .map(|o| o.id)
        .unwrap_or_else(|| panic!("no office for {query:?}"))
}

/// Mario Bianchi's codice fiscale, which Mario Bianchini shares (omocodia).
pub const MARIO_CF: &str = "BNCMRA50A01H501U";

/// Mario Bianchi's registry id.
pub async fn mario(session: &Client) -> CitizenId {
    citizen_id(session, MARIO_CF, "BIANCHI").await
}

/// A citizen request with the delega declared about requirements and access: no practice.
pub fn question(citizen: CitizenId, topic: TopicId, text: &str) -> CreateRequest {
    CreateRequest {
        kind: RequestKind::Citizen,
        citizen_id: Some(citizen),
        delega_declared: Some(true),
        motive: Motive::RequirementsAndAccess,
        practice: None,
        topic_id: topic,
        text: text.to_owned(),
        notes: None,
        office_id: None,
        attachment_ids: Vec::new(),
    }
}

/// Mario Bianchi asks `text` about the topic `code`.
pub async fn mario_asks(session: &Client, code: &str, text: &str) -> CreateRequest {
    question(mario(session).await, topic_id(session, code).await, text)
}

/// Mario Bianchi's pension request: the state of his pension 12345678, with notes.
pub async fn mario_pension_request(session: &Client) -> CreateRequest {
    CreateRequest {
        motive: Motive::BenefitInProgressOrRejected,
        practice: Some(PracticeRef {
            kind: PracticeKind::Pension,
            number: "12345678".into(),
        }),
        notes: Some("Documentazione completa agli atti.".into()),
        ..mario_asks(
            session,
            "PENS_VECCHIAIA",
            "Si chiede lo stato della pratica di pensione del sig. Bianchi.",
        )
        .await
    }
}

/// Creates a request, asserting `201 Created`; returns its detail.
pub async fn create(session: &Client, body: &CreateRequest) -> RequestDetail {
    let created = session.create_request(body).await.unwrap();
    assert_eq!(created.status, StatusCode::CREATED);
    created.body
}

/// Sends Mario Bianchi's pension request; returns its id.
pub async fn send_mario_pension_request(session: &Client) -> RequestId {
    create(session, &mario_pension_request(session).await)
        .await
        .id
}

/// Requests stored in the database of `app`.
pub fn stored_requests(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    let mut conn = app.pool.get().unwrap();
    db::schema::requests::table
        .count()
        .get_result(&mut conn)
        .unwrap()
}
