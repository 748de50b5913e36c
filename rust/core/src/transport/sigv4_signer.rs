//! SigV4 signing for this library's requests, with the signing key derived once per day, region, service and
//! key pair instead of for every request.
//!
//! The SDK's signer (`aws_runtime`'s `SigV4Signer` over `aws_sigv4`) derives the key with four HMACs, builds
//! the canonical request through a header map and several formatted strings, and hashes it: about a sixth of
//! a call's instructions against a fast endpoint (bench/analysis.md). A PutSecretValue request is always the
//! simple case of SigV4: a POST to `/` with no query, headers only, the body in memory. This signer writes
//! that case's canonical request directly and keeps the day's key; any other request (a query, another path,
//! presigning, payload options, a non-AWS identity) goes to the SDK's signer unchanged. It signs at the SDK's time, corrected by the service's clock as the SDK's is
//! (`service_clock`). It replaces the SDK's `sigv4` scheme on our clients (`push_auth_scheme`).
//!
//! Checked three ways: the unit tests below compare every header with the SDK's signer's on the same
//! requests; the test harness's moto recomputes every signature with botocore's signer
//! (tests/harness/sigv4_verifier.py); and the fallback cases are tested to take the SDK's path.

use crate::transport::service_clock::ServiceClockOffset;
use aws_credential_types::Credentials;
use aws_runtime::auth::sigv4::{SCHEME_ID, SigV4Signer};
use aws_runtime::auth::{
    HttpSignatureType, PayloadSigningOverride, SigV4OperationSigningConfig, SigV4SessionTokenNameOverride,
};
use aws_sigv4::sign::v4::{calculate_signature, generate_signing_key};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::{AuthScheme, AuthSchemeEndpointConfig, AuthSchemeId, Sign};
use aws_smithy_runtime_api::client::identity::{Identity, SharedIdentityResolver};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{GetIdentityResolver, RuntimeComponents};
use aws_smithy_types::DateTime;
use aws_smithy_types::Document;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::date_time::Format;
use aws_types::SigningName;
use aws_types::region::{Region, SigningRegion};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;
use zeroize::Zeroizing;

/// Headers the SDK's signer never signs (`aws_sigv4`'s default exclusions).
const NOT_SIGNED: [&str; 4] = ["authorization", "user-agent", "x-amzn-trace-id", "transfer-encoding"];
/// Headers signing sets; a request that already has one goes to the SDK's signer.
const SET_BY_SIGNING: [&str; 2] = ["x-amz-date", "x-amz-security-token"];

/// The `sigv4` auth scheme of one SDK client: this crate's signer in place of the SDK's.
#[derive(Debug)]
pub(crate) struct CachedKeySigV4 {
    signer: CachedKeySigner,
}

impl CachedKeySigV4 {
    pub(crate) fn new(clock: Arc<ServiceClockOffset>) -> Self {
        Self { signer: CachedKeySigner { clock, sdk: SigV4Signer::new(), key: Mutex::new(None) } }
    }
}

impl AuthScheme for CachedKeySigV4 {
    fn scheme_id(&self) -> AuthSchemeId {
        SCHEME_ID
    }

    fn identity_resolver(&self, identity_resolvers: &dyn GetIdentityResolver) -> Option<SharedIdentityResolver> {
        identity_resolvers.identity_resolver(self.scheme_id())
    }

    fn signer(&self) -> &dyn Sign {
        &self.signer
    }
}

#[derive(Debug)]
struct CachedKeySigner {
    clock: Arc<ServiceClockOffset>,
    /// For every request that is not the simple case.
    sdk: SigV4Signer,
    key: Mutex<Option<SigningKey>>,
}

/// A derived key and what it was derived from; the secret parts are wiped when it is replaced.
struct SigningKey {
    access_key: String,
    secret_key: Zeroizing<String>,
    /// `date/region/service`, the credential scope without its `aws4_request`.
    scope: String,
    key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").field("scope", &self.scope).finish_non_exhaustive()
    }
}

impl Sign for CachedKeySigner {
    fn sign_http_request(
        &self,
        request: &mut HttpRequest,
        identity: &Identity,
        auth_scheme_endpoint_config: AuthSchemeEndpointConfig<'_>,
        runtime_components: &RuntimeComponents,
        config_bag: &ConfigBag,
    ) -> Result<(), BoxError> {
        match SimpleCase::of(request, identity, &auth_scheme_endpoint_config, config_bag) {
            Some(case) => {
                let now = runtime_components.time_source().unwrap_or_default().now();
                self.sign(request, &case, self.clock.corrected(now, config_bag));
                Ok(())
            }
            None => self.sdk.sign_http_request(
                request,
                identity,
                auth_scheme_endpoint_config,
                runtime_components,
                config_bag,
            ),
        }
    }
}

/// What a request that this signer handles itself is signed with.
struct SimpleCase<'a> {
    credentials: &'a Credentials,
    region: SigningRegion,
    name: SigningName,
    /// The `Host` value to sign when the request has none yet (the HTTP client adds it on sending).
    host: String,
}

impl<'a> SimpleCase<'a> {
    /// `None` unless the request is the simple case, with the settings the SDK's signer would use.
    fn of(
        request: &HttpRequest,
        identity: &'a Identity,
        endpoint_config: &AuthSchemeEndpointConfig<'_>,
        cfg: &ConfigBag,
    ) -> Option<Self> {
        let credentials = identity.data::<Credentials>()?;
        let operation = cfg.load::<SigV4OperationSigningConfig>()?;
        let options = &operation.signing_options;
        if options.signature_type != HttpSignatureType::HttpRequestHeaders
            || options.content_sha256_header
            || options.omit_session_token
            || options.payload_override.is_some()
            || options.expires_in.is_some()
            || cfg.load::<SigV4SessionTokenNameOverride>().is_some()
            || cfg.load::<PayloadSigningOverride>().is_some()
        {
            return None;
        }
        request.body().bytes()?;
        if SET_BY_SIGNING.iter().any(|name| request.headers().contains_key(name)) {
            return None;
        }
        let host = simple_host(request.uri())?.to_string();
        // As the SDK's signer: the endpoint's signing name and region first, then the config bag's, then
        // the operation's. (The endpoint's encoding and normalisation flags change nothing for `/`.)
        let region = match endpoint_config.get("signingRegion") {
            Some(Document::String(region)) => Some(SigningRegion::from(Region::new(region.clone()))),
            Some(_) => return None,
            None => cfg.load::<SigningRegion>().cloned(),
        }
        .or_else(|| operation.region.clone())?;
        let name = match endpoint_config.get("signingName") {
            Some(Document::String(name)) => Some(SigningName::from(name.clone())),
            Some(_) => return None,
            None => cfg.load::<SigningName>().cloned(),
        }
        .or_else(|| operation.name.clone())?;
        Some(Self { credentials, region, name, host })
    }
}

/// The host to sign for `http(s)://authority[/]`, without a default port as the SDK's signer does; `None`
/// for anything else (a path, a query, user information in the authority).
fn simple_host(uri: &str) -> Option<&str> {
    let (rest, default_port) = if let Some(rest) = uri.strip_prefix("https://") {
        (rest, ":443")
    } else {
        (uri.strip_prefix("http://")?, ":80")
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.is_empty() || authority.contains(['/', '?', '#', '@']) {
        return None;
    }
    Some(authority.strip_suffix(default_port).unwrap_or(authority))
}

impl CachedKeySigner {
    fn sign(&self, request: &mut HttpRequest, case: &SimpleCase<'_>, time: SystemTime) {
        let credentials = case.credentials;
        let date_time = amz_date_time(time);
        let date = &date_time[..8];
        let scope = format!("{date}/{}/{}", case.region.as_ref(), case.name.as_ref());
        let token = credentials.session_token();

        let mut headers: Vec<(&str, String)> = request
            .headers()
            .iter()
            .filter(|(name, _)| !NOT_SIGNED.contains(name))
            .map(|(name, value)| (name, trim_all(value)))
            .collect();
        if !request.headers().contains_key("host") {
            headers.push(("host", case.host.clone()));
        }
        headers.push(("x-amz-date", date_time.clone()));
        if let Some(token) = token {
            headers.push(("x-amz-security-token", token.to_string()));
        }
        // Stable: values of one name stay in the request's order, joined with commas.
        headers.sort_by(|a, b| a.0.cmp(b.0));

        let body = request.body().bytes().unwrap_or_default();
        let mut canonical = String::with_capacity(512);
        canonical.push_str(request.method());
        canonical.push_str("\n/\n\n");
        let mut signed_headers = String::with_capacity(128);
        for (index, (name, value)) in headers.iter().enumerate() {
            if index > 0 && headers[index - 1].0 == *name {
                canonical.push(',');
            } else {
                if index > 0 {
                    canonical.push('\n');
                    signed_headers.push(';');
                }
                canonical.push_str(name);
                canonical.push(':');
                signed_headers.push_str(name);
            }
            canonical.push_str(value);
        }
        canonical.push_str("\n\n");
        canonical.push_str(&signed_headers);
        canonical.push('\n');
        push_hex(&mut canonical, &Sha256::digest(body));

        let mut string_to_sign = String::with_capacity(160);
        string_to_sign.push_str("AWS4-HMAC-SHA256\n");
        string_to_sign.push_str(&date_time);
        string_to_sign.push('\n');
        string_to_sign.push_str(&scope);
        string_to_sign.push_str("/aws4_request\n");
        push_hex(&mut string_to_sign, &Sha256::digest(canonical.as_bytes()));

        let signature =
            self.with_key(credentials, &scope, time, case, |key| calculate_signature(key, string_to_sign.as_bytes()));
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={}/{scope}/aws4_request, SignedHeaders={signed_headers}, Signature={signature}",
            credentials.access_key_id()
        );

        // As the SDK's signer applies them (`insert`, which replaces).
        let target = request.headers_mut();
        target.insert("x-amz-date", date_time);
        target.insert("authorization", authorization);
        if let Some(token) = token {
            target.insert("x-amz-security-token", token.to_string());
        }
    }

    /// Runs `use_key` with the signing key for these credentials and scope, derived only when they changed.
    fn with_key<T>(
        &self,
        credentials: &Credentials,
        scope: &str,
        time: SystemTime,
        case: &SimpleCase<'_>,
        use_key: impl FnOnce(&[u8]) -> T,
    ) -> T {
        let mut cached = self.key.lock().unwrap_or_else(PoisonError::into_inner);
        let fits = cached.as_ref().is_some_and(|key| {
            key.scope == scope
                && key.access_key == credentials.access_key_id()
                && key.secret_key.as_str() == credentials.secret_access_key()
        });
        if !fits {
            let key =
                generate_signing_key(credentials.secret_access_key(), time, case.region.as_ref(), case.name.as_ref());
            *cached = Some(SigningKey {
                access_key: credentials.access_key_id().to_string(),
                secret_key: credentials.secret_access_key().to_string().into(),
                scope: scope.to_string(),
                key: key.as_ref().to_vec().into(),
            });
        }
        use_key(&cached.as_ref().expect("just filled").key)
    }
}

/// `YYYYMMDD'T'HHMMSS'Z'` in UTC, whole seconds, as SigV4 dates a request.
fn amz_date_time(time: SystemTime) -> String {
    let seconds = DateTime::from(time).secs();
    let iso = DateTime::from_secs(seconds).fmt(Format::DateTime).unwrap_or_default();
    iso.chars().filter(|c| !matches!(c, '-' | ':')).collect()
}

/// SigV4's header value form: surrounding spaces removed, runs of spaces made one (spaces only).
fn trim_all(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|word| !word.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_runtime::auth::SigningOptions;
    use aws_smithy_async::time::{SharedTimeSource, StaticTimeSource};
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
    use aws_smithy_types::body::SdkBody;
    use aws_smithy_types::config_bag::Layer;
    use std::time::Duration;

    const NOV_2026: u64 = 1_795_000_000;

    /// A signed request's headers, name and value, sorted.
    type SignedHeaders = Vec<(String, String)>;

    /// The request the SDK hands a signer for PutSecretValue, plus `extra` headers.
    fn request(uri: &str, extra: &[(&'static str, &'static str)]) -> HttpRequest {
        let mut request = HttpRequest::new(SdkBody::from(r#"{"SecretId":"app/db","SecretString":"v"}"#));
        request.set_method("POST").unwrap();
        request.set_uri(uri).unwrap();
        let headers = request.headers_mut();
        headers.insert("content-type", "application/x-amz-json-1.1");
        headers.insert("x-amz-target", "secretsmanager.PutSecretValue");
        headers.insert("content-length", "41");
        headers.insert("user-agent", "aws-sdk-rust/1 os/linux");
        headers.insert("x-amz-user-agent", "aws-sdk-rust/1 api/secretsmanager/1");
        headers.insert("amz-sdk-invocation-id", "0e7f3a4c-7b8d-4d5e-9f10-111213141516");
        headers.insert("amz-sdk-request", "attempt=1; max=3");
        for (name, value) in extra {
            headers.append(*name, *value);
        }
        request
    }

    fn config(region: &str) -> ConfigBag {
        config_for(region, "secretsmanager")
    }

    fn config_for(region: &str, service: &'static str) -> ConfigBag {
        let mut options = SigningOptions::default();
        options.double_uri_encode = true;
        options.normalize_uri_path = true;
        let mut layer = Layer::new("operation");
        layer.store_put(SigV4OperationSigningConfig {
            region: Some(SigningRegion::from(Region::new(region.to_string()))),
            name: Some(SigningName::from_static(service)),
            signing_options: options,
            ..Default::default()
        });
        ConfigBag::of_layers(vec![layer])
    }

    fn components(at: SystemTime) -> RuntimeComponents {
        RuntimeComponentsBuilder::for_tests()
            .with_time_source(Some(SharedTimeSource::new(StaticTimeSource::new(at))))
            .build()
            .unwrap()
    }

    fn identity(secret: &str, token: Option<&str>) -> Identity {
        identity_of("AKIDEXAMPLE", secret, token)
    }

    fn identity_of(access_key: &str, secret: &str, token: Option<&str>) -> Identity {
        Identity::new(Credentials::new(access_key, secret, token.map(str::to_string), None, "test"), None)
    }

    /// Signs `request` with the SDK's signer and with ours; returns both header lists, sorted.
    fn both(
        ours: &CachedKeySigner,
        request: &HttpRequest,
        identity: &Identity,
        cfg: &ConfigBag,
        at: SystemTime,
    ) -> (SignedHeaders, SignedHeaders) {
        let simple = SimpleCase::of(request, identity, &AuthSchemeEndpointConfig::empty(), cfg).is_some();
        assert_eq!(simple, simple_host(request.uri()).is_some(), "{} took the other path", request.uri());
        let sign = |signer: &dyn Sign| {
            let mut signed = request.try_clone().unwrap();
            signer
                .sign_http_request(&mut signed, identity, AuthSchemeEndpointConfig::empty(), &components(at), cfg)
                .unwrap();
            let mut headers: SignedHeaders =
                signed.headers().iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            headers.sort();
            headers
        };
        (sign(&SigV4Signer::new()), sign(ours))
    }

    fn signer() -> CachedKeySigner {
        CachedKeySigner { clock: Arc::default(), sdk: SigV4Signer::new(), key: Mutex::new(None) }
    }

    #[test]
    fn signs_exactly_as_the_sdk_does_for_every_endpoint_form_and_identity() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(NOV_2026);
        let ours = signer();
        for uri in [
            "http://127.0.0.1:5000/",
            "http://127.0.0.1:5000",
            "http://localhost:80/",
            "https://secretsmanager.eu-west-1.amazonaws.com",
            "https://secretsmanager.eu-west-1.amazonaws.com:443/",
            "https://[::1]:8443/",
        ] {
            for token in [None, Some("session-token")] {
                let request = request(uri, &[]);
                let (sdk, mine) = both(&ours, &request, &identity("secret", token), &config("eu-west-1"), at);
                assert_eq!(mine, sdk, "{uri} with token {token:?}");
                assert!(mine.iter().any(|(n, _)| n == "authorization"));
            }
        }
    }

    #[test]
    fn header_values_are_trimmed_and_repeated_names_joined_as_the_sdk_does() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(NOV_2026);
        let extra = [("x-custom", "  two   spaces  here "), ("x-custom", "second"), ("host", "example.com:5000")];
        let request = request("http://127.0.0.1:5000/", &extra);
        let (sdk, mine) = both(&signer(), &request, &identity("secret", None), &config("us-east-1"), at);
        assert_eq!(mine, sdk);
    }

    #[test]
    fn the_cached_key_follows_the_day_the_region_and_the_secret() {
        let ours = signer();
        let request = request("http://127.0.0.1:5000/", &[]);
        let day = Duration::from_secs(86_400);
        for (seconds, region, secret) in [
            (NOV_2026, "us-east-1", "secret"),
            (NOV_2026 + 60, "us-east-1", "secret"),
            (NOV_2026 + 60, "us-east-1", "rotated"),
            (NOV_2026 + 60, "eu-west-1", "rotated"),
            (NOV_2026 + day.as_secs(), "eu-west-1", "rotated"),
            (NOV_2026 + 60, "eu-west-1", "rotated"),
        ] {
            let at = SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
            let (sdk, mine) = both(&ours, &request, &identity(secret, None), &config(region), at);
            assert_eq!(mine, sdk, "{seconds} {region} {secret}");
        }
    }

    #[test]
    fn requests_outside_the_simple_case_go_to_the_sdks_signer() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(NOV_2026);
        for uri in ["http://127.0.0.1:5000/prefix", "http://127.0.0.1:5000/?a=b", "http://user:pw@127.0.0.1:5000/"] {
            assert_eq!(simple_host(uri), None, "{uri}");
            let (sdk, mine) = both(&signer(), &request(uri, &[]), &identity("secret", None), &config("us-east-1"), at);
            assert_eq!(mine, sdk, "{uri}");
        }
        assert_eq!(simple_host("https://host:443"), Some("host"));
        assert_eq!(simple_host("http://host:8080/"), Some("host:8080"));
    }

    #[test]
    fn the_signing_time_is_corrected_by_the_service_clock() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(NOV_2026);
        let ours = signer();
        ours.clock.record_for_test(Duration::from_secs(3600));
        let mut signed = request("http://127.0.0.1:5000/", &[]);
        ours.sign_http_request(
            &mut signed,
            &identity("secret", None),
            AuthSchemeEndpointConfig::empty(),
            &components(at),
            &config("us-east-1"),
        )
        .unwrap();
        assert_eq!(signed.headers().get("x-amz-date"), Some(amz_date_time(at + Duration::from_secs(3600)).as_str()));
    }

    /// The AWS SigV4 test suite's cases that are this signer's simple case (aws-sigv4's sources,
    /// `aws-signing-test-suite/v4/<name>`): each signed at 2015-08-30T12:36:00Z in us-east-1 for the service
    /// `service` with the suite's key pair, an empty body, and the suite's expected `Authorization`.
    mod aws_test_suite {
        use super::*;

        const ACCESS_KEY: &str = "AKIDEXAMPLE";
        const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        /// 2015-08-30T12:36:00Z.
        const SUITE_TIME: u64 = 1_440_938_160;
        const STS_TOKEN: &str = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

        struct Case {
            name: &'static str,
            method: &'static str,
            headers: &'static [(&'static str, &'static str)],
            token: Option<&'static str>,
            signed_headers: &'static str,
            signature: &'static str,
        }

        const CASES: [Case; 7] = [
            Case {
                name: "post-vanilla",
                method: "POST",
                headers: &[],
                token: None,
                signed_headers: "host;x-amz-date",
                signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b",
            },
            Case {
                name: "post-header-key-sort",
                method: "POST",
                headers: &[("my-header1", "value1")],
                token: None,
                signed_headers: "host;my-header1;x-amz-date",
                signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c",
            },
            Case {
                name: "post-header-value-case",
                method: "POST",
                headers: &[("my-header1", "VALUE1")],
                token: None,
                signed_headers: "host;my-header1;x-amz-date",
                signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d",
            },
            Case {
                name: "get-header-key-duplicate",
                method: "GET",
                headers: &[("my-header1", "value2"), ("my-header1", "value2"), ("my-header1", "value1")],
                token: None,
                signed_headers: "host;my-header1;x-amz-date",
                signature: "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea",
            },
            Case {
                name: "get-header-value-order",
                method: "GET",
                headers: &[
                    ("my-header1", "value4"),
                    ("my-header1", "value1"),
                    ("my-header1", "value3"),
                    ("my-header1", "value2"),
                ],
                token: None,
                signed_headers: "host;my-header1;x-amz-date",
                signature: "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01",
            },
            Case {
                name: "get-header-value-trim",
                method: "GET",
                headers: &[("my-header1", " value1"), ("my-header2", " \"a   b   c\"")],
                token: None,
                signed_headers: "host;my-header1;my-header2;x-amz-date",
                signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736",
            },
            Case {
                name: "post-sts-header-before",
                method: "POST",
                headers: &[],
                token: Some(STS_TOKEN),
                signed_headers: "host;x-amz-date;x-amz-security-token",
                signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
            },
        ];

        fn suite_request(case: &Case, with_host: bool) -> HttpRequest {
            let mut request = HttpRequest::new(SdkBody::empty());
            request.set_method(case.method).unwrap();
            request.set_uri("https://example.amazonaws.com/").unwrap();
            if with_host {
                request.headers_mut().insert("host", "example.amazonaws.com");
            }
            for (name, value) in case.headers {
                request.headers_mut().append(*name, *value);
            }
            request
        }

        /// Signs `request` with `signer` (asserting it took its own path) and returns `Authorization`.
        fn authorization(
            signer: &CachedKeySigner,
            mut request: HttpRequest,
            identity: &Identity,
            region: &str,
            at: SystemTime,
        ) -> String {
            let cfg = config_for(region, "service");
            let simple = SimpleCase::of(&request, identity, &AuthSchemeEndpointConfig::empty(), &cfg).is_some();
            assert!(simple, "not signed by the cached-key path");
            signer
                .sign_http_request(&mut request, identity, AuthSchemeEndpointConfig::empty(), &components(at), &cfg)
                .unwrap();
            request.headers().get("authorization").unwrap().to_string()
        }

        fn expected(case: &Case) -> String {
            format!(
                "AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20150830/us-east-1/service/aws4_request, SignedHeaders={}, Signature={}",
                case.signed_headers, case.signature
            )
        }

        fn suite_time() -> SystemTime {
            SystemTime::UNIX_EPOCH + Duration::from_secs(SUITE_TIME)
        }

        #[test]
        fn every_case_gets_the_suites_signature_with_and_without_a_host_header() {
            let ours = signer();
            for case in &CASES {
                let identity = identity_of(ACCESS_KEY, SECRET, case.token);
                for with_host in [true, false] {
                    let request = suite_request(case, with_host);
                    let got = authorization(&ours, request, &identity, "us-east-1", suite_time());
                    assert_eq!(got, expected(case), "{} (Host header: {with_host})", case.name);
                }
            }
        }

        #[test]
        fn the_cached_key_is_derived_again_for_a_new_day_region_or_key_pair_and_the_suite_still_holds() {
            let ours = signer();
            let vanilla = &CASES[0];
            let suite_identity = identity_of(ACCESS_KEY, SECRET, None);
            let sign_vanilla =
                |at| authorization(&ours, suite_request(vanilla, true), &suite_identity, "us-east-1", at);
            assert_eq!(sign_vanilla(suite_time()), expected(vanilla));

            let last_second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_979_199); // 2015-08-30T23:59:59Z
            let next_day = last_second + Duration::from_secs(1); // 2015-08-31T00:00:00Z
            let other_key = identity_of("AKIDOTHER", "another/secret+key", None);
            let other_secret = identity_of(ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ", None);
            for (at, identity, region, scope) in [
                (last_second, &suite_identity, "us-east-1", "AKIDEXAMPLE/20150830/us-east-1/"),
                (next_day, &suite_identity, "us-east-1", "AKIDEXAMPLE/20150831/us-east-1/"),
                (next_day, &suite_identity, "eu-west-1", "AKIDEXAMPLE/20150831/eu-west-1/"),
                (next_day, &other_key, "eu-west-1", "AKIDOTHER/20150831/eu-west-1/"),
                (next_day, &other_secret, "eu-west-1", "AKIDEXAMPLE/20150831/eu-west-1/"),
            ] {
                let request = suite_request(vanilla, true);
                let (sdk, mine) = both(&ours, &request, identity, &config_for(region, "service"), at);
                assert_eq!(mine, sdk, "{scope}");
                let authorization = mine.iter().find(|(name, _)| name == "authorization").unwrap();
                assert!(authorization.1.contains(scope), "{} lacks {scope}", authorization.1);
            }
            // Back to the suite's day, region and key pair after all of those: its signature again.
            assert_eq!(sign_vanilla(suite_time()), expected(vanilla));
        }
    }
}
