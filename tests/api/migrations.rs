//! Migrations: the same folders on both backends, reversible.

use std::collections::BTreeSet;
use std::path::Path;

fn folders(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../migrations")
        .join(backend);
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn both_backends_have_the_same_migration_folders() {
    let sqlite = folders("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, folders("postgres"));
    for backend in ["sqlite", "postgres"] {
        for folder in folders(backend) {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../migrations")
                .join(backend)
                .join(&folder);
            assert!(dir.join("up.sql").is_file(), "{backend}/{folder}/up.sql");
            assert!(
                dir.join("down.sql").is_file(),
                "{backend}/{folder}/down.sql"
            );
        }
    }
}

#[test]
fn migrations_go_down_and_up_again() {
    let url = crate::helpers::fresh_database();
    let pool = db::build_pool(&url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    // The copy holds reference and demo data; reverting drops it all, then the schema returns.
    db::redo_all_migrations(&mut conn).unwrap();
    assert!(db::seed::load_reference_data(&mut conn).unwrap());
    assert!(
        !db::seed::load_reference_data(&mut conn).unwrap(),
        "idempotent"
    );
    let now = chrono::Utc::now().naive_utc();
    assert!(db::seed::seed_demo(&mut conn, now).unwrap());
    assert!(!db::seed::seed_demo(&mut conn, now).unwrap(), "idempotent");
}
