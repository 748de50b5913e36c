//! The service's version-quota advice, kept from changing what a script sees.
//!
//! Secrets Manager's documentation asks callers to avoid PutSecretValue "at a sustained rate of more than once
//! every 10 minutes": each write creates a version, versions less than 24 hours old are never removed, so a faster
//! sustained rate reaches the quota for secret versions. The advice is given (as text the cmdlet shows with
//! `-Verbose`, never on the warning stream) when one secret has had more new versions in this process than that
//! rate allows over a whole hour, at most once per secret, and never for a loopback endpoint (a local test server,
//! where a Pester suite writes one secret many times on purpose).

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The span over which the rate is measured: long enough that a short burst (a deployment writing a secret a few
/// times) is not a "sustained rate".
pub const WINDOW: Duration = Duration::from_secs(60 * 60);
/// The documented rate, once every 10 minutes, over [`WINDOW`]: more new versions than this within it is too many.
pub const VERSIONS_PER_WINDOW: usize = 6;

/// New versions per secret ARN, and whether the advice was given.
#[derive(Debug, Default)]
pub struct VersionQuotaAdvisor {
    secrets: Mutex<HashMap<String, SecretWrites>>,
}

#[derive(Debug, Default)]
struct SecretWrites {
    /// Time and VersionId of the new versions within the window, oldest first (at most one more than allowed).
    recent: VecDeque<(Instant, String)>,
    advised: bool,
}

impl VersionQuotaAdvisor {
    /// The advisor of this process ("this session": every runspace of the pwsh process shares it).
    pub fn shared() -> &'static Self {
        static SHARED: once_cell::sync::Lazy<VersionQuotaAdvisor> =
            once_cell::sync::Lazy::new(VersionQuotaAdvisor::default);
        &SHARED
    }

    /// Counts a successful write of `arn` that returned `version_id` at `now`, and returns the advice when this write
    /// makes the rate too high and `report` says the caller will show it (so that a write nobody would see the advice
    /// for does not use up the one advice per secret). A repeated VersionId (an idempotent retry with the same
    /// ClientRequestToken) created nothing and is not counted.
    pub fn after_write(&self, arn: &str, version_id: &str, now: Instant, report: bool) -> Option<String> {
        if arn.is_empty() || version_id.is_empty() {
            return None;
        }
        let mut secrets = self.secrets.lock().unwrap_or_else(PoisonError::into_inner);
        let writes = secrets.entry(arn.to_string()).or_default();
        while writes.recent.front().is_some_and(|(at, _)| now.saturating_duration_since(*at) >= WINDOW) {
            writes.recent.pop_front();
        }
        if writes.recent.iter().any(|(_, id)| id == version_id) {
            return None;
        }
        writes.recent.push_back((now, version_id.to_string()));
        if writes.recent.len() > VERSIONS_PER_WINDOW + 1 {
            writes.recent.pop_front();
        }
        if writes.advised || !report || writes.recent.len() <= VERSIONS_PER_WINDOW {
            return None;
        }
        writes.advised = true;
        let minutes = now.saturating_duration_since(writes.recent[0].0).as_secs().div_ceil(60).max(1);
        Some(format!(
            "{} new versions of the secret '{arn}' were written within {minutes} minute(s) in this session. Secrets \
             Manager recommends against writing a secret at a sustained rate of more than once every 10 minutes: each \
             write creates a version, versions less than 24 hours old are not removed, and writing faster reaches the \
             quota for secret versions. (Shown once per secret per session.)",
            writes.recent.len()
        ))
    }
}

/// Whether an endpoint URL names this machine: `localhost`, a `.localhost` name, or a loopback address.
pub fn is_loopback_url(url: &str) -> bool {
    let Some(rest) = url.split_once("://").map(|(_, rest)| rest) else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host_and_port.split(':').next().unwrap_or_default(),
    };
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(advisor: &VersionQuotaAdvisor, start: Instant, minute: u64, version: &str) -> Option<String> {
        advisor.after_write("arn:s", version, start + Duration::from_secs(minute * 60), true)
    }

    #[test]
    fn advises_once_when_more_than_six_versions_fall_within_an_hour() {
        let advisor = VersionQuotaAdvisor::default();
        let start = Instant::now();
        for n in 0..6 {
            assert_eq!(write(&advisor, start, n, &format!("v{n}")), None, "write {n}");
        }
        let advice = write(&advisor, start, 6, "v6").expect("the 7th version within an hour is advised");
        assert!(advice.starts_with("7 new versions of the secret 'arn:s' were written within 6 minute(s)"), "{advice}");
        assert!(advice.contains("once every 10 minutes"));
        for n in 7..20 {
            assert_eq!(write(&advisor, start, n, &format!("v{n}")), None, "at most once per secret");
        }
        assert!(advisor.after_write("arn:other", "x", start, true).is_none());
    }

    #[test]
    fn the_documented_rate_itself_and_idempotent_repeats_are_not_advised() {
        let advisor = VersionQuotaAdvisor::default();
        let start = Instant::now();
        // Once every 10 minutes, for a day: never more than six within any hour.
        for n in 0..144 {
            assert_eq!(write(&advisor, start, n * 10, &format!("v{n}")), None, "write {n}");
        }
        // The same VersionId again (same ClientRequestToken, same value) created nothing.
        let repeat = VersionQuotaAdvisor::default();
        for _ in 0..20 {
            assert_eq!(write(&repeat, start, 1, "same"), None);
        }
    }

    #[test]
    fn a_write_nobody_sees_the_advice_for_does_not_use_it_up() {
        let advisor = VersionQuotaAdvisor::default();
        let start = Instant::now();
        for n in 0..10 {
            assert_eq!(advisor.after_write("arn:s", &format!("v{n}"), start, false), None);
        }
        assert!(advisor.after_write("arn:s", "v10", start, true).is_some());
    }

    #[test]
    fn loopback_endpoints_are_recognised() {
        for local in [
            "http://127.0.0.1:5000",
            "http://127.8.9.10",
            "http://localhost:4566/",
            "http://LOCALHOST",
            "http://s3.localhost:1",
            "http://[::1]:5000",
            "http://user:pw@127.0.0.1:1",
        ] {
            assert!(is_loopback_url(local), "{local}");
        }
        for remote in [
            "https://secretsmanager.us-east-1.amazonaws.com",
            "http://192.0.2.2:5000",
            "http://[fd00::2]:1",
            "not a url",
            "http://localhost.example.com",
        ] {
            assert!(!is_loopback_url(remote), "{remote}");
        }
    }
}
