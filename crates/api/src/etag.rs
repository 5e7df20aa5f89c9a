//! Conditional reads: every successful `GET` under `/api/` carries a weak `ETag` computed from
//! the body, and `If-None-Match` with the same tag gets `304 Not Modified` without the body.
//! Responses hold personal data, so caches may keep them only privately and must revalidate.
//! A response that already carries its own `ETag` (a streamed attachment, tagged with its
//! content hash) is never buffered: only compared with `If-None-Match`.

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};
use sha2::{Digest, Sha256};

/// The weak entity tag of a body.
pub fn tag_of(bytes: &[u8]) -> String {
    let digest = hex::encode(Sha256::digest(bytes));
    format!("W/\"{}\"", &digest[..20])
}

fn matches(if_none_match: Option<&HeaderValue>, tag: &str) -> bool {
    if_none_match
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
}

/// The middleware (see the module documentation).
pub async fn conditional_get(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let applies = req.method() == Method::GET && req.path().starts_with("/api/v1/");
    let if_none_match = req.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.call(req).await?;
    if !applies || response.status() != StatusCode::OK {
        return Ok(response.map_into_boxed_body());
    }
    if let Some(own) = response.headers().get(header::ETAG).cloned() {
        let own_tag = own.to_str().unwrap_or_default().to_owned();
        if matches(if_none_match.as_ref(), &own_tag) {
            let (request, _) = response.into_parts();
            let mut not_modified = HttpResponse::NotModified().finish();
            not_modified.headers_mut().insert(header::ETAG, own);
            return Ok(ServiceResponse::new(request, not_modified));
        }
        return Ok(response.map_into_boxed_body());
    }
    let (request, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let bytes = body::to_bytes(body)
        .await
        .map_err(|e| actix_web::error::ErrorInternalServerError(e.into().to_string()))?;
    let tag = tag_of(&bytes);
    let mut response = if matches(if_none_match.as_ref(), &tag) {
        HttpResponse::NotModified().finish()
    } else {
        head.set_body(BoxBody::new(bytes))
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(ServiceResponse::new(request, response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_follow_the_body_and_match_lists() {
        let tag = tag_of(b"{\"a\":1}");
        assert_ne!(tag, tag_of(b"{\"a\":2}"));
        assert!(tag.starts_with("W/\""));
        let header = HeaderValue::from_str(&format!("\"x\", {tag}")).ok();
        assert!(matches(header.as_ref(), &tag));
        assert!(!matches(None, &tag));
        assert!(matches(Some(&HeaderValue::from_static("*")), &tag));
    }
}
