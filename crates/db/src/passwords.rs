//! Password hashing with argon2id (OWASP parameters: the crate's defaults).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::DbError;

/// Hashes a password into a PHC string. Slow by design: call it off the async runtime.
pub fn hash_password(password: &str) -> Result<String, DbError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| DbError::Seed(format!("password hashing failed: {e}")))
}

/// Checks a password against a PHC string; a malformed hash never verifies.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_then_verify() -> Result<(), DbError> {
        let phc = hash_password("combipat-demo")?;
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("combipat-demo", &phc));
        assert!(!verify_password("combipat-dem0", &phc));
        assert!(!verify_password("combipat-demo", "not a hash"));
        Ok(())
    }
}
