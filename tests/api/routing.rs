//! Routing preview: CAP coverage, hub overrides, the regional CRIC, and refusals.

use client::Client;
use types::ids::TopicId;
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::{OfficeKind, RequestKind, RoutingReason};

use crate::helpers::{assert_problem, mario, topic_id, TestApp};

/// A request of this kind on `topic`, with no person, CAP or region.
fn route(kind: RequestKind, topic: TopicId) -> RoutingPreviewRequest {
    RoutingPreviewRequest {
        kind,
        topic_id: topic,
        citizen_id: None,
        cap: None,
        region_code: None,
    }
}

/// A citizen request on `topic` from a resident of `cap`.
fn from_cap(cap: &str, topic: TopicId) -> RoutingPreviewRequest {
    RoutingPreviewRequest {
        cap: Some(cap.into()),
        ..route(RequestKind::Citizen, topic)
    }
}

fn regional(topic: TopicId) -> RoutingPreviewRequest {
    route(RequestKind::Regional, topic)
}

async fn preview(session: &Client, body: RoutingPreviewRequest) -> client::Result<RoutingPreview> {
    session.preview_routing(&body).await
}

#[actix_web::test]
async fn an_ordinary_topic_routes_mario_bianchi_to_pomezia() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let for_mario = RoutingPreviewRequest {
        citizen_id: Some(mario(&operator).await),
        ..route(RequestKind::Citizen, topic_id(&operator, "NASPI").await)
    };
    let routed = preview(&operator, for_mario).await.unwrap();
    assert_eq!(routed.reason, RoutingReason::CapCoverage);
    assert_eq!(routed.office.code, "7013");
    assert_eq!(routed.office.kind, OfficeKind::Agency);
    assert_eq!(
        routed.office.display_name,
        "POMEZIA — Via Pontina Km 28.400, 00071 Pomezia"
    );
    assert!(routed.notice.contains("automaticamente"));
}

#[actix_web::test]
async fn a_hub_override_wins_over_cap_coverage() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let for_mario = RoutingPreviewRequest {
        citizen_id: Some(mario(&operator).await),
        ..route(
            RequestKind::Citizen,
            topic_id(&operator, "PENS_NON_CONV").await,
        )
    };
    let routed = preview(&operator, for_mario).await.unwrap();
    assert_eq!(routed.reason, RoutingReason::HubOverride, "{routed:?}");
    assert_eq!(routed.office.kind, OfficeKind::Hub);

    // A regional override applies in its region only.
    let vigilanza = topic_id(&operator, "VIGILANZA").await;
    let lazio = preview(&operator, from_cap("00071", vigilanza))
        .await
        .unwrap();
    assert_eq!(lazio.reason, RoutingReason::HubOverride, "{lazio:?}");
    let milano = preview(&operator, from_cap("20124", vigilanza))
        .await
        .unwrap();
    assert_eq!(milano.reason, RoutingReason::CapCoverage, "{milano:?}");
    assert_eq!(milano.office.name, "MILANO");
}

#[actix_web::test]
async fn regional_requests_go_to_the_cric() {
    let app = TestApp::spawn().await;
    let referent = app.referent().await;
    let topic = topic_id(&referent, "NORMATIVA_GENERALE").await;
    let routed = preview(&referent, regional(topic)).await.unwrap();
    assert_eq!(routed.reason, RoutingReason::RegionalCric);
    assert_eq!(routed.office.kind, OfficeKind::Cric);
    assert_eq!(routed.office.region.name, "Lazio");
    assert!(routed.notice.contains("Sede Regionale"));

    let lombardia = RoutingPreviewRequest {
        region_code: Some("03".into()),
        ..regional(topic)
    };
    let lombardia = preview(&referent, lombardia).await.unwrap();
    assert_eq!(lombardia.office.region.name, "Lombardia");
}

#[actix_web::test]
async fn routing_refusals_are_explicit() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let naspi = topic_id(&operator, "NASPI").await;
    let refused = |body| {
        let operator = &operator;
        async move { preview(operator, body).await.unwrap_err() }
    };
    assert_problem(
        &refused(from_cap("99999", naspi)).await,
        422,
        "no_competent_office",
    );
    let regional_only = topic_id(&operator, "NORMATIVA_GENERALE").await;
    assert_problem(
        &refused(from_cap("00071", regional_only)).await,
        422,
        "topic_not_allowed",
    );
    // An operator has no region of its own.
    assert_problem(&refused(regional(naspi)).await, 422, "region_required");
    let nowhere = route(RequestKind::Citizen, naspi);
    assert_problem(&refused(nowhere).await, 422, "validation_failed");
    assert_problem(
        &refused(from_cap("00071", TopicId(999_999))).await,
        404,
        "topic_not_found",
    );
    let official = app.official().await;
    assert_problem(
        &preview(&official, from_cap("00071", naspi))
            .await
            .unwrap_err(),
        403,
        "profile_not_allowed",
    );
}
