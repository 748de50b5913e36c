//! The calling shell's environment variables, as the module gathers them, and the list of the names it
//! gathers. pwsh keeps its own copy of the environment (`$env:X = ...` is invisible to `getenv`), so the
//! module looks each listed name up and hands the values down; the native library never reads `getenv`
//! for them. (Only `SSL_CERT_FILE`/`SSL_CERT_DIR` come from the process environment, as .NET reads them:
//! see `trust_store`.)
//!
//! The list lives here, next to the code that reads the variables, and the module asks for it through
//! `sm_environment_names`: a variable the core reads but this list lacks would silently never arrive,
//! so `ShellEnvironment::get` refuses unlisted names in debug builds (every test that reads one fails).

use std::collections::HashMap;
use std::fmt;

/// Every environment variable the core reads, directly or through aws-config.
pub const GATHERED_VARIABLES: &[&str] = &[
    "HOME",
    "USERPROFILE",
    "HOMEDRIVE",
    "HOMEPATH",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SECRET_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
    "AWS_STS_REGIONAL_ENDPOINTS",
    "AWS_ROLE_SESSION_NAME",
    // Endpoint and retry settings (configured_settings.rs).
    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
    "AWS_USE_FIPS_ENDPOINT",
    "AWS_USE_DUALSTACK_ENDPOINT",
    "AWS_RETRY_MODE",
    "AWS_MAX_ATTEMPTS",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_EC2_METADATA_SERVICE_ENDPOINT",
    "AWS_EC2_METADATA_DISABLED",
    // The proxy variables .NET's default proxy reads, which AWS Tools therefore honours.
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
    "no_proxy",
    "NO_PROXY",
];

/// The gathered variables of the calling shell (those of `GATHERED_VARIABLES` that are set).
#[derive(Clone, Default)]
pub struct ShellEnvironment(pub HashMap<String, String>);

impl ShellEnvironment {
    /// A variable's value when it is set and not empty. `name` must be one of `GATHERED_VARIABLES`.
    pub fn get(&self, name: &str) -> Option<&str> {
        debug_assert!(GATHERED_VARIABLES.contains(&name), "{name} is read but not in GATHERED_VARIABLES");
        self.0.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }
}

impl fmt::Debug for ShellEnvironment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names only: AWS_SECRET_ACCESS_KEY may be among them.
        f.debug_list().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_each_name_once() {
        let mut names = GATHERED_VARIABLES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), GATHERED_VARIABLES.len());
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "AWS_NOT_GATHERED is read but not in GATHERED_VARIABLES")]
    fn reading_a_variable_that_is_not_gathered_fails_in_debug_builds() {
        let _ = ShellEnvironment::default().get("AWS_NOT_GATHERED");
    }
}
