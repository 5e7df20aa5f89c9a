//! Configuration from the environment, parsed once at start.

use std::fmt;
use std::path::PathBuf;

/// The JWT signing secret; never printed.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret's bytes, for the signing key.
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The secret used when none is configured: accepted only in demo and sandbox mode.
pub const DEFAULT_JWT_SECRET: &str = "combipat-demo-secret-do-not-use-in-production";
/// Shortest secret accepted outside demo and sandbox mode.
pub const MIN_SECRET_LEN: usize = 32;

/// Where attachment contents are kept.
#[derive(Clone, Debug)]
pub enum BlobConfig {
    /// A local directory (the embedded default).
    Local(PathBuf),
    /// An S3-compatible object store.
    S3(S3Config),
}

/// An S3-compatible bucket.
#[derive(Clone, Debug)]
pub struct S3Config {
    /// Bucket name.
    pub bucket: String,
    /// Endpoint URL (MinIO, Ceph, a test server); AWS when absent.
    pub endpoint: Option<String>,
    /// Region.
    pub region: String,
    /// Access key id; from the instance's credentials when absent.
    pub access_key_id: Option<String>,
    /// Secret access key.
    pub secret_access_key: Option<Secret>,
    /// Whether a plain `http://` endpoint is accepted (a local test server).
    pub allow_http: bool,
}

impl Secret {
    /// The secret as text, for the clients that take it so.
    pub fn expose_str(&self) -> &str {
        &self.0
    }
}

/// Everything the server needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://path`, a file path, or `postgres://…`.
    pub database_url: String,
    /// Address to listen on.
    pub bind: String,
    /// JWT signing secret.
    pub jwt_secret: Secret,
    /// Directory for the SQLite file and the blob store.
    pub data_dir: PathBuf,
    /// Directory of the built SPA served at `/`.
    pub static_dir: PathBuf,
    /// Demo mode: demo data loaded, sandbox on.
    pub demo: bool,
    /// Sandbox mode: the test clock endpoints exist.
    pub sandbox: bool,
    /// Access-token lifetime in seconds.
    pub access_token_ttl_secs: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_token_ttl_secs: u64,
    /// Sign-in attempts allowed per username per minute.
    pub login_per_user_per_minute: u32,
    /// Sign-in attempts allowed per client IP per minute.
    pub login_per_ip_per_minute: u32,
    /// Database pool size (`COMBIPAT_POOL_SIZE`, by default two per core).
    pub pool_size: u32,
    /// Milliseconds between dispatcher runs; 0 disables the dispatcher (tests drive it).
    pub dispatch_interval_ms: u64,
    /// Longest wait, in milliseconds, of a read entry of the audit trail before it is written:
    /// the most of the read trail a crash can lose.
    pub audit_flush_ms: u64,
    /// Base URL of the web meeting rooms: each appointment by web meeting gets
    /// `<base>/<unguessable token>`.
    pub meeting_base_url: String,
    /// The blob store of attachment contents.
    pub blobs: BlobConfig,
    /// Seconds between runs of the cleanup of expired draft attachments; 0 disables it (tests
    /// drive it).
    pub draft_cleanup_interval_secs: u64,
}

/// Where web meeting rooms live unless `COMBIPAT_MEETING_BASE_URL` says otherwise.
pub const DEFAULT_MEETING_BASE_URL: &str = "https://meet.scrivi-alla-sede.inps.it/r";

/// Why the configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// A variable has a value that cannot be used.
    #[error("{name}: {reason}")]
    Invalid {
        /// Variable name.
        name: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Outside demo and sandbox mode a real secret is mandatory.
    #[error(
        "COMBIPAT_JWT_SECRET must be set to a random secret of at least {MIN_SECRET_LEN} characters \
         (the default secret is only accepted with --demo or COMBIPAT_SANDBOX=1)"
    )]
    WeakSecret,
}

/// Where variables come from: the process environment, or a map in tests.
type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

fn flag(var: Lookup, name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref() {
        None | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(other) => Err(ConfigError::Invalid {
            name,
            reason: format!("expected 1/0/true/false, got {other:?}"),
        }),
    }
}

/// Connections to the database unless `COMBIPAT_POOL_SIZE` says otherwise: two per core of
/// this machine. More connections than there are cores to run them only queue inside the
/// database, and the queue shows as tail latency: `just bench` at 1M on two cores measured the
/// detail's p99 at 40.9 ms with 16 connections and 16.3 ms with 4, at 3936 and 4238 req/s. A
/// database on a larger machine wants the variable set to its own cores.
fn default_pool_size() -> u32 {
    std::thread::available_parallelism().map_or(4, |cores| {
        u32::try_from(cores.get() * 2).unwrap_or(u32::MAX)
    })
}

fn number<T: std::str::FromStr>(
    var: Lookup,
    name: &'static str,
    default: T,
) -> Result<T, ConfigError> {
    match var(name) {
        None => Ok(default),
        Some(text) => text.parse().map_err(|_| ConfigError::Invalid {
            name,
            reason: format!("not a number: {text:?}"),
        }),
    }
}

impl Config {
    /// Reads the environment; `demo` comes from the command line (`serve --demo`).
    pub fn from_env(demo: bool) -> Result<Config, ConfigError> {
        let lookup = |name: &str| std::env::var(name).ok();
        Config::from_vars(demo, &lookup)
    }

    /// Reads the configuration from `lookup` (blank values count as unset).
    pub fn from_vars(demo: bool, lookup: Lookup) -> Result<Config, ConfigError> {
        let var = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("COMBIPAT_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("combipat.sqlite3").display()));
        let sandbox = flag(&var, "COMBIPAT_SANDBOX")? || demo;
        let jwt_secret = match var("COMBIPAT_JWT_SECRET") {
            Some(secret) => secret,
            None if sandbox => DEFAULT_JWT_SECRET.to_owned(),
            None => return Err(ConfigError::WeakSecret),
        };
        if !sandbox && (jwt_secret.len() < MIN_SECRET_LEN || jwt_secret == DEFAULT_JWT_SECRET) {
            return Err(ConfigError::WeakSecret);
        }
        let blobs = match var("COMBIPAT_S3_BUCKET") {
            Some(bucket) => {
                let endpoint = var("COMBIPAT_S3_ENDPOINT");
                BlobConfig::S3(S3Config {
                    bucket,
                    allow_http: endpoint
                        .as_deref()
                        .is_some_and(|e| e.starts_with("http://")),
                    endpoint,
                    region: var("COMBIPAT_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
                    access_key_id: var("COMBIPAT_S3_ACCESS_KEY_ID"),
                    secret_access_key: var("COMBIPAT_S3_SECRET_ACCESS_KEY").map(Secret::new),
                })
            }
            None => BlobConfig::Local(
                var("COMBIPAT_BLOB_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| data_dir.join("blobs")),
            ),
        };
        Ok(Config {
            blobs,
            draft_cleanup_interval_secs: number(&var, "COMBIPAT_DRAFT_CLEANUP_INTERVAL_SECS", 600)?,
            database_url,
            bind: var("COMBIPAT_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            jwt_secret: Secret::new(jwt_secret),
            data_dir,
            static_dir: PathBuf::from(var("COMBIPAT_STATIC_DIR").unwrap_or_else(|| "dist".into())),
            demo,
            sandbox,
            access_token_ttl_secs: number(&var, "COMBIPAT_ACCESS_TOKEN_TTL_SECS", 900)?,
            refresh_token_ttl_secs: number(&var, "COMBIPAT_REFRESH_TOKEN_TTL_SECS", 8 * 3600)?,
            login_per_user_per_minute: number(&var, "COMBIPAT_LOGIN_PER_USER_PER_MINUTE", 10)?,
            login_per_ip_per_minute: number(&var, "COMBIPAT_LOGIN_PER_IP_PER_MINUTE", 60)?,
            pool_size: number(&var, "COMBIPAT_POOL_SIZE", default_pool_size())?,
            dispatch_interval_ms: number(&var, "COMBIPAT_DISPATCH_INTERVAL_MS", 2000)?,
            audit_flush_ms: number(&var, "COMBIPAT_AUDIT_FLUSH_MS", 100)?,
            meeting_base_url: var("COMBIPAT_MEETING_BASE_URL")
                .unwrap_or_else(|| DEFAULT_MEETING_BASE_URL.into()),
        })
    }

    /// A configuration for tests and tools: sandbox on, the given database, nothing from the
    /// environment.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_owned(),
            bind: "127.0.0.1:0".into(),
            jwt_secret: Secret::new("test-secret-test-secret-test-secret!"),
            data_dir: std::env::temp_dir(),
            static_dir: PathBuf::from("dist"),
            demo: true,
            sandbox: true,
            access_token_ttl_secs: 900,
            refresh_token_ttl_secs: 3600,
            login_per_user_per_minute: 10,
            login_per_ip_per_minute: 1000,
            pool_size: 4,
            dispatch_interval_ms: 0,
            audit_flush_ms: 100,
            meeting_base_url: DEFAULT_MEETING_BASE_URL.into(),
            blobs: BlobConfig::Local(std::env::temp_dir().join("combipat-blobs")),
            draft_cleanup_interval_secs: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bucket_selects_s3_and_a_local_endpoint_allows_http() {
        let c = config(
            true,
            &[
                ("COMBIPAT_S3_BUCKET", "allegati"),
                ("COMBIPAT_S3_ENDPOINT", "http://127.0.0.1:5055"),
            ],
        );
        assert!(matches!(
            c.map(|c| c.blobs),
            Ok(BlobConfig::S3(S3Config { ref bucket, allow_http: true, .. })) if bucket == "allegati"
        ));
    }

    use super::*;

    fn config(demo: bool, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let lookup = move |name: &str| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        Config::from_vars(demo, &lookup)
    }

    #[test]
    fn production_refuses_a_missing_default_or_short_secret() {
        assert!(matches!(config(false, &[]), Err(ConfigError::WeakSecret)));
        assert!(matches!(
            config(false, &[("COMBIPAT_JWT_SECRET", "short")]),
            Err(ConfigError::WeakSecret)
        ));
        assert!(matches!(
            config(false, &[("COMBIPAT_JWT_SECRET", DEFAULT_JWT_SECRET)]),
            Err(ConfigError::WeakSecret)
        ));
        let strong = "0123456789abcdef0123456789abcdef";
        let ok = config(false, &[("COMBIPAT_JWT_SECRET", strong)]);
        assert!(matches!(ok, Ok(ref c) if !c.sandbox && !c.demo));
    }

    #[test]
    fn demo_and_sandbox_accept_the_default_secret() {
        assert!(matches!(config(true, &[]), Ok(ref c) if c.sandbox));
        assert!(matches!(config(false, &[("COMBIPAT_SANDBOX", "1")]), Ok(ref c) if c.sandbox));
    }

    #[test]
    fn defaults_and_bad_numbers() {
        let c = config(true, &[]).ok();
        assert_eq!(c.as_ref().map(|c| c.bind.as_str()), Some("127.0.0.1:8080"));
        assert_eq!(c.as_ref().map(|c| c.pool_size), Some(default_pool_size()));
        assert_eq!(
            c.map(|c| c.database_url),
            Some("sqlite://data/combipat.sqlite3".to_owned())
        );
        assert!(matches!(
            config(true, &[("COMBIPAT_POOL_SIZE", "many")]),
            Err(ConfigError::Invalid {
                name: "COMBIPAT_POOL_SIZE",
                ..
            })
        ));
        assert!(matches!(
            config(true, &[]).map(|c| c.blobs),
            Ok(BlobConfig::Local(dir)) if dir == std::path::Path::new("data/blobs")
        ));
        assert!(matches!(
            config(true, &[("COMBIPAT_SANDBOX", "maybe")]),
            Err(ConfigError::Invalid { .. })
        ));
    }
}
