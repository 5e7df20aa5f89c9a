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

fn document() -> Value {
    serde_json::from_str(&generated()).unwrap()
}

/// Every operation of the document, as ("METHOD /path", operation).
fn operations(doc: &Value) -> Vec<(String, &Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((format!("{} {path}", method.to_uppercase()), operation));
        }
    }
    all
}

/// Every `$ref` string in a JSON value.
fn references<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                found.push(target);
            }
            map.values().for_each(|v| references(v, found));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves() {
    let doc = document();
    let mut found = Vec::new();
    references(&doc, &mut found);
    assert!(found.len() > 100, "only {} references", found.len());
    let dangling: Vec<&&str> = found
        .iter()
        .filter(|target| {
            target
                .strip_prefix('#')
                .and_then(|pointer| doc.pointer(pointer))
                .is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "dangling references: {dangling:?}");
}

#[test]
fn every_operation_has_a_short_summary_a_description_and_its_errors() {
    let doc = document();
    let all = operations(&doc);
    assert!(all.len() >= 30);
    for (name, operation) in all {
        let summary = operation["summary"].as_str().unwrap_or_default();
        assert!(
            !summary.is_empty() && summary.len() <= 80 && !summary.contains('\n'),
            "{name}: summary {summary:?}"
        );
        assert!(
            operation["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{name} has no description"
        );
        let id = operation["operationId"].as_str().unwrap_or_default();
        for verb in ["get", "post", "put", "patch", "delete"] {
            assert!(
                !id.split('_').any(|word| word == verb),
                "{name}: operationId {id} names the HTTP method"
            );
        }
        let responses = operation["responses"].as_object().unwrap();
        assert!(
            responses.keys().any(|s| s.starts_with('2')),
            "{name}: no success"
        );
        for status in ["400", "500", "503"] {
            assert!(
                responses.contains_key(status),
                "{name}: {status} undeclared"
            );
        }
        for (status, response) in responses.iter().filter(|(s, _)| s.as_str() >= "400") {
            assert!(
                response["content"]["application/problem+json"].is_object()
                    && response["content"].as_object().unwrap().len() == 1,
                "{name}: {status} is not a problem document"
            );
        }
        for status in ["429", "503"] {
            if let Some(response) = responses.get(status) {
                assert!(
                    response["headers"]["Retry-After"].is_object(),
                    "{name}: {status} without Retry-After"
                );
            }
        }
        let secured = operation["security"]
            .as_array()
            .is_some_and(|s| !s.is_empty());
        if secured {
            assert!(responses.contains_key("401"), "{name}: 401 undeclared");
        }
    }
}

#[test]
fn public_operations_say_so_and_the_rest_need_a_bearer_token() {
    let doc = document();
    let public = [
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/refresh",
        "POST /api/v1/auth/logout",
        "GET /api/v1/sandbox/clock",
        "GET /health",
        "GET /ready",
        "GET /status",
    ];
    for (name, operation) in operations(&doc) {
        let security = operation["security"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}"));
        if public.contains(&name.as_str()) {
            assert!(security.is_empty(), "{name} should be public");
        } else {
            assert_eq!(security, &[serde_json::json!({"bearer": []})], "{name}");
        }
    }
    assert_eq!(doc["info"]["license"]["identifier"], "EUPL-1.2");
    assert!(doc["info"]["contact"]["url"].is_string());
    assert!(doc["servers"][0]["url"].is_string());
}

#[test]
fn every_list_has_one_shape_and_pages_by_limit_and_cursor() {
    let doc = document();
    let schemas = &doc["components"]["schemas"];
    let mut lists = 0;
    for (name, operation) in operations(&doc) {
        let Some(success) =
            operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].as_str()
        else {
            continue;
        };
        let schema = doc.pointer(&success[1..]).unwrap();
        let Some(items) = schema["properties"].get("items") else {
            continue;
        };
        lists += 1;
        assert!(
            items["items"]["$ref"].is_string(),
            "{name}: the items of {success} are inlined"
        );
        assert!(
            schema["properties"]["next_cursor"].is_object() || name == "GET /api/v1/citizens",
            "{name}: no next_cursor"
        );
        let parameters: Vec<&str> = operation["parameters"]
            .as_array()
            .map(|p| p.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        if name != "GET /api/v1/citizens" {
            for paging in ["limit", "cursor"] {
                assert!(parameters.contains(&paging), "{name}: no {paging}");
            }
        }
    }
    assert!(lists >= 10, "{lists} lists");
    assert!(schemas["Page_TopicDto"].is_object());
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

#[test]
fn creates_take_an_optional_non_nullable_idempotency_key_with_its_pattern() {
    let doc = document();
    let mut creates = 0;
    for (name, operation) in operations(&doc) {
        let Some(key) = operation["parameters"]
            .as_array()
            .and_then(|p| p.iter().find(|p| p["name"] == "Idempotency-Key"))
        else {
            continue;
        };
        creates += 1;
        assert_eq!(key["in"], "header", "{name}");
        assert_eq!(key["required"], false, "{name}");
        assert_eq!(
            key["schema"]["type"], "string",
            "{name}: nullable or not a string"
        );
        assert_eq!(key["schema"]["pattern"], "^[!-~]{1,255}$", "{name}");
    }
    assert_eq!(
        creates, 6,
        "create_request, send_message, send_reminder, upload_attachment, add_attachments, \
         book_appointment"
    );
}
