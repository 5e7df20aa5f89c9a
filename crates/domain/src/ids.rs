//! Typed ids: a request id cannot be passed where an office id is expected. The same types are
//! the columns of the database rows (feature `diesel`), the fields of the API contract and the
//! path parameters of the handlers.

/// The largest id: what a client holds exactly in an IEEE double (2^53 − 1, JavaScript's
/// `Number.MAX_SAFE_INTEGER`). Ids start at 1.
pub const MAX_ID: i64 = 9_007_199_254_740_991;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize,
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

        impl<'de> serde::Deserialize<'de> for $name {
            /// Accepts 1 to [`MAX_ID`]: anything else names no row and is refused as input.
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let id = i64::deserialize(deserializer)?;
                if (1..=MAX_ID).contains(&id) {
                    Ok($name(id))
                } else {
                    Err(serde::de::Error::custom(format!("id out of range 1–{MAX_ID}: {id}")))
                }
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
    /// Id of an attachment.
    AttachmentId,
    /// Id of a consultation point (*punto di consulenza*).
    ConsultationPointId,
    /// Id of an appointment slot.
    SlotId,
    /// Id of an appointment.
    AppointmentId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_positive_and_fit_a_javascript_number() {
        let parse = |json: &str| serde_json::from_str::<RequestId>(json).ok();
        assert_eq!(parse("1"), Some(RequestId(1)));
        assert_eq!(parse("9007199254740991"), Some(RequestId(MAX_ID)));
        assert_eq!(parse("0"), None);
        assert_eq!(parse("-3"), None);
        assert_eq!(parse("9007199254740992"), None);
        assert_eq!(
            serde_json::to_string(&RequestId(7)).ok().as_deref(),
            Some("7")
        );
    }
}
