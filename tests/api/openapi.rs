//! The committed OpenAPI document is what the code generates, and it is complete.

use serde_json::Value;

const COMMITTED: &str = "../../openapi/openapi.json";

fn generated() -> String {
    api::openapi().to_pretty_json().expect("serialisable") + "\n"
}

#[test]
fn the_committed_document_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMITTED);
    let generated = generated();
    if std::env::var("UPDATE_OPENAPI").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &generated).expect("write openapi.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `just openapi` and commit the result"
    );
}

#[test]
fn every_operation_has_a_summary_and_declares_its_errors() {
    let doc: Value = serde_json::from_str(&generated()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 15);
    for (path, item) in paths {
        for (method, operation) in item.as_object().unwrap() {
            let name = format!("{method} {path}");
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{name} has no summary"
            );
            let responses = operation["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{name}: no success"
            );
            for status in ["400", "500"] {
                assert!(
                    responses.contains_key(status),
                    "{name}: {status} undeclared"
                );
            }
            if operation.get("security").is_some() {
                assert!(responses.contains_key("401"), "{name}: 401 undeclared");
            }
        }
    }
}

#[test]
fn every_schema_property_is_described() {
    let doc: Value = serde_json::from_str(&generated()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for (name, schema) in schemas {
        let Some(properties) = schema["properties"].as_object() else {
            continue;
        };
        for (property, spec) in properties {
            let described = spec.get("description").is_some()
                || spec.get("$ref").is_some()
                || spec["allOf"].is_array()
                || spec["oneOf"].is_array();
            assert!(described, "{name}.{property} has no description");
        }
    }
}
