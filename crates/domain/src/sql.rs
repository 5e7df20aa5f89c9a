//! How the enums and ids live in database columns (feature `diesel`): an enum as its snake_case
//! code in a `TEXT` column, an id as a `BIGINT`. The code table of each enum is the one in
//! [`crate::enums`]; nothing else maps a state to a string.
//!
//! These are the impls for the two concrete backends; the `db` crate adds the ones for its
//! multi-backend connection, which delegate here.

/// `ToSql`/`FromSql` for SQLite and PostgreSQL of a code enum stored as `TEXT`.
macro_rules! text_column {
    ($name:ident) => {
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite>>::to_sql(self.as_str(), out)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::sqlite::Sqlite>
            for $name
        {
            fn from_sql(
                bytes: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let code = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::sqlite::Sqlite,
                >>::from_sql(bytes)?;
                Ok(code.parse::<$name>()?)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let code = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::pg::Pg,
                >>::from_sql(bytes)?;
                Ok(code.parse::<$name>()?)
            }
        }
    };
}
pub(crate) use text_column;

/// `ToSql`/`FromSql` for SQLite and PostgreSQL of an id newtype stored as `BIGINT`.
macro_rules! bigint_column {
    ($name:ident) => {
        impl diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::sqlite::Sqlite>
            for $name
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                <i64 as diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::sqlite::Sqlite>>::to_sql(&self.0, out)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <i64 as diesel::serialize::ToSql<diesel::sql_types::BigInt, diesel::pg::Pg>>::to_sql(
                    &self.0, out,
                )
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::BigInt, diesel::sqlite::Sqlite>
            for $name
        {
            fn from_sql(
                bytes: <diesel::sqlite::Sqlite as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                <i64 as diesel::deserialize::FromSql<
                    diesel::sql_types::BigInt,
                    diesel::sqlite::Sqlite,
                >>::from_sql(bytes)
                .map($name)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::BigInt, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                <i64 as diesel::deserialize::FromSql<
                    diesel::sql_types::BigInt,
                    diesel::pg::Pg,
                >>::from_sql(bytes)
                .map($name)
            }
        }
    };
}
pub(crate) use bigint_column;

/// Calls `$callback! { text: [enums…], bigint: [ids…] }` with every type that is a column, so
/// the `db` crate can map all of them for its multi-backend connection from this one list.
#[macro_export]
macro_rules! column_types {
    ($callback:ident) => {
        $callback! {
            text: [
                $crate::enums::Profile,
                $crate::enums::Side,
                $crate::enums::RequestKind,
                $crate::enums::RequestStatus,
                $crate::enums::Motive,
                $crate::enums::PracticeKind,
                $crate::enums::PracticeRole,
                $crate::enums::OfficeKind,
                $crate::enums::RoutingReason,
                $crate::enums::MessageKind,
                $crate::enums::EventKind,
                $crate::enums::AuditAction,
                $crate::enums::AuditResource,
                $crate::enums::Channel,
                $crate::enums::AppointmentStatus,
            ],
            bigint: [
                $crate::ids::UserId,
                $crate::ids::OfficeId,
                $crate::ids::TopicId,
                $crate::ids::CitizenId,
                $crate::ids::PatronatoId,
                $crate::ids::PatronatoOfficeId,
                $crate::ids::RegionId,
                $crate::ids::RequestId,
                $crate::ids::MessageId,
                $crate::ids::AttachmentId,
                $crate::ids::ConsultationPointId,
                $crate::ids::SlotId,
                $crate::ids::AppointmentId,
            ],
        }
    };
}
