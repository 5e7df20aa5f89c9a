//! Rotating refresh tokens, stored as SHA-256 hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::enums::Profile;
use domain::ids::UserId;

use crate::schema::refresh_tokens;
use crate::{AnyConnection, DbError};

/// A stored refresh token.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshToken {
    /// Row id.
    pub id: i64,
    /// Owner.
    pub user_id: UserId,
    /// The sign-in this token descends from.
    pub family: String,
    /// Profile chosen at sign-in.
    pub profile: Profile,
    /// Expiry.
    pub expires_at: NaiveDateTime,
    /// Set when exchanged for a new pair.
    pub used_at: Option<NaiveDateTime>,
    /// Set on logout or on reuse of a used token.
    pub revoked_at: Option<NaiveDateTime>,
}

/// A refresh token to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct NewRefreshToken {
    /// Owner.
    pub user_id: UserId,
    /// The sign-in this token descends from.
    pub family: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// Profile chosen at sign-in.
    pub profile: Profile,
    /// Issue time.
    pub created_at: NaiveDateTime,
    /// Expiry.
    pub expires_at: NaiveDateTime,
}

/// Stores a new refresh token.
pub fn insert(conn: &mut AnyConnection, token: &NewRefreshToken) -> Result<(), DbError> {
    diesel::insert_into(refresh_tokens::table)
        .values(token)
        .execute(conn)?;
    Ok(())
}

/// Finds a token by its hash.
pub fn find_by_hash(conn: &mut AnyConnection, hash: &str) -> Result<Option<RefreshToken>, DbError> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(hash))
        .select(RefreshToken::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a token used, only if nobody used it first; returns whether this call won.
pub fn mark_used(conn: &mut AnyConnection, id: i64, now: NaiveDateTime) -> Result<bool, DbError> {
    let updated = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(id))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Revokes every token of a family (logout, or reuse of a used token).
pub fn revoke_family(
    conn: &mut AnyConnection,
    family: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family.eq(family))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}
