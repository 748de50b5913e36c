//! The HTTP client that aws-config's credential providers (STS, SSO, the container and metadata
//! services) get from the credential chain's loader.
//!
//! aws-smithy-http-client's clients check themselves for every SDK client made with them by building a
//! throwaway TLS connector holding all the trusted roots. Profile-based connections are resolved on every
//! call, and aws-config's loader makes such clients every time (STS for its web identity step, even when
//! unused; STS or SSO for a role or SSO profile): measured, that was most of a profile-based `connect`.
//! This client hands out the shared connectors, built once per timeout setting when a request first
//! needs one, and skips that check (as the shared clients themselves now do, see `per_lane_client`).

use crate::transport::http;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector};
use aws_smithy_runtime_api::client::runtime_components::{RuntimeComponents, RuntimeComponentsBuilder};
use aws_smithy_types::config_bag::ConfigBag;
use once_cell::sync::Lazy;

static FOR_PROVIDERS: Lazy<SharedHttpClient> = Lazy::new(|| SharedHttpClient::new(WithoutEagerCheck));

/// The client for the credential providers' own requests (always HTTPS unless an endpoint variable
/// such as `AWS_ENDPOINT_URL_STS` says otherwise; the shared client speaks both).
pub(crate) fn client() -> SharedHttpClient {
    FOR_PROVIDERS.clone()
}

/// `http::shared_client_for(None)`, looked up per connector so that it is whatever `http` shares at the time.
#[derive(Debug)]
struct WithoutEagerCheck;

impl HttpClient for WithoutEagerCheck {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        http::shared_client_for(None).http_connector(settings, components)
    }

    /// Not passed on: this is the check that builds a throwaway connector per SDK client.
    fn validate_base_client_config(&self, _: &RuntimeComponentsBuilder, _: &ConfigBag) -> Result<(), BoxError> {
        Ok(())
    }

    fn validate_final_config(&self, components: &RuntimeComponents, cfg: &ConfigBag) -> Result<(), BoxError> {
        http::shared_client_for(None).validate_final_config(components, cfg)
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        http::shared_client_for(None).connector_metadata()
    }
}
