//! The PutSecretValue export.

use crate::answers::CallStatus;
use crate::boundary::{catch_panic, status_after_panic};
use crate::call_registry::{self, Outcome};
use crate::put_request::{MAX_REQUEST_BYTES, MAX_SECRET_INPUT_BYTES, PutRequestDocument, secret_slice_error};
use crate::slices;
use crate::utf16_secret::utf8_from_utf16;
use interoptopus::ffi;
use secretsmanager_native_core::{CallError, PutSecretValueResult, ResolvedClient, put_secret_value_until_cancelled};

/// Calls PutSecretValue and blocks until it succeeds, fails, or `call` is cancelled.
///
/// - `call`: a handle connected with `sm_call_resolve`; afterwards it holds the result (`sm_call_arn`,
///   `sm_call_version_id`, ...) or the failure (`sm_call_failure_kind`, `sm_call_error_message`, ...).
/// - `request_json`: the UTF-8 JSON request document (everything but the secret), borrowed for the call.
/// - `secret_string`, `secret_binary`: the secret value's bytes (UTF-8 text, or raw bytes), borrowed for
///   the call; the document's `SecretStringPresent` / `SecretBinaryPresent` say which are set. The
///   caller may wipe its buffers as soon as this returns.
///
/// Returns `Ok`, `Failed`, `BadHandle` (nothing done) or `Panic` (the handle holds an `Internal` failure).
#[ffi]
pub fn sm_put_secret_value(
    call: u64,
    request_json: ffi::Slice<u8>,
    secret_string: ffi::Slice<u8>,
    secret_binary: ffi::Slice<u8>,
) -> CallStatus {
    put_with(call, |cancel, resolved| {
        let string_bytes =
            slices::input(&secret_string, MAX_SECRET_INPUT_BYTES).map_err(secret_slice_error("SecretString"))?;
        run(cancel, resolved, &request_json, string_bytes, &secret_binary)
    })
}

/// Like [`sm_put_secret_value`](fn@sm_put_secret_value), with the secret text as UTF-16 code units
/// (what .NET's `Marshal.SecureStringToGlobalAllocUnicode` gives), so that a `SecureString` reaches
/// the library without a managed plain-text copy.
///
/// - `secret_string_utf16`: the text's UTF-16 code units (length in units, pointer 2-byte aligned),
///   borrowed for the call; the caller zeroes and frees its buffer (`ZeroFreeGlobalAllocUnicode`)
///   as soon as this returns. The library converts it to UTF-8 in memory it wipes; an unpaired
///   surrogate is an invalid-input failure naming `SecretString`. The request document must say
///   `SecretStringPresent`.
///
/// Returns as `sm_put_secret_value` does.
#[ffi]
pub fn sm_put_secret_value_utf16(
    call: u64,
    request_json: ffi::Slice<u8>,
    secret_string_utf16: ffi::Slice<u16>,
    secret_binary: ffi::Slice<u8>,
) -> CallStatus {
    put_with(call, |cancel, resolved| {
        // The same bound in units as in bytes for UTF-8, so plain text has one limit whichever way it
        // comes; the service's 65,536-byte limit is checked on the decoded text, as for UTF-8.
        let units = slices::input_utf16(&secret_string_utf16, MAX_SECRET_INPUT_BYTES)
            .map_err(secret_slice_error("SecretString"))?;
        let text = utf8_from_utf16(units)?;
        run(cancel, resolved, &request_json, text.as_bytes(), &secret_binary)
    })
}

/// The shared frame of the PutSecretValue exports: the panic boundary, the handle, the resolved client,
/// and the outcome left on the handle.
fn put_with(
    call: u64,
    operation: impl FnOnce(&tokio_util::sync::CancellationToken, &ResolvedClient) -> Result<PutSecretValueResult, CallError>,
) -> CallStatus {
    catch_panic(
        || status_after_panic(call),
        || {
            let Some(live) = call_registry::get(call) else { return CallStatus::BadHandle };
            #[cfg(test)]
            tests::maybe_inject_panic();
            let outcome = match live.resolved() {
                Some(resolved) => operation(&live.cancel, &resolved),
                None => Err(CallError::internal("PutSecretValue was called before sm_call_resolve succeeded.")),
            };
            let status = if outcome.is_ok() { CallStatus::Ok } else { CallStatus::Failed };
            live.set_outcome(match outcome {
                Ok(result) => Outcome::PutSecretValue(result),
                Err(error) => Outcome::Failed(error),
            });
            status
        },
    )
}

fn run(
    cancel: &tokio_util::sync::CancellationToken,
    resolved: &ResolvedClient,
    request_json: &ffi::Slice<u8>,
    string_bytes: &[u8],
    secret_binary: &ffi::Slice<u8>,
) -> Result<PutSecretValueResult, CallError> {
    let json = slices::input(request_json, MAX_REQUEST_BYTES).map_err(|e| e.for_parameter("request document"))?;
    let binary_bytes =
        slices::input(secret_binary, MAX_SECRET_INPUT_BYTES).map_err(secret_slice_error("SecretBinary"))?;
    let document = PutRequestDocument::parse(json)?;
    let request = document.request(string_bytes, binary_bytes)?;
    put_secret_value_until_cancelled(cancel, resolved, request)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answers::FailureKind;
    use crate::call::{sm_call_free, sm_call_new};
    use crate::call_readers::{sm_call_error_message, sm_call_failure_kind};
    use crate::test_support::text;
    use std::cell::Cell;

    thread_local! {
        static INJECT_PANIC: Cell<bool> = const { Cell::new(false) };
    }

    pub(crate) fn maybe_inject_panic() {
        if INJECT_PANIC.with(|flag| flag.replace(false)) {
            panic!("injected by a test");
        }
    }

    fn put(call: u64, json: &[u8]) -> CallStatus {
        sm_put_secret_value(call, ffi::Slice::from_slice(json), ffi::Slice::empty(), ffi::Slice::empty())
    }

    fn resolve_client(call: u64, json: &[u8]) -> CallStatus {
        crate::sm_call_resolve(call, ffi::Slice::from_slice(json))
    }

    #[test]
    fn an_injected_panic_comes_back_as_a_status_and_an_internal_failure() {
        let call = sm_call_new();
        INJECT_PANIC.with(|flag| flag.set(true));
        assert_eq!(put(call, b"{}"), CallStatus::Panic);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Internal);
        assert!(text(|c, b| sm_call_error_message(c, b), call).unwrap().contains("panic"));
        assert!(sm_call_free(call).is());
    }

    #[test]
    fn a_bad_handle_does_nothing() {
        assert_eq!(put(0, b"{}"), CallStatus::BadHandle);
        assert_eq!(put(u64::MAX, b"not even json"), CallStatus::BadHandle);
        assert_eq!(resolve_client(u64::MAX, b"{}"), CallStatus::BadHandle);
    }

    #[test]
    fn an_operation_before_a_resolved_client_is_an_internal_failure() {
        let call = sm_call_new();
        assert_eq!(put(call, br#"{"SecretId":"x"}"#), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Internal);
        sm_call_free(call);
    }
}
