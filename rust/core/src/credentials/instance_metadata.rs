//! EC2 instance metadata (IMDSv2), probed with tight bounds so that, off EC2, a call with nothing
//! configured fails within a second instead of waiting through the SDK's retries.
//! `AWS_EC2_METADATA_DISABLED=true` skips it; `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it.

use crate::credentials::target::ShellEnvironment;
use crate::transport::http;
use aws_config::imds;
use aws_config::provider_config::ProviderConfig;
use std::time::Duration;

/// Each request to the metadata service (token, role, credentials, region) gets this long.
const PROBE_TIMEOUT: Duration = Duration::from_millis(700);

/// The metadata client, or `None` when disabled or the endpoint is unusable.
pub(crate) fn client(env: &ShellEnvironment) -> Option<imds::Client> {
    if env.get("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return None;
    }
    let endpoint = env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").unwrap_or("http://169.254.169.254");
    let config = ProviderConfig::without_region().with_http_client(http::shared_client_for(Some(endpoint)));
    let builder = imds::Client::builder()
        .configure(&config)
        .max_attempts(1)
        .connect_timeout(PROBE_TIMEOUT)
        .read_timeout(PROBE_TIMEOUT)
        .operation_timeout(PROBE_TIMEOUT * 2);
    builder.endpoint(endpoint).ok().map(|b| b.build())
}
