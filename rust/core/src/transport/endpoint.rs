//! Where a call goes, as the AWS SDKs decide it: `-EndpointUrl`, else `-ClientConfig`'s ServiceURL, else
//! the configured endpoint URL (environment or profile, see `configured_settings`), else the AWS endpoint
//! of the region. The SDK's own endpoint rules turn the region and the FIPS and dual-stack switches
//! (`-ClientConfig` UseFIPSEndpoint/UseDualstackEndpoint, else the environment or profile) into that
//! endpoint, and refuse either switch with a custom endpoint, as every AWS SDK does.

use crate::credentials::configured_settings::{ConfiguredSettings, Sourced};
use crate::credentials::target::ServiceTarget;
use crate::error::CallError;
use crate::operation::validate;
use aws_sdk_secretsmanager::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};

/// `-ClientConfig`'s endpoint settings, as the cmdlet read them.
#[derive(Debug, Clone, Default)]
pub struct ClientConfigEndpoint {
    pub service_url: Option<String>,
    pub use_fips: Option<bool>,
    pub use_dual_stack: Option<bool>,
}

/// The endpoint settings of one call, chosen before its region is known.
#[derive(Debug, Clone)]
pub(crate) struct ChosenEndpoint {
    /// A custom endpoint (explicit or configured); `None` for the AWS endpoint of the region.
    pub(crate) custom: Option<Sourced<String>>,
    use_fips: Option<Sourced<bool>>,
    use_dual_stack: Option<Sourced<bool>>,
}

/// The endpoint a call goes to and where it came from, for messages.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedEndpoint {
    pub(crate) url: String,
    pub(crate) source: String,
}

impl ChosenEndpoint {
    /// Reads only what the parameters leave open; a custom endpoint with FIPS or dual-stack fails here,
    /// before any credential lookup.
    pub(crate) async fn choose(target: &ServiceTarget, configured: &ConfiguredSettings<'_>) -> Result<Self, CallError> {
        let explicit = &target.client_config_endpoint;
        let custom = if let Some(url) = &target.endpoint_url {
            Some(Sourced { value: url.clone(), source: "EndpointUrl parameter".into() })
        } else if let Some(url) = &explicit.service_url {
            let source = "ServiceURL of ClientConfig";
            validate::endpoint_url_from(url, "ClientConfig", source)?;
            Some(Sourced { value: url.clone(), source: source.into() })
        } else {
            configured.endpoint_url()?
        };
        let use_fips = match explicit.use_fips {
            Some(value) => Some(Sourced { value, source: "UseFIPSEndpoint of ClientConfig".into() }),
            None => configured.use_fips()?,
        };
        let use_dual_stack = match explicit.use_dual_stack {
            Some(value) => Some(Sourced { value, source: "UseDualstackEndpoint of ClientConfig".into() }),
            None => configured.use_dual_stack()?,
        };
        let chosen = Self { custom, use_fips, use_dual_stack };
        if chosen.custom.is_some() {
            // The rules need no region for a custom endpoint: this is the SDK's own check of the switches.
            chosen.resolve_url(None).await.map_err(|why| chosen.conflict(target, &why))?;
        }
        Ok(chosen)
    }

    pub(crate) fn use_fips(&self) -> bool {
        self.use_fips.as_ref().is_some_and(|found| found.value)
    }

    pub(crate) fn use_dual_stack(&self) -> bool {
        self.use_dual_stack.as_ref().is_some_and(|found| found.value)
    }

    /// The URL for `region` and where it came from.
    pub(crate) async fn resolve(&self, region: &str) -> Result<ResolvedEndpoint, CallError> {
        let url = self.resolve_url(Some(region)).await.map_err(CallError::internal)?;
        let source = match &self.custom {
            Some(custom) => custom.source.clone(),
            None => {
                let switches: Vec<String> = [("FIPS", &self.use_fips), ("dual-stack", &self.use_dual_stack)]
                    .into_iter()
                    .filter_map(|(name, found)| found.as_ref().filter(|found| found.value).map(|f| (name, f)))
                    .map(|(name, found)| format!("{name}: {}", found.source))
                    .collect();
                match switches.is_empty() {
                    true => format!("region '{region}'"),
                    false => format!("region '{region}' ({})", switches.join("; ")),
                }
            }
        };
        Ok(ResolvedEndpoint { url, source })
    }

    /// The SDK's endpoint rules applied to these settings (they answer at once: no I/O).
    async fn resolve_url(&self, region: Option<&str>) -> Result<String, String> {
        let params = Params::builder()
            .set_region(region.map(str::to_string))
            .use_fips(self.use_fips())
            .use_dual_stack(self.use_dual_stack())
            .set_endpoint(self.custom.as_ref().map(|custom| custom.value.clone()))
            .build()
            .map_err(|error| error.to_string())?;
        let endpoint = DefaultResolver::new().resolve_endpoint(&params).await.map_err(|error| error.to_string())?;
        Ok(endpoint.url().to_string())
    }

    /// The SDK's refusal of a custom endpoint with FIPS or dual-stack, with where each came from.
    fn conflict(&self, target: &ServiceTarget, why: &str) -> CallError {
        let custom = self.custom.as_ref().expect("only a custom endpoint conflicts");
        let (switch, setting, found) = if self.use_fips() {
            ("FIPS", "UseFIPSEndpoint", self.use_fips.as_ref())
        } else {
            ("dual-stack", "UseDualstackEndpoint", self.use_dual_stack.as_ref())
        };
        let switch_source = found.map_or("", |found| found.source.as_str());
        let explicit = &target.client_config_endpoint;
        let parameter =
            if target.endpoint_url.is_some() && explicit.use_fips.is_none() && explicit.use_dual_stack.is_none() {
                "EndpointUrl"
            } else {
                "ClientConfig"
            };
        CallError::invalid_input(
            parameter,
            format!(
                "{why}: the endpoint '{}' ({}) cannot be used with {switch} ({switch_source}). Leave out the custom endpoint, or turn {switch} off for this call with -ClientConfig @{{ {setting} = $false }}.",
                validate::redact_userinfo(&custom.value),
                custom.source,
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::configured_settings::tests::block;
    use crate::profiles::profile_snapshot::ProfileSnapshot;

    /// The endpoint chosen for `target` and resolved for us-east-1, or the error.
    fn resolved(target: &ServiceTarget) -> Result<ResolvedEndpoint, CallError> {
        let store = ProfileSnapshot::new(None, &target.environment);
        block(async {
            let configured = ConfiguredSettings::new(target, &store).await;
            ChosenEndpoint::choose(target, &configured).await?.resolve("us-east-1").await
        })
    }

    fn with_variables(variables: &[(&str, &str)]) -> ServiceTarget {
        let mut target = ServiceTarget::default();
        for (name, value) in variables {
            target.environment.0.insert(name.to_string(), value.to_string());
        }
        target
    }

    #[test]
    fn fips_and_dual_stack_make_the_sdk_s_hosts_and_say_where_they_came_from() {
        let plain = resolved(&with_variables(&[])).unwrap();
        assert_eq!(
            (plain.url.as_str(), plain.source.as_str()),
            ("https://secretsmanager.us-east-1.amazonaws.com", "region 'us-east-1'")
        );
        let fips = resolved(&with_variables(&[("AWS_USE_FIPS_ENDPOINT", "true")])).unwrap();
        assert_eq!(fips.url, "https://secretsmanager-fips.us-east-1.amazonaws.com");
        assert_eq!(fips.source, "region 'us-east-1' (FIPS: environment variable AWS_USE_FIPS_ENDPOINT)");
        // Secrets Manager's standard endpoints speak IPv6 already: the SDK's rules change the host for
        // dual-stack only where another one exists, as for FIPS in the China regions.
        let dual = resolved(&with_variables(&[("AWS_USE_DUALSTACK_ENDPOINT", "true")])).unwrap();
        assert_eq!(dual.url, "https://secretsmanager.us-east-1.amazonaws.com");
        assert_eq!(dual.source, "region 'us-east-1' (dual-stack: environment variable AWS_USE_DUALSTACK_ENDPOINT)");
        let both = with_variables(&[("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "true")]);
        let store = ProfileSnapshot::new(None, &both.environment);
        let in_china = |target: &ServiceTarget| {
            block(async {
                let configured = ConfiguredSettings::new(target, &store).await;
                ChosenEndpoint::choose(target, &configured).await.unwrap().resolve("cn-north-1").await.unwrap().url
            })
        };
        assert_eq!(in_china(&both), "https://secretsmanager-fips.cn-north-1.api.amazonwebservices.com.cn");
        let fips_only = with_variables(&[("AWS_USE_FIPS_ENDPOINT", "true")]);
        assert_eq!(in_china(&fips_only), "https://secretsmanager-fips.cn-north-1.amazonaws.com.cn");

        let mut explicit_off = with_variables(&[("AWS_USE_FIPS_ENDPOINT", "true")]);
        explicit_off.client_config_endpoint.use_fips = Some(false);
        assert_eq!(resolved(&explicit_off).unwrap().url, "https://secretsmanager.us-east-1.amazonaws.com");
        let mut explicit_on = with_variables(&[("AWS_USE_FIPS_ENDPOINT", "false")]);
        explicit_on.client_config_endpoint.use_fips = Some(true);
        assert_eq!(
            resolved(&explicit_on).unwrap().source,
            "region 'us-east-1' (FIPS: UseFIPSEndpoint of ClientConfig)"
        );
    }

    #[test]
    fn the_endpoint_parameter_then_service_url_then_the_configured_endpoint() {
        let mut target = with_variables(&[("AWS_ENDPOINT_URL", "http://configured:1")]);
        target.client_config_endpoint.service_url = Some("http://service-url:2".into());
        target.endpoint_url = Some("http://parameter:3".into());
        let found = |target: &ServiceTarget| {
            let endpoint = resolved(target).unwrap();
            (endpoint.url, endpoint.source)
        };
        assert_eq!(found(&target), ("http://parameter:3".into(), "EndpointUrl parameter".into()));
        target.endpoint_url = None;
        assert_eq!(found(&target), ("http://service-url:2".into(), "ServiceURL of ClientConfig".into()));
        target.client_config_endpoint.service_url = None;
        assert_eq!(found(&target), ("http://configured:1".into(), "environment variable AWS_ENDPOINT_URL".into()));

        target.client_config_endpoint.service_url = Some("not a url".into());
        assert_eq!(resolved(&target).unwrap_err().parameter, "ClientConfig");
    }

    #[test]
    fn settings_the_parameters_decide_are_never_read_so_malformed_ones_do_not_fail_the_call() {
        let mut target = with_variables(&[
            ("AWS_ENDPOINT_URL", "localhost:4566"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "on"),
            ("AWS_USE_FIPS_ENDPOINT", "yes"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "1"),
        ]);
        assert!(resolved(&target).is_err(), "read when nothing decides them");
        target.endpoint_url = Some("http://127.0.0.1:5000".into());
        target.client_config_endpoint.use_fips = Some(false);
        target.client_config_endpoint.use_dual_stack = Some(false);
        assert_eq!(resolved(&target).unwrap().url, "http://127.0.0.1:5000");
    }

    #[test]
    fn a_custom_endpoint_with_fips_or_dual_stack_is_refused_as_the_sdks_refuse_it() {
        let mut target = with_variables(&[("AWS_USE_FIPS_ENDPOINT", "true")]);
        target.endpoint_url = Some("http://user:pw@127.0.0.1:5000".into());
        let error = resolved(&target).unwrap_err();
        assert_eq!(error.parameter, "EndpointUrl");
        assert_eq!(
            error.message,
            "Invalid Configuration: FIPS and custom endpoint are not supported: the endpoint 'http://***@127.0.0.1:5000' \
             (EndpointUrl parameter) cannot be used with FIPS (environment variable AWS_USE_FIPS_ENDPOINT). Leave out the \
             custom endpoint, or turn FIPS off for this call with -ClientConfig @{ UseFIPSEndpoint = $false }."
        );
        target.client_config_endpoint.use_fips = Some(false);
        assert!(resolved(&target).is_ok(), "ClientConfig turns the variable's FIPS off");

        let mut dual = with_variables(&[("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")]);
        dual.client_config_endpoint.use_dual_stack = Some(true);
        let error = resolved(&dual).unwrap_err();
        assert_eq!(error.parameter, "ClientConfig");
        assert!(error.message.starts_with("Invalid Configuration: Dualstack and custom endpoint are not supported"));
    }
}
