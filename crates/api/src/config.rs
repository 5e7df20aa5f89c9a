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
    /// Database pool size.
    pub pool_size: u32,
    /// Milliseconds between dispatcher runs; 0 disables the dispatcher (tests drive it).
    pub dispatch_interval_ms: u64,
}

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

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &'static str) -> Result<bool, ConfigError> {
    match var(name).as_deref() {
        None | Some("0") | Some("false") | Some("no") => Ok(false),
        Some("1") | Some("true") | Some("yes") => Ok(true),
        Some(other) => Err(ConfigError::Invalid {
            name,
            reason: format!("expected 1/0/true/false, got {other:?}"),
        }),
    }
}

fn number<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError> {
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
        let data_dir = PathBuf::from(var("COMBIPAT_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("combipat.sqlite3").display()));
        let sandbox = demo || flag("COMBIPAT_SANDBOX")?;
        let jwt_secret = match var("COMBIPAT_JWT_SECRET") {
            Some(secret) => secret,
            None if sandbox => DEFAULT_JWT_SECRET.to_owned(),
            None => return Err(ConfigError::WeakSecret),
        };
        if !sandbox && (jwt_secret.len() < MIN_SECRET_LEN || jwt_secret == DEFAULT_JWT_SECRET) {
            return Err(ConfigError::WeakSecret);
        }
        Ok(Config {
            database_url,
            bind: var("COMBIPAT_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            jwt_secret: Secret::new(jwt_secret),
            data_dir,
            static_dir: PathBuf::from(var("COMBIPAT_STATIC_DIR").unwrap_or_else(|| "dist".into())),
            demo,
            sandbox,
            access_token_ttl_secs: number("COMBIPAT_ACCESS_TOKEN_TTL_SECS", 900)?,
            refresh_token_ttl_secs: number("COMBIPAT_REFRESH_TOKEN_TTL_SECS", 8 * 3600)?,
            login_per_user_per_minute: number("COMBIPAT_LOGIN_PER_USER_PER_MINUTE", 10)?,
            login_per_ip_per_minute: number("COMBIPAT_LOGIN_PER_IP_PER_MINUTE", 60)?,
            pool_size: number("COMBIPAT_POOL_SIZE", 16)?,
            dispatch_interval_ms: number("COMBIPAT_DISPATCH_INTERVAL_MS", 2000)?,
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
        }
    }
}
