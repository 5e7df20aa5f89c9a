//! `combipat`: serve the API and SPA, migrate, seed, or print the OpenAPI document.

use std::net::TcpListener;
use std::process::ExitCode;

use api::config::Config;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "combipat",
    version,
    about = "Scrivi alla sede — Patronati ↔ INPS"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (API, docs and SPA) on COMBIPAT_BIND.
    Serve {
        /// Load demo data and enable the sandbox clock.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and load reference data.
    Migrate,
    /// Load reference data and, with --demo, the demo data (idempotent).
    Seed {
        /// Also load the demo users, citizens and practices.
        #[arg(long)]
        demo: bool,
        /// Then add N generated requests with their conversations, users and citizens, for
        /// load tests (implies --demo; once per database).
        #[arg(long, value_name = "N")]
        bulk: Option<usize>,
    },
    /// Print the OpenAPI document.
    Openapi,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    api::panics::log_panics();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("combipat: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Openapi => {
            let doc = api::openapi().to_pretty_json().map_err(|e| e.to_string())?;
            println!("{doc}");
            Ok(())
        }
        Command::Migrate => {
            let config = Config::from_env(true).map_err(|e| e.to_string())?;
            api::prepare_database(&Config {
                demo: false,
                ..config
            })
            .map_err(|e| e.to_string())?;
            Ok(())
        }
        Command::Seed { demo, bulk } => {
            let config = Config::from_env(true).map_err(|e| e.to_string())?;
            // Bulk requests are written by the demo users too, so the demo data comes first.
            let demo = demo || bulk.is_some();
            let pool =
                api::prepare_database(&Config { demo, ..config }).map_err(|e| e.to_string())?;
            if let Some(n) = bulk {
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                tracing::info!(requests = n, "bulk seed started");
                let report = db::seed::seed_bulk(&mut conn, n, chrono::Utc::now().naive_utc())
                    .map_err(|e| e.to_string())?;
                tracing::info!(
                    requests = report.requests,
                    messages = report.messages,
                    reminders = report.reminders,
                    citizens = report.citizens,
                    users = report.users,
                    patronato_offices = report.patronato_offices,
                    elapsed_ms = report.elapsed_ms,
                    "bulk data loaded in {:.1} s",
                    report.elapsed_ms as f64 / 1000.0
                );
            }
            Ok(())
        }
        Command::Serve { demo } => {
            let config = Config::from_env(demo).map_err(|e| e.to_string())?;
            let pool = api::prepare_database(&config).map_err(|e| e.to_string())?;
            let listener = TcpListener::bind(&config.bind)
                .map_err(|e| format!("cannot listen on {}: {e}", config.bind))?;
            tracing::info!(
                bind = %config.bind,
                database = db::Backend::from_url(&config.database_url).name(),
                sandbox = config.sandbox,
                "Scrivi alla sede is listening: http://{}/ (docs at /api/docs/)",
                config.bind
            );
            api::blobs::Blobs::from_config(&config.blobs)
                .map_err(|e| format!("cannot open the blob store: {e}"))?;
            let dispatch_every = config.dispatch_interval_ms;
            let cleanup_every = config.draft_cleanup_interval_secs;
            let state = api::state_for(pool.clone(), config);
            if dispatch_every > 0 {
                api::jobs::dispatcher::spawn(
                    pool,
                    state.clock.clone(),
                    std::time::Duration::from_millis(dispatch_every),
                );
            }
            actix_web::rt::System::new()
                .block_on(async move {
                    if cleanup_every > 0 {
                        api::jobs::drafts::spawn(
                            state.clone(),
                            std::time::Duration::from_secs(cleanup_every),
                        );
                    }
                    let audit = state.audit.clone();
                    api::serve_until_stopped(api::server(state, listener)?, audit).await
                })
                .map_err(|e| e.to_string())
        }
    }
}
