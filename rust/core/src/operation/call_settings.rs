//! Retry and timeout settings of a call (the `-ClientConfig` parameter's MaxErrorRetry, RetryMode and
//! Timeout, else `AWS_MAX_ATTEMPTS`/`max_attempts` and `AWS_RETRY_MODE`/`retry_mode`), and the defaults
//! that keep any call from hanging.

use crate::credentials::configured_settings::ConfiguredSettings;
use crate::error::CallError;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
use std::time::Duration;

/// Connecting to the endpoint (TCP and TLS).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// One attempt, from sending the request to the end of the answer.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// The whole call, all retries included.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(90);
/// The standard retry mode's default: 3 attempts, i.e. 2 retries.
pub const DEFAULT_MAX_ERROR_RETRY: u32 = 2;
/// More retries than this are a mistake, not a setting.
pub const MAX_MAX_ERROR_RETRY: u32 = 10;

/// How retries back off. AWS SDK for .NET's `Legacy` has no Rust equivalent and maps to `Standard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryMode {
    #[default]
    Standard,
    Adaptive,
}

impl RetryMode {
    /// Parses the .NET `RequestRetryMode` names (case-insensitive).
    pub fn parse(name: &str) -> Result<Self, CallError> {
        Self::from_name(name).ok_or_else(|| {
            CallError::invalid_input(
                "ClientConfig",
                format!("RetryMode '{name}' is not one of Standard, Legacy or Adaptive."),
            )
        })
    }

    /// The mode a name (.NET's, or `AWS_RETRY_MODE`'s, which are the same words) stands for.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "standard" | "legacy" => Some(Self::Standard),
            "adaptive" => Some(Self::Adaptive),
            _ => None,
        }
    }
}

/// The settings of one call; `None` means the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CallSettings {
    pub max_error_retry: Option<u32>,
    pub retry_mode: Option<RetryMode>,
    /// The limit of one attempt (.NET `ClientConfig.Timeout`).
    pub timeout: Option<Duration>,
}

impl CallSettings {
    pub fn validate(&self) -> Result<(), CallError> {
        if self.max_error_retry.is_some_and(|n| n > MAX_MAX_ERROR_RETRY) {
            return Err(CallError::invalid_input(
                "ClientConfig",
                format!("MaxErrorRetry must be 0 to {MAX_MAX_ERROR_RETRY}."),
            ));
        }
        if self.timeout.is_some_and(|t| t.is_zero()) {
            return Err(CallError::invalid_input("ClientConfig", "Timeout must be longer than zero."));
        }
        Ok(())
    }

    /// These settings, with what `-ClientConfig` left out taken from the environment or the settings profile:
    /// an explicit MaxErrorRetry or RetryMode wins, as the .NET SDK's `ClientConfig` lets a value set in code
    /// win over `AWS_MAX_ATTEMPTS`/`AWS_RETRY_MODE` and the profile's `max_attempts`/`retry_mode`.
    pub(crate) fn with_configured(self, configured: &ConfiguredSettings<'_>) -> Result<Self, CallError> {
        let max_error_retry = match self.max_error_retry {
            Some(retries) => Some(retries),
            None => configured.max_attempts()?.map(|attempts| attempts.value - 1),
        };
        let retry_mode = match self.retry_mode {
            Some(mode) => Some(mode),
            None => configured.retry_mode()?.map(|mode| mode.value),
        };
        Ok(Self { max_error_retry, retry_mode, ..self })
    }

    /// The limit of one credential lookup (a credential process, STS, SSO, container, instance metadata):
    /// that of one attempt. The operation's whole-call limit also counts the lookup (`ResolvedClient`).
    pub fn lookup_timeout(&self) -> Duration {
        self.timeout.unwrap_or(ATTEMPT_TIMEOUT)
    }

    fn attempts(&self) -> u32 {
        self.max_error_retry.unwrap_or(DEFAULT_MAX_ERROR_RETRY) + 1
    }

    pub fn retry_config(&self) -> RetryConfig {
        let config = match self.retry_mode.unwrap_or_default() {
            RetryMode::Standard => RetryConfig::standard(),
            RetryMode::Adaptive => RetryConfig::adaptive(),
        };
        config.with_max_attempts(self.attempts())
    }

    pub fn timeout_config(&self) -> TimeoutConfig {
        let attempt = self.timeout.unwrap_or(ATTEMPT_TIMEOUT);
        // A longer attempt timeout stretches the whole-call limit so that every attempt can use it;
        // a shorter one leaves the default whole-call limit in place.
        let operation = OPERATION_TIMEOUT.max(attempt.saturating_mul(self.attempts()));
        TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT.min(attempt))
            .operation_attempt_timeout(attempt)
            .operation_timeout(operation)
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_bound_every_phase_of_a_call() {
        let settings = CallSettings::default();
        let timeouts = settings.timeout_config();
        assert_eq!(timeouts.connect_timeout(), Some(CONNECT_TIMEOUT));
        assert_eq!(timeouts.operation_attempt_timeout(), Some(ATTEMPT_TIMEOUT));
        assert_eq!(timeouts.operation_timeout(), Some(OPERATION_TIMEOUT));
        assert_eq!(settings.retry_config().max_attempts(), 3);
    }

    #[test]
    fn client_config_values_are_honoured() {
        let settings = CallSettings {
            max_error_retry: Some(0),
            retry_mode: Some(RetryMode::parse("ADAPTIVE").unwrap()),
            timeout: Some(Duration::from_millis(500)),
        };
        assert_eq!(settings.retry_config().max_attempts(), 1);
        assert_eq!(settings.retry_config().mode(), aws_smithy_types::retry::RetryMode::Adaptive);
        let timeouts = settings.timeout_config();
        assert_eq!(timeouts.operation_attempt_timeout(), Some(Duration::from_millis(500)));
        assert_eq!(timeouts.connect_timeout(), Some(Duration::from_millis(500)));

        let slow = CallSettings { max_error_retry: Some(4), timeout: Some(Duration::from_secs(60)), ..settings };
        assert_eq!(slow.timeout_config().operation_timeout(), Some(Duration::from_secs(300)));
    }

    #[test]
    fn nonsense_is_invalid_input_for_client_config() {
        assert_eq!(RetryMode::parse("sometimes").unwrap_err().parameter, "ClientConfig");
        let too_many = CallSettings { max_error_retry: Some(11), ..Default::default() };
        assert_eq!(too_many.validate().unwrap_err().parameter, "ClientConfig");
        let zero = CallSettings { timeout: Some(Duration::ZERO), ..Default::default() };
        assert!(zero.validate().is_err());
    }
}
