//! Sign-in rate limits, per username and per client IP (token buckets from `governor`).

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::clock::{Clock as _, DefaultClock};
use governor::middleware::{StateInformationMiddleware, StateSnapshot};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

type Limiter<K> = DefaultKeyedRateLimiter<K, StateInformationMiddleware>;

/// Two keyed token buckets: guessing one user's password and spraying many users from one
/// address are both slowed down.
pub struct LoginLimiter {
    per_user: Limiter<String>,
    per_ip: Limiter<IpAddr>,
    clock: DefaultClock,
}

/// Where the caller stands against the tighter of the two buckets, for the `X-RateLimit-*`
/// headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    /// Attempts a full bucket holds.
    pub limit: u32,
    /// Attempts left now.
    pub remaining: u32,
    /// Seconds until the bucket is full again.
    pub reset_secs: u64,
}

impl Allowance {
    fn of(snapshot: &StateSnapshot) -> Allowance {
        let quota = snapshot.quota();
        let limit = quota.burst_size().get();
        let remaining = snapshot.remaining_burst_capacity();
        let missing = u64::from(limit.saturating_sub(remaining));
        let interval = quota.replenish_interval().as_secs_f64();
        Allowance {
            limit,
            remaining,
            reset_secs: (missing as f64 * interval).ceil() as u64,
        }
    }

    /// The three headers.
    pub fn headers(&self) -> [(&'static str, String); 3] {
        [
            ("X-RateLimit-Limit", self.limit.to_string()),
            ("X-RateLimit-Remaining", self.remaining.to_string()),
            ("X-RateLimit-Reset", self.reset_secs.to_string()),
        ]
    }
}

fn per_minute(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl LoginLimiter {
    /// Limits of `per_user` and `per_ip` attempts a minute.
    pub fn new(per_user: u32, per_ip: u32) -> LoginLimiter {
        LoginLimiter {
            per_user: RateLimiter::keyed(per_minute(per_user)).with_middleware(),
            per_ip: RateLimiter::keyed(per_minute(per_ip)).with_middleware(),
            clock: DefaultClock::default(),
        }
    }

    /// Takes one attempt from both buckets and says what is left, or how long to wait.
    pub fn check(&self, username: &str, ip: Option<IpAddr>) -> Result<Allowance, ApiError> {
        let wait = |not_until: governor::NotUntil<_>| ApiError::TooManyRequests {
            retry_after_secs: not_until.wait_time_from(self.clock.now()).as_secs().max(1),
        };
        let by_ip = match ip {
            Some(ip) => Some(Allowance::of(&self.per_ip.check_key(&ip).map_err(wait)?)),
            None => None,
        };
        let by_user = Allowance::of(
            &self
                .per_user
                .check_key(&username.to_lowercase())
                .map_err(wait)?,
        );
        Ok(match by_ip {
            Some(by_ip) if by_ip.remaining < by_user.remaining => by_ip,
            _ => by_user,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_per_user_bucket_runs_out() {
        let limiter = LoginLimiter::new(3, 100);
        let left: Vec<u32> = (0..3)
            .filter_map(|_| limiter.check("operatore1", None).ok())
            .map(|a| a.remaining)
            .collect();
        assert_eq!(left, [2, 1, 0]);
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
