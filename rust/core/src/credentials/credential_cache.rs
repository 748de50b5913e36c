//! Credentials fetched from outside the process (a role's STS session, SSO role credentials, web identity,
//! the container or instance metadata endpoint, a credential process), kept per identity and used until
//! shortly before they expire: 1,000 writes with a role profile make one AssumeRole call, not 1,000.
//!
//! Connections are still resolved on every call (profile files are read again, so an edited file or a
//! changed environment is seen at once); what is kept is only the fetched credentials, under a digest
//! (`keyed_digest`) of everything they were fetched from: the profile files' paths and text, the profile
//! name, the variables the providers read and the STS region. Any change to those is another identity.
//!
//! The refresh rule is the SDK identity cache's (aws-smithy-runtime `LazyCache`): credentials are used
//! until 10 s before they expire, less a random jitter of up to half that (so 5 to 10 s before); ones
//! without an expiry for 15 minutes; one fetch at a time per identity (others wait for its result); a
//! failure is not kept.

use crate::bounded_cache::BoundedCache;
use crate::error::CallError;
use crate::keyed_digest::Digest;
use aws_credential_types::Credentials;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Credentials are refreshed this long before they expire (`LazyCache`'s default buffer time)...
const BUFFER_TIME: Duration = Duration::from_secs(10);
/// ...less a random fraction of it, up to this much (its default jitter).
const MAX_JITTER_FRACTION: f64 = 0.5;
/// How long credentials without an expiry are used (its default expiration).
const WITHOUT_EXPIRY: Duration = Duration::from_secs(15 * 60);
/// Identities kept; the oldest is dropped beyond this (its default number of partitions).
const CAPACITY: usize = 64;

struct Kept {
    credentials: Credentials,
    refresh_at: SystemTime,
}

/// One identity's credentials; its lock is held while they are fetched, so that one fetch serves all.
type Slot = Arc<tokio::sync::Mutex<Option<Kept>>>;

static SLOTS: BoundedCache<Digest, Slot> = BoundedCache::new(CAPACITY);

/// Credentials and whether they were fetched now (rather than kept from an earlier call).
pub(crate) struct Obtained {
    pub(crate) credentials: Credentials,
    pub(crate) fetched: bool,
}

/// The credentials kept for `identity` while they are fresh, else those of `fetch` (kept for next time).
/// `fetch` answers `None` for "not configured here"; without an identity (no digest key) every call
/// fetches.
pub(crate) async fn get_or_fetch(
    identity: Option<Digest>,
    fetch: impl Future<Output = Result<Option<Credentials>, CallError>>,
) -> Result<Option<Obtained>, CallError> {
    let obtained =
        |credentials: Option<Credentials>| credentials.map(|credentials| Obtained { credentials, fetched: true });
    let Some(identity) = identity else { return fetch.await.map(obtained) };
    let (slot, _) = SLOTS.get_or_insert_with(identity, Slot::default);
    let mut kept = slot.lock().await;
    if let Some(current) = kept.as_ref().filter(|kept| SystemTime::now() < kept.refresh_at) {
        return Ok(Some(Obtained { credentials: current.credentials.clone(), fetched: false }));
    }
    let credentials = fetch.await?;
    *kept = credentials.as_ref().map(|credentials| Kept {
        credentials: credentials.clone(),
        refresh_at: refresh_at(credentials.expiry(), SystemTime::now(), fastrand::f64() * MAX_JITTER_FRACTION),
    });
    Ok(obtained(credentials))
}

/// When credentials fetched at `now` that expire at `expiry` are fetched again.
fn refresh_at(expiry: Option<SystemTime>, now: SystemTime, jitter_fraction: f64) -> SystemTime {
    let expiry = expiry.unwrap_or(now + WITHOUT_EXPIRY);
    (expiry + BUFFER_TIME.mul_f64(jitter_fraction)).checked_sub(BUFFER_TIME).unwrap_or(expiry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn block<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    fn expiring_in(lifetime: Option<Duration>) -> Credentials {
        Credentials::new("AKID", "secret", Some("token".into()), lifetime.map(|l| SystemTime::now() + l), "test")
    }

    /// A fresh identity per test (the cache is process-wide) and a fetch that counts its runs.
    struct Case {
        identity: Option<Digest>,
        fetches: AtomicUsize,
    }

    impl Case {
        fn new(name: &str) -> Self {
            let identity = crate::keyed_digest::of(format!("{name}-{:?}", std::thread::current().id()).as_bytes());
            Self { identity, fetches: AtomicUsize::new(0) }
        }

        fn get(&self, lifetime: Option<Duration>) -> Option<bool> {
            let fetch = async {
                self.fetches.fetch_add(1, Ordering::SeqCst);
                Ok(Some(expiring_in(lifetime)))
            };
            block(get_or_fetch(self.identity, fetch)).unwrap().map(|obtained| obtained.fetched)
        }

        fn fetches(&self) -> usize {
            self.fetches.load(Ordering::SeqCst)
        }
    }

    #[test]
    fn credentials_far_from_expiry_are_fetched_once_and_then_kept() {
        let case = Case::new("far");
        assert_eq!(case.get(Some(Duration::from_secs(3600))), Some(true));
        for _ in 0..5 {
            assert_eq!(case.get(Some(Duration::from_secs(3600))), Some(false));
        }
        assert_eq!(case.fetches(), 1);
    }

    #[test]
    fn credentials_within_the_buffer_before_expiry_or_past_it_are_fetched_again() {
        for lifetime in [Duration::from_secs(4), Duration::ZERO] {
            let case = Case::new(&format!("near-{lifetime:?}"));
            case.get(Some(lifetime));
            assert_eq!(case.get(Some(lifetime)), Some(true));
            assert_eq!(case.fetches(), 2);
        }
    }

    #[test]
    fn credentials_without_expiry_are_kept_too() {
        let case = Case::new("no-expiry");
        case.get(None);
        assert_eq!(case.get(None), Some(false));
        assert_eq!(case.fetches(), 1);
    }

    #[test]
    fn failures_and_not_configured_are_not_kept() {
        let case = Case::new("failing");
        let failing = async { Err::<Option<Credentials>, _>(CallError::internal("no")) };
        assert!(block(get_or_fetch(case.identity, failing)).is_err());
        assert!(block(get_or_fetch(case.identity, async { Ok(None) })).unwrap().is_none());
        assert_eq!(case.get(Some(Duration::from_secs(3600))), Some(true), "nothing was kept before");
    }

    #[test]
    fn other_identities_do_not_share_credentials_and_no_identity_never_keeps() {
        let (first, second) = (Case::new("first"), Case::new("second"));
        first.get(None);
        assert_eq!(second.get(None), Some(true));
        let unidentified = Case { identity: None, fetches: AtomicUsize::new(0) };
        unidentified.get(None);
        assert_eq!(unidentified.get(None), Some(true));
    }

    #[test]
    fn the_refresh_time_is_the_identity_caches() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let expiry = now + Duration::from_secs(3600);
        assert_eq!(refresh_at(Some(expiry), now, 0.0), expiry - Duration::from_secs(10));
        assert_eq!(refresh_at(Some(expiry), now, 0.5), expiry - Duration::from_secs(5));
        assert_eq!(refresh_at(None, now, 0.0), now + Duration::from_secs(15 * 60 - 10));
    }

    #[test]
    fn callers_at_the_same_time_share_one_fetch() {
        let case = Case::new("concurrent");
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let identity = case.identity;
                std::thread::spawn(move || {
                    block(get_or_fetch(identity, async {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        Ok(Some(expiring_in(Some(Duration::from_secs(3600)))))
                    }))
                    .unwrap()
                    .unwrap()
                    .fetched
                })
            })
            .collect();
        let fetched = threads.into_iter().map(|thread| thread.join().unwrap()).filter(|fetched| *fetched).count();
        assert_eq!(fetched, 1, "one of the callers fetched, the others got its credentials");
    }
}
