//! Where "now" comes from.
//!
//! Every time-dependent rule (reminders, appointment eligibility, web-meeting windows) takes the
//! current instant from one [`Clock`], so tests can set it and the sandbox can move it forward.

use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use chrono::{DateTime, Duration, Utc};

/// A source of the current instant.
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant, in UTC.
    fn now(&self) -> DateTime<Utc>;
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for Box<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for &C {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

/// The real system clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until told otherwise; for tests.
#[derive(Debug)]
pub struct ManualClock {
    at: RwLock<DateTime<Utc>>,
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            at: RwLock::new(start),
        }
    }

    /// Moves the clock to `at` (backwards too).
    pub fn set(&self, at: DateTime<Utc>) {
        *write(&self.at) = at;
    }

    /// Moves the clock by `by` (negative moves it back), saturating at the representable range.
    pub fn advance(&self, by: Duration) {
        let mut at = write(&self.at);
        *at = saturating_add(*at, by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *read(&self.at)
    }
}

/// The system clock shifted by a settable offset; for the sandbox, where testers jump ahead in
/// time to see reminders and appointments become available.
#[derive(Debug, Default)]
pub struct OffsetClock {
    offset: RwLock<Duration>,
}

impl OffsetClock {
    /// A clock with no offset: the system time.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `by` to the offset (negative moves it back), saturating at the largest duration.
    pub fn advance(&self, by: Duration) {
        let mut offset = write(&self.offset);
        *offset = offset.checked_add(&by).unwrap_or(if by < Duration::zero() {
            Duration::MIN
        } else {
            Duration::MAX
        });
    }

    /// Replaces the offset; `Duration::zero()` returns to the system time.
    pub fn set_offset(&self, offset: Duration) {
        *write(&self.offset) = offset;
    }

    /// The current offset from the system time.
    pub fn offset(&self) -> Duration {
        *read(&self.offset)
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> DateTime<Utc> {
        saturating_add(Utc::now(), self.offset())
    }
}

/// `at + by`, clamped to the range `DateTime` can represent.
fn saturating_add(at: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    at.checked_add_signed(by)
        .unwrap_or(if by < Duration::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
}

// A poisoned lock only means another thread panicked while holding it; the value inside (a plain
// instant or duration) is still consistent, so carry on with it.
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn instant(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn manual_clock_stands_still_and_moves_on_request() {
        let clock = ManualClock::new(instant("2024-03-01T10:00:00Z"));
        assert_eq!(clock.now(), instant("2024-03-01T10:00:00Z"));
        assert_eq!(clock.now(), instant("2024-03-01T10:00:00Z"));
        clock.advance(Duration::days(15));
        assert_eq!(clock.now(), instant("2024-03-16T10:00:00Z"));
        clock.advance(Duration::hours(-1));
        assert_eq!(clock.now(), instant("2024-03-16T09:00:00Z"));
        clock.set(instant("2020-01-01T00:00:00Z"));
        assert_eq!(clock.now(), instant("2020-01-01T00:00:00Z"));
        clock.advance(Duration::MAX);
        assert_eq!(clock.now(), DateTime::<Utc>::MAX_UTC);
        clock.advance(Duration::MIN);
        clock.advance(Duration::MIN);
        assert_eq!(clock.now(), DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn offset_clock_follows_system_time_plus_offset() {
        let clock = OffsetClock::new();
        assert_eq!(clock.offset(), Duration::zero());
        let before = Utc::now();
        let now = clock.now();
        assert!(now >= before && now <= Utc::now());

        clock.advance(Duration::days(16));
        clock.advance(Duration::days(-1));
        assert_eq!(clock.offset(), Duration::days(15));
        let before = Utc::now() + Duration::days(15);
        let now = clock.now();
        assert!(now >= before && now <= Utc::now() + Duration::days(15));

        clock.set_offset(Duration::zero());
        assert_eq!(clock.offset(), Duration::zero());
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        assert_eq!(clock.offset(), Duration::MAX);
        assert_eq!(clock.now(), DateTime::<Utc>::MAX_UTC);
    }

    #[test]
    fn clocks_are_usable_as_trait_objects() {
        let shared: Arc<dyn Clock> = Arc::new(ManualClock::new(instant("2024-01-01T00:00:00Z")));
        fn read_clock(clock: impl Clock) -> DateTime<Utc> {
            clock.now()
        }
        assert_eq!(read_clock(shared.clone()), instant("2024-01-01T00:00:00Z"));
        assert_eq!(read_clock(&*shared), instant("2024-01-01T00:00:00Z"));
        let boxed: Box<dyn Clock> = Box::new(SystemClock);
        assert!(read_clock(boxed) <= Utc::now());
    }

    #[test]
    fn poisoned_lock_keeps_working() {
        let clock = Arc::new(ManualClock::new(instant("2024-01-01T00:00:00Z")));
        let poisoner = Arc::clone(&clock);
        let result = std::thread::spawn(move || {
            let _guard = poisoner.at.write().unwrap();
            panic!("poison the lock");
        })
        .join();
        assert!(result.is_err());
        assert!(clock.at.is_poisoned());
        assert_eq!(clock.now(), instant("2024-01-01T00:00:00Z"));
        clock.advance(Duration::seconds(1));
        assert_eq!(clock.now(), instant("2024-01-01T00:00:01Z"));
    }
}
