//! The settings other than credentials and region that the AWS SDKs (the .NET one under AWS Tools
//! included) read from the environment and the shared config file, each with where it was found:
//! - the endpoint URL: `AWS_ENDPOINT_URL_SECRETS_MANAGER`, then `AWS_ENDPOINT_URL`, then the profile's
//!   `services` section (`secrets_manager = ` / `endpoint_url = `), then its `endpoint_url`; none of them
//!   when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the profile's `ignore_configured_endpoint_urls`) is true;
//! - `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, `AWS_USE_DUALSTACK_ENDPOINT` / `use_dualstack_endpoint`;
//! - `AWS_RETRY_MODE` / `retry_mode`, `AWS_MAX_ATTEMPTS` / `max_attempts`.
//!
//! A variable wins over the profile. The profile is the one whose region the region chain reads first:
//! `-ProfileName`, else `AWS_PROFILE` (a missing one has no settings: no fallback), else `default`, else,
//! when there is no `default` profile, AWS Tools' legacy `AWS PS Default`. What the cmdlet's own parameters
//! say (`-EndpointUrl`, `-ClientConfig`) wins over all of this; that choice is the caller's.
//!
//! The profile files are the ones already read and parsed for the chains (`ProfileSnapshot`). The parse is
//! aws-config's; the lookups are ours, because aws-config's `EnvConfigValue` reads the profile selected at
//! parse time only and looks for `secrets-manager` in a `services` section, where the SDKs' table of service
//! identifiers (and the .NET SDK) say `secrets_manager`.

use crate::credentials::target::{ServiceTarget, ShellEnvironment};
use crate::error::CallError;
use crate::operation::call_settings::{MAX_MAX_ERROR_RETRY, RetryMode};
use crate::profiles::profile_snapshot::{LEGACY_DEFAULT, ProfileSnapshot};
use aws_config::profile::{Profile, ProfileSet};
use aws_runtime::env_config::property::PropertiesKey;

/// The service's variable, and its key in a `services` section, from the SDKs' table of identifiers.
const SERVICE_VARIABLE: &str = "AWS_ENDPOINT_URL_SECRETS_MANAGER";
const SERVICE_KEY: &str = "secrets_manager";

/// A value and where it was found, in words for messages (`environment variable AWS_ENDPOINT_URL`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sourced<T> {
    pub(crate) value: T,
    pub(crate) source: String,
}

/// The settings profile of one call.
struct SettingsProfile<'a> {
    /// The name the user knows it by.
    name: String,
    profile: &'a Profile,
    sections: &'a ProfileSet,
}

/// The environment and settings profile of one call, read setting by setting, so that a setting the
/// cmdlet's parameters already decide is never read (and never fails the call when malformed).
pub(crate) struct ConfiguredSettings<'a> {
    env: &'a ShellEnvironment,
    profile: Option<SettingsProfile<'a>>,
}

impl<'a> ConfiguredSettings<'a> {
    pub(crate) async fn new(target: &'a ServiceTarget, store: &'a ProfileSnapshot) -> Self {
        let env = &target.environment;
        let named = target.profile_name.as_deref().or_else(|| env.get("AWS_PROFILE"));
        let candidates = match named {
            Some(name) => vec![name],
            None => vec!["default", LEGACY_DEFAULT],
        };
        let mut profile = None;
        for name in candidates {
            if let Some(key) = store.locate(name).await {
                let sections = store.profiles().await;
                profile = sections.get_profile(&key).map(|profile| SettingsProfile {
                    name: name.to_string(),
                    profile,
                    sections,
                });
                break;
            }
        }
        Self { env, profile }
    }

    /// The configured endpoint URL, unless configured endpoints are switched off.
    pub(crate) fn endpoint_url(&self) -> Result<Option<Sourced<String>>, CallError> {
        let ignore = self.setting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls");
        if ignore.map(|found| boolean(&found, "EndpointUrl")).transpose()?.is_some_and(|found| found.value) {
            return Ok(None);
        }
        let from_environment = [SERVICE_VARIABLE, "AWS_ENDPOINT_URL"].into_iter().find_map(|name| {
            Some(Sourced { value: self.env.get(name)?, source: format!("environment variable {name}") })
        });
        let found = from_environment.or_else(|| {
            let profile = self.profile.as_ref()?;
            profile.service_setting("endpoint_url").or_else(|| profile.setting("endpoint_url"))
        });
        let Some(found) = found else { return Ok(None) };
        crate::operation::validate::endpoint_url_from(found.value, "EndpointUrl", &found.source)?;
        Ok(Some(Sourced { value: found.value.to_string(), source: found.source }))
    }

    pub(crate) fn use_fips(&self) -> Result<Option<Sourced<bool>>, CallError> {
        let found = self.setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
        found.map(|found| boolean(&found, "ClientConfig")).transpose()
    }

    pub(crate) fn use_dual_stack(&self) -> Result<Option<Sourced<bool>>, CallError> {
        let found = self.setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
        found.map(|found| boolean(&found, "ClientConfig")).transpose()
    }

    pub(crate) fn retry_mode(&self) -> Result<Option<Sourced<RetryMode>>, CallError> {
        let Some(found) = self.setting("AWS_RETRY_MODE", "retry_mode") else { return Ok(None) };
        let mode = RetryMode::from_name(found.value).ok_or_else(|| {
            invalid(&found, "ClientConfig", "the retry mode must be standard, legacy (taken as standard) or adaptive")
        })?;
        Ok(Some(Sourced { value: mode, source: found.source }))
    }

    /// The maximum number of attempts (the first one included), 1 to `MAX_MAX_ERROR_RETRY + 1`.
    pub(crate) fn max_attempts(&self) -> Result<Option<Sourced<u32>>, CallError> {
        let Some(found) = self.setting("AWS_MAX_ATTEMPTS", "max_attempts") else { return Ok(None) };
        let most = MAX_MAX_ERROR_RETRY + 1;
        match found.value.parse::<u32>() {
            Ok(attempts) if (1..=most).contains(&attempts) => {
                Ok(Some(Sourced { value: attempts, source: found.source }))
            }
            _ => Err(invalid(
                &found,
                "ClientConfig",
                &format!("the maximum attempts must be a whole number from 1 to {most}"),
            )),
        }
    }

    /// A variable, else the profile's key.
    fn setting(&self, variable: &str, key: &str) -> Option<Sourced<&'a str>> {
        if let Some(value) = self.env.get(variable) {
            return Some(Sourced { value, source: format!("environment variable {variable}") });
        }
        self.profile.as_ref()?.setting(key)
    }
}

impl<'a> SettingsProfile<'a> {
    fn setting(&self, key: &str) -> Option<Sourced<&'a str>> {
        let value = self.profile.get(key).filter(|value| !value.is_empty())?;
        Some(Sourced { value, source: format!("{key} of profile '{}'", self.name) })
    }

    /// `key` for this service in the `[services name]` section the profile names with `services = name`.
    fn service_setting(&self, key: &str) -> Option<Sourced<&'a str>> {
        let section = self.profile.get("services")?;
        let property = PropertiesKey::builder()
            .section_key("services")
            .section_name(section)
            .property_name(SERVICE_KEY)
            .sub_property_name(key)
            .build()
            .ok()?;
        let value = self.sections.other_sections().get(&property).filter(|value| !value.is_empty())?;
        Some(Sourced {
            value,
            source: format!("{SERVICE_KEY} {key} of services section '{section}' (profile '{}')", self.name),
        })
    }
}

/// `true` or `false`, in any case, as the SDKs read these switches.
fn boolean(found: &Sourced<&str>, parameter: &str) -> Result<Sourced<bool>, CallError> {
    let value = match found.value.to_ascii_lowercase().as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(invalid(found, parameter, "it must be true or false")),
    };
    Ok(Sourced { value, source: found.source.clone() })
}

/// A malformed setting, named with where it was found; `parameter` is the cmdlet parameter that would
/// override it.
fn invalid(found: &Sourced<&str>, parameter: &str, why: &str) -> CallError {
    CallError::invalid_input(parameter, format!("The value '{}' of {} is not valid: {why}.", found.value, found.source))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::operation::call_settings::CallSettings;
    use crate::profiles::profile_snapshot::temp_home::TempHome;

    pub(crate) fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    /// A target whose environment is `variables` plus `HOME` = `home`.
    pub(crate) fn target_in(home: &TempHome, variables: &[(&str, &str)]) -> ServiceTarget {
        let mut target = ServiceTarget::default();
        target.environment.0.insert("HOME".into(), home.path());
        for (name, value) in variables {
            target.environment.0.insert(name.to_string(), value.to_string());
        }
        target
    }

    /// The configured endpoint and its source for `target`.
    fn endpoint(target: &ServiceTarget) -> Option<(String, String)> {
        let store = ProfileSnapshot::new(target.profile_location.as_deref(), &target.environment);
        let settings = block(ConfiguredSettings::new(target, &store));
        settings.endpoint_url().unwrap().map(|found| (found.value, found.source))
    }

    const ALL_FOUR: &str = "[default]\nendpoint_url = http://profile\nservices = dev\n\
        [services dev]\nsecrets_manager =\n  endpoint_url = http://services-section\n\
        s3 =\n  endpoint_url = http://other-service\n";

    #[test]
    fn the_service_variable_then_the_global_one_then_the_services_section_then_the_profile() {
        let home = TempHome::new("endpoint-order", ALL_FOUR, "");
        let both = [("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://service-var"), ("AWS_ENDPOINT_URL", "http://global")];
        let expected = |url: &str, source: &str| Some((url.to_string(), source.to_string()));
        assert_eq!(
            endpoint(&target_in(&home, &both)),
            expected("http://service-var", "environment variable AWS_ENDPOINT_URL_SECRETS_MANAGER")
        );
        assert_eq!(
            endpoint(&target_in(&home, &both[1..])),
            expected("http://global", "environment variable AWS_ENDPOINT_URL")
        );
        assert_eq!(
            endpoint(&target_in(&home, &[])),
            expected(
                "http://services-section",
                "secrets_manager endpoint_url of services section 'dev' (profile 'default')"
            )
        );
        let without_section = TempHome::new("endpoint-profile", "[default]\nendpoint_url = http://profile\n", "");
        assert_eq!(
            endpoint(&target_in(&without_section, &[])),
            expected("http://profile", "endpoint_url of profile 'default'")
        );
        let other_service_only = TempHome::new(
            "endpoint-s3",
            "[default]\nservices = dev\n[services dev]\ns3 =\n  endpoint_url = http://s3\n",
            "",
        );
        assert_eq!(endpoint(&target_in(&other_service_only, &[])), None);
    }

    #[test]
    fn the_ignore_switch_turns_every_configured_endpoint_off_and_the_variable_beats_the_profile() {
        let home = TempHome::new("endpoint-ignore", ALL_FOUR, "");
        let global = ("AWS_ENDPOINT_URL", "http://global");
        assert_eq!(endpoint(&target_in(&home, &[global, ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE")])), None);
        let ignoring = TempHome::new(
            "endpoint-ignore-profile",
            &format!("{ALL_FOUR}\n[default]\nignore_configured_endpoint_urls = true\n"),
            "",
        );
        assert_eq!(endpoint(&target_in(&ignoring, &[global])), None);
        let not_ignoring = target_in(&ignoring, &[global, ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")]);
        assert_eq!(endpoint(&not_ignoring).map(|(url, _)| url).as_deref(), Some("http://global"));
    }

    #[test]
    fn with_profile_location_only_the_profile_s_own_endpoint_url_counts() {
        let services = "services = dev\n[services dev]\nsecrets_manager =\n  endpoint_url = http://section\n";
        let home = TempHome::new("endpoint-location", "", "");
        let [_, credentials] = home.files();
        let mut target = target_in(&home, &[]);
        target.profile_location = Some(credentials.to_string_lossy().into_owned());
        target.profile_name = Some("p".into());

        std::fs::write(&credentials, format!("[p]\nendpoint_url = http://own\n{services}")).unwrap();
        let expected = ("http://own".to_string(), "endpoint_url of profile 'p'".to_string());
        assert_eq!(endpoint(&target), Some(expected));
        std::fs::write(&credentials, format!("[p]\n{services}")).unwrap();
        assert_eq!(endpoint(&target), None, "a -ProfileLocation file is read as a credentials file: no sections");
    }

    #[test]
    fn the_settings_profile_is_the_named_one_else_default_else_aws_ps_default() {
        let config = "[default]\nendpoint_url = http://default\n[profile named]\nendpoint_url = http://named\n\
            [profile AWS PS Default]\nendpoint_url = http://legacy\n";
        let home = TempHome::new("settings-profile", config, "");
        let url = |target: &ServiceTarget| endpoint(target).map(|(url, _)| url);
        let mut by_parameter = target_in(&home, &[("AWS_PROFILE", "default")]);
        by_parameter.profile_name = Some("named".into());
        assert_eq!(url(&by_parameter).as_deref(), Some("http://named"), "-ProfileName before AWS_PROFILE");
        assert_eq!(url(&target_in(&home, &[("AWS_PROFILE", "named")])).as_deref(), Some("http://named"));
        assert_eq!(url(&target_in(&home, &[("AWS_PROFILE", "missing")])), None, "a missing named profile: no fallback");
        assert_eq!(url(&target_in(&home, &[])).as_deref(), Some("http://default"));

        let default_without_endpoint = TempHome::new(
            "settings-profile-default",
            "[default]\nregion = us-east-1\n[profile AWS PS Default]\nendpoint_url = http://legacy\n",
            "",
        );
        assert_eq!(url(&target_in(&default_without_endpoint, &[])), None, "a default profile is the profile");
        let legacy_only =
            TempHome::new("settings-profile-legacy", "", "[AWS PS Default]\nendpoint_url = http://legacy\n");
        let found = endpoint(&target_in(&legacy_only, &[]));
        assert_eq!(found, Some(("http://legacy".to_string(), "endpoint_url of profile 'AWS PS Default'".to_string())));
    }

    #[test]
    fn a_fips_or_dual_stack_variable_wins_over_the_profile_either_way() {
        let home =
            TempHome::new("switches", "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = false\n", "");
        let switches = |variables: &[(&str, &str)]| {
            let target = target_in(&home, variables);
            let store = ProfileSnapshot::new(None, &target.environment);
            let settings = block(ConfiguredSettings::new(&target, &store));
            let fips = settings.use_fips().unwrap().unwrap();
            let dual = settings.use_dual_stack().unwrap().unwrap();
            ((fips.value, fips.source), (dual.value, dual.source))
        };
        let from_profile = switches(&[]);
        assert_eq!(from_profile.0, (true, "use_fips_endpoint of profile 'default'".to_string()));
        assert_eq!(from_profile.1, (false, "use_dualstack_endpoint of profile 'default'".to_string()));
        let from_variables = switches(&[("AWS_USE_FIPS_ENDPOINT", "false"), ("AWS_USE_DUALSTACK_ENDPOINT", "True")]);
        assert_eq!(from_variables.0, (false, "environment variable AWS_USE_FIPS_ENDPOINT".to_string()));
        assert_eq!(from_variables.1, (true, "environment variable AWS_USE_DUALSTACK_ENDPOINT".to_string()));
    }

    #[test]
    fn malformed_settings_fail_naming_where_they_were_found_and_the_parameter_that_overrides_them() {
        let home = TempHome::new("settings-bad", "[default]\nmax_attempts = 0\nretry_mode = sometimes\n", "");
        let target = target_in(&home, &[("AWS_USE_FIPS_ENDPOINT", "yes"), ("AWS_ENDPOINT_URL", "localhost:4566")]);
        let store = ProfileSnapshot::new(None, &target.environment);
        let settings = block(ConfiguredSettings::new(&target, &store));
        let error = settings.use_fips().unwrap_err();
        assert_eq!(error.parameter, "ClientConfig");
        assert_eq!(
            error.message,
            "The value 'yes' of environment variable AWS_USE_FIPS_ENDPOINT is not valid: it must be true or false."
        );
        let error = settings.endpoint_url().unwrap_err();
        assert_eq!(error.parameter, "EndpointUrl");
        assert!(error.message.starts_with("'localhost:4566' (environment variable AWS_ENDPOINT_URL) is not a valid"));
        let error = settings.max_attempts().unwrap_err();
        assert_eq!(
            error.message,
            "The value '0' of max_attempts of profile 'default' is not valid: the maximum attempts must be a whole number from 1 to 11."
        );
        assert!(settings.retry_mode().unwrap_err().message.contains("retry_mode of profile 'default'"));
        let error = CallSettings::default().with_configured(&settings).unwrap_err();
        assert_eq!(error.parameter, "ClientConfig");
        let explicit =
            CallSettings { max_error_retry: Some(1), retry_mode: Some(RetryMode::Standard), ..Default::default() };
        assert_eq!(explicit.with_configured(&settings).unwrap(), explicit, "explicit values never read the bad ones");
    }

    #[test]
    fn retry_settings_come_from_the_variable_then_the_profile_and_client_config_wins() {
        let home = TempHome::new("settings-retry", "[default]\nmax_attempts = 7\nretry_mode = adaptive\n", "");
        let effective = |variables: &[(&str, &str)], explicit: CallSettings| {
            let target = target_in(&home, variables);
            let store = ProfileSnapshot::new(None, &target.environment);
            let settings = block(ConfiguredSettings::new(&target, &store));
            explicit.with_configured(&settings).unwrap()
        };
        let from_profile = effective(&[], CallSettings::default());
        assert_eq!((from_profile.max_error_retry, from_profile.retry_mode), (Some(6), Some(RetryMode::Adaptive)));
        assert_eq!(from_profile.retry_config().max_attempts(), 7);
        let from_variables =
            effective(&[("AWS_MAX_ATTEMPTS", "2"), ("AWS_RETRY_MODE", "Legacy")], CallSettings::default());
        assert_eq!((from_variables.max_error_retry, from_variables.retry_mode), (Some(1), Some(RetryMode::Standard)));
        let explicit = CallSettings { max_error_retry: Some(0), ..Default::default() };
        let mixed = effective(&[("AWS_MAX_ATTEMPTS", "2")], explicit);
        assert_eq!((mixed.max_error_retry, mixed.retry_mode), (Some(0), Some(RetryMode::Adaptive)));
    }
}
