//! Sign-in rate limits, per username and per client IP (token buckets from `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

/// Two keyed token buckets: guessing one user's password and spraying many users from one
/// address are both slowed down.
pub struct LoginLimiter {
    per_user: DefaultKeyedRateLimiter<String>,
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    clock: DefaultClock,
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl LoginLimiter {
    /// Limits of `per_user` and `per_ip` attempts a minute.
    pub fn new(per_user: u32, per_ip: u32) -> LoginLimiter {
        LoginLimiter {
            per_user: RateLimiter::keyed(per_minute(per_user)),
            per_ip: RateLimiter::keyed(per_minute(per_ip)),
            clock: DefaultClock::default(),
        }
    }

    /// Takes one attempt from both buckets, or says how long to wait.
    pub fn check(&self, username: &str, ip: Option<IpAddr>) -> Result<(), ApiError> {
        let wait = |not_until: governor::NotUntil<_>| ApiError::TooManyRequests {
            retry_after_secs: not_until.wait_time_from(self.clock.now()).as_secs().max(1),
        };
        if let Some(ip) = ip {
            self.per_ip.check_key(&ip).map_err(wait)?;
        }
        self.per_user
            .check_key(&username.to_lowercase())
            .map_err(wait)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_user_bucket_runs_out() {
        let limiter = LoginLimiter::new(3, 100);
        for _ in 0..3 {
            assert!(limiter.check("operatore1", None).is_ok());
        }
        let refused = limiter.check("OPERATORE1", None);
        assert!(
            matches!(refused, Err(ApiError::TooManyRequests { retry_after_secs }) if retry_after_secs >= 1)
        );
        assert!(limiter.check("operatore2", None).is_ok());
    }

    #[test]
    fn the_per_ip_bucket_runs_out_across_users() {
        let limiter = LoginLimiter::new(100, 2);
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert!(limiter.check("a", Some(ip)).is_ok());
        assert!(limiter.check("b", Some(ip)).is_ok());
        assert!(limiter.check("c", Some(ip)).is_err());
    }
}
