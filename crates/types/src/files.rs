//! Binary bodies: uploads and downloads.

/// A file's bytes, as the OpenAPI document describes a binary body (`type: string`,
/// `format: binary`); the bytes themselves never pass through serde.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, format = Binary))]
pub struct Binary(pub Vec<u8>);
