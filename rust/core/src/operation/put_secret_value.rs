//! The PutSecretValue operation: request in, typed result or classified error out.

use crate::credentials::resolved_client::ResolvedClient;
use crate::error::{CallError, ErrorKind};
use crate::operation::version_quota::{VersionQuotaAdvisor, is_loopback_url};
use crate::transport::response_facts::ResponseFacts;
use crate::transport::runtime::block_on_cancellable;
use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::operation::RequestId;
use aws_sdk_secretsmanager::operation::put_secret_value::{PutSecretValueError, PutSecretValueOutput};
use aws_sdk_secretsmanager::primitives::Blob;
use aws_smithy_types::error::display::DisplayErrorContext;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;
use tokio_util::sync::CancellationToken;

/// The inputs of one PutSecretValue call. The secret value is borrowed from the caller.
#[derive(Default)]
pub struct PutSecretValueRequest<'a> {
    pub secret_id: Option<String>,
    pub secret_string: Option<&'a str>,
    pub secret_binary: Option<&'a [u8]>,
    /// The idempotency token; a random UUID is generated once per call when absent.
    pub client_request_token: Option<String>,
    pub version_stages: Option<Vec<String>>,
    pub rotation_token: Option<String>,
    /// Whether the caller will show the version-quota advice (see `version_quota`), so that the one advice per
    /// secret is not used up by a write that would not show it.
    pub report_quota_advice: bool,
}

impl fmt::Debug for PutSecretValueRequest<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only the shape of the secret is shown, never its bytes; the rotation token is a credential too.
        f.debug_struct("PutSecretValueRequest")
            .field("secret_id", &self.secret_id)
            .field("secret_string", &self.secret_string.map(|s| format!("<{} bytes>", s.len())))
            .field("secret_binary", &self.secret_binary.map(|b| format!("<{} bytes>", b.len())))
            .field("client_request_token", &self.client_request_token)
            .field("version_stages", &self.version_stages)
            .field("rotation_token", &self.rotation_token.as_ref().map(|_| "** redacted **"))
            .field("report_quota_advice", &self.report_quota_advice)
            .finish()
    }
}

/// What PutSecretValue returned, plus the HTTP facts the cmdlet reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PutSecretValueResult {
    pub arn: Option<String>,
    pub name: Option<String>,
    pub version_id: Option<String>,
    /// Empty when the service returned no stages.
    pub version_stages: Vec<String>,
    pub request_id: Option<String>,
    pub http_status: u16,
    /// The response's Content-Length, -1 when unknown.
    pub content_length: i64,
    /// The version-quota advice this write earned, when the request asked for it (see `version_quota`).
    pub quota_advice: Option<String>,
}

/// Calls PutSecretValue once (with the SDK's retries, all under one idempotency token). A failure after the checks
/// carries the token and whether the write may have happened (see [`CallError::after_sending`]).
pub async fn put_secret_value(
    resolved: &ResolvedClient,
    mut request: PutSecretValueRequest<'_>,
) -> Result<PutSecretValueResult, CallError> {
    let (token, facts) = prepare(&mut request)?;
    send(resolved, request, &facts).await.map_err(|error| error.after_sending(&token, facts.may_have_written()))
}

/// [`put_secret_value`] on the calling thread's runtime lane, until it ends or `cancel` fires (see
/// [`block_on_cancellable`]). A cancellation, which drops the call wherever it was, carries the token and whether
/// the write may have happened too.
pub fn put_secret_value_until_cancelled(
    cancel: &CancellationToken,
    resolved: &ResolvedClient,
    mut request: PutSecretValueRequest<'_>,
) -> Result<PutSecretValueResult, CallError> {
    let (token, facts) = prepare(&mut request)?;
    block_on_cancellable(cancel, send(resolved, request, &facts))
        .map_err(|error| error.after_sending(&token, facts.may_have_written()))
}

/// Checks the request and fixes its idempotency token, once per logical write and before the SDK's retry loop, so
/// that every attempt (and the caller's own retry, told the token by the failure) carries the same one.
fn prepare(request: &mut PutSecretValueRequest<'_>) -> Result<(String, Arc<ResponseFacts>), CallError> {
    crate::operation::request_checks::check(request)?;
    let token = request.client_request_token.get_or_insert_with(|| uuid::Uuid::new_v4().to_string()).clone();
    Ok((token, Arc::new(ResponseFacts::default())))
}

async fn send(
    resolved: &ResolvedClient,
    request: PutSecretValueRequest<'_>,
    facts: &Arc<ResponseFacts>,
) -> Result<PutSecretValueResult, CallError> {
    let report_quota_advice = request.report_quota_advice;
    // Boxed, as the SDK's `customize().send()` boxes it: the operation's future is large, and inline it
    // would make every enclosing future (and the move into the task-local scope) as large.
    let send = Box::pin(
        resolved
            .client
            .put_secret_value()
            .set_secret_id(request.secret_id)
            .set_secret_string(request.secret_string.map(str::to_string))
            .set_secret_binary(request.secret_binary.map(Blob::new))
            .set_client_request_token(request.client_request_token)
            .set_version_stages(request.version_stages)
            .set_rotation_token(request.rotation_token)
            .send(),
    );
    let send = facts.recorded_during(send);
    let outcome = if resolved.lookup_time.is_zero() {
        send.await
    } else {
        // The whole-call limit counts the credential lookup too: the operation gets what is left of it.
        match tokio::time::timeout(remaining_time(resolved), send).await {
            Ok(outcome) => outcome,
            Err(_) => return Err(CallError::new(ErrorKind::Timeout, out_of_time(resolved))),
        }
    };

    match outcome {
        Ok(output) => {
            let mut result = into_result(output, facts);
            // Never for a local test server, whether it is named (localhost, 127.0.0.1) or only reached on a
            // loopback address (a name such as localhost.localstack.cloud); through a proxy, the name decides.
            let local = resolved.endpoint_url.as_deref().is_some_and(is_loopback_url)
                || (!resolved.proxied && facts.answered_from_loopback());
            if let (false, Some(arn), Some(version_id)) = (local, &result.arn, &result.version_id) {
                result.quota_advice =
                    VersionQuotaAdvisor::shared().after_write(arn, version_id, Instant::now(), report_quota_advice);
            }
            Ok(result)
        }
        Err(error) => Err(classify(error, resolved, facts)),
    }
}

/// The whole-call limit less the time the credential lookup took.
fn remaining_time(resolved: &ResolvedClient) -> std::time::Duration {
    let config = resolved.client.config();
    let whole_call = config.timeout_config().and_then(|timeouts| timeouts.operation_timeout());
    whole_call.unwrap_or(crate::operation::call_settings::OPERATION_TIMEOUT).saturating_sub(resolved.lookup_time)
}

fn out_of_time(resolved: &ResolvedClient) -> String {
    format!("The call to {} did not complete within the time allowed.", resolved.describe())
}

fn into_result(output: PutSecretValueOutput, facts: &ResponseFacts) -> PutSecretValueResult {
    PutSecretValueResult {
        request_id: output.request_id().map(str::to_string),
        arn: output.arn,
        name: output.name,
        version_id: output.version_id,
        version_stages: output.version_stages.unwrap_or_default(),
        http_status: facts.http_status(),
        content_length: facts.content_length(),
        quota_advice: None,
    }
}

fn classify(
    error: SdkError<PutSecretValueError, aws_smithy_runtime_api::client::orchestrator::HttpResponse>,
    resolved: &ResolvedClient,
    facts: &ResponseFacts,
) -> CallError {
    let endpoint = resolved.describe();
    let mut failure = match &error {
        SdkError::ServiceError(service) => {
            let err = service.err();
            let status = service.raw().status().as_u16();
            match err.code() {
                Some(code) => CallError {
                    code: code.to_string(),
                    message: err.message().unwrap_or(code).to_string(),
                    ..CallError::new(ErrorKind::Service, "")
                },
                // An answer without an AWS error code: a proxy's HTML page, a truncated body, ...
                None => CallError::new(
                    ErrorKind::Transport,
                    format!(
                        "The endpoint {endpoint} answered HTTP {status} with a body that is not a Secrets Manager error."
                    ),
                ),
            }
        }
        SdkError::TimeoutError(_) => CallError::new(ErrorKind::Timeout, out_of_time(resolved)),
        SdkError::DispatchFailure(dispatch) => {
            let kind = if dispatch.is_timeout() { ErrorKind::Timeout } else { ErrorKind::Transport };
            let hint =
                crate::transport::trust_store::untrusted_certificate_hint(&error).map(|hint| format!(". {hint}"));
            CallError::new(
                kind,
                format!("Could not reach {endpoint}: {}{}", root_cause(&error), hint.unwrap_or_default()),
            )
        }
        SdkError::ResponseError(_) => CallError::new(
            ErrorKind::Transport,
            format!("The answer from {endpoint} could not be read: {}", root_cause(&error)),
        ),
        SdkError::ConstructionFailure(_) => {
            CallError::internal(format!("The request could not be built: {}", DisplayErrorContext(&error)))
        }
        _ => CallError::internal(format!("The call failed: {}", DisplayErrorContext(&error))),
    };
    failure.request_id = error.request_id().unwrap_or_default().to_string();
    failure.http_status = match &error {
        SdkError::ServiceError(service) => service.raw().status().as_u16(),
        SdkError::ResponseError(response) => response.raw().status().as_u16(),
        _ => facts.http_status(),
    };
    failure
}

/// The last two distinct messages of an error's source chain ("tcp connect error: Connection refused"):
/// the outer ones only repeat "dispatch failure" and the like.
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut messages: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        let text = current.to_string();
        if messages.last() != Some(&text) {
            messages.push(text);
        }
        next = current.source();
    }
    let tail = messages.len().saturating_sub(2);
    messages[tail..].join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::target::{ExplicitKeys, ServiceTarget};
    use std::time::{Duration, Instant};

    #[test]
    fn the_operation_gets_only_what_the_credential_lookup_left_of_the_whole_call_limit() {
        // Accepts the connection (the kernel does) and never answers.
        let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let target = ServiceTarget {
            region: Some("us-east-1".into()),
            endpoint_url: Some(format!("http://{}", silent.local_addr().unwrap())),
            keys: Some(ExplicitKeys {
                access_key: "a".into(),
                secret_key: "b".to_string().into(),
                session_token: None,
            }),
            ..Default::default()
        };
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let mut resolved = crate::resolve_client(&target).await.unwrap();
            // As if the lookup had used all but 300 ms of the 90 s: the 30 s attempt limit must not apply.
            resolved.lookup_time = crate::operation::call_settings::OPERATION_TIMEOUT - Duration::from_millis(300);
            let started = Instant::now();
            let request =
                PutSecretValueRequest { secret_id: Some("x".into()), secret_string: Some("v"), ..Default::default() };
            let error = put_secret_value(&resolved, request).await.unwrap_err();
            assert_eq!(error.kind, ErrorKind::Timeout, "{error}");
            assert!(error.message.contains("did not complete within the time allowed"), "{error}");
            assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
        });
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let request = PutSecretValueRequest {
            secret_id: Some("app/db".into()),
            secret_string: Some("hunter2-password"),
            secret_binary: Some(b"\x00binary-secret"),
            rotation_token: Some("rotation-secret".into()),
            ..Default::default()
        };
        let text = format!("{request:?}");
        assert!(text.contains("app/db"));
        for secret in ["hunter2", "binary-secret", "rotation-secret"] {
            assert!(!text.contains(secret), "{text}");
        }
    }

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|inner| inner as _)
        }
    }

    #[test]
    fn root_cause_keeps_the_two_innermost_messages() {
        let refused = Layer("Connection refused", None);
        let chain = Layer("dispatch failure", Some(Box::new(Layer("tcp connect error", Some(Box::new(refused))))));
        assert_eq!(root_cause(&chain), "tcp connect error: Connection refused");
        assert_eq!(root_cause(&Layer("alone", None)), "alone");
    }
}
