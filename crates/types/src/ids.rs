//! Typed ids: a request id cannot be passed where an office id is expected.

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "openapi", schema(value_type = i64, example = 42))]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
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
    /// Id of a request.
    RequestId,
);
