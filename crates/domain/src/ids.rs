//! Typed ids: a request id cannot be passed where an office id is expected. The same types are
//! the columns of the database rows (feature `diesel`), the fields of the API contract and the
//! path parameters of the handlers.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = i64, format = Int64, example = 42))]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::BigInt))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }

        #[cfg(feature = "diesel")]
        crate::sql::bigint_column!($name);
    )*};
}

id_type!(
    /// Id of a user.
    UserId,
    /// Id of an INPS office.
    OfficeId,
    /// Id of a topic.
    TopicId,
    /// Registry id of a citizen (not the codice fiscale, which may be shared).
    CitizenId,
    /// Id of a patronato.
    PatronatoId,
    /// Id of a patronato office.
    PatronatoOfficeId,
    /// Id of a region.
    RegionId,
    /// Id of a request.
    RequestId,
    /// Id of a message of a conversation.
    MessageId,
);
