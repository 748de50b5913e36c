//! Exports that read what a finished call left behind: one reader per value, so that no selector
//! number has to be shared between Rust and its callers.
//!
//! Text readers copy UTF-8 (no terminating zero) into the caller's `buffer`, which is borrowed for
//! the call only, and answer with a [`TextAnswer`]. Number readers answer `None` when the value is
//! absent or the handle is not live.

use crate::answers::{FailureKind, NumberAnswer, TextAnswer, TextStatus};
use crate::boundary::catch_panic;
use crate::call_registry::{self, Call, Outcome};
use crate::slices;
use interoptopus::ffi;
use secretsmanager_native_core::operation::validate::redact_userinfo;
use secretsmanager_native_core::{CallError, PutSecretValueResult, ResolvedClient};

/// A reader's pick from an outcome: the text, nothing, or an index past the end.
pub(crate) enum Pick<'a> {
    Text(&'a str),
    Absent,
    BadIndex,
}

pub(crate) fn non_empty(text: Option<&str>) -> Pick<'_> {
    match text {
        Some(text) if !text.is_empty() => Pick::Text(text),
        _ => Pick::Absent,
    }
}

fn of_result(outcome: &Outcome, pick: impl FnOnce(&PutSecretValueResult) -> Pick<'_>) -> Pick<'_> {
    match outcome {
        Outcome::PutSecretValue(result) => pick(result),
        Outcome::Profiles(_) | Outcome::Failed(_) => Pick::Absent,
    }
}

fn of_failure(outcome: &Outcome, pick: impl FnOnce(&CallError) -> &str) -> Pick<'_> {
    match outcome {
        Outcome::Failed(error) => non_empty(Some(pick(error))),
        Outcome::PutSecretValue(_) | Outcome::Profiles(_) => Pick::Absent,
    }
}

pub(crate) fn read_text(call: u64, buffer: ffi::SliceMut<u8>, pick: impl FnOnce(&Outcome) -> Pick<'_>) -> TextAnswer {
    read_call_text(call, buffer, |live, write| live.with_outcome(|outcome| write(outcome.map_or(Pick::Absent, pick))))
}

fn read_resolved_text(call: u64, buffer: ffi::SliceMut<u8>, pick: impl FnOnce(&ResolvedClient) -> &str) -> TextAnswer {
    read_call_text(call, buffer, |live, write| {
        let resolved = live.resolved();
        write(resolved.as_deref().map_or(Pick::Absent, |c| non_empty(Some(pick(c)))))
    })
}

fn read_resolved_owned_text(
    call: u64,
    buffer: ffi::SliceMut<u8>,
    pick: impl FnOnce(&ResolvedClient) -> String,
) -> TextAnswer {
    read_call_text(call, buffer, |live, write| {
        let resolved = live.resolved();
        let text = resolved.as_deref().map(pick);
        write(non_empty(text.as_deref()))
    })
}

/// The common part of every text reader: checks, then copies what `read` picks into `buffer`.
fn read_call_text(
    call: u64,
    buffer: ffi::SliceMut<u8>,
    read: impl FnOnce(&Call, &mut dyn FnMut(Pick<'_>) -> TextAnswer) -> TextAnswer,
) -> TextAnswer {
    catch_panic(
        || TextAnswer::of(TextStatus::Panic),
        || {
            let mut buffer = buffer;
            let Ok(buffer) = slices::output(&mut buffer) else { return TextAnswer::of(TextStatus::BadBuffer) };
            let Some(live) = call_registry::get(call) else { return TextAnswer::of(TextStatus::BadHandle) };
            let mut write = |pick: Pick<'_>| match pick {
                Pick::Text(text) => {
                    let n = text.len().min(buffer.len());
                    buffer[..n].copy_from_slice(&text.as_bytes()[..n]);
                    TextAnswer { status: TextStatus::Ok, length: text.len() as u64 }
                }
                Pick::Absent => TextAnswer::of(TextStatus::Absent),
                Pick::BadIndex => TextAnswer::of(TextStatus::BadIndex),
            };
            read(&live, &mut write)
        },
    )
}

pub(crate) fn read_number(call: u64, pick: impl FnOnce(&Outcome) -> Option<i64>) -> NumberAnswer {
    catch_panic(
        || ffi::None,
        || {
            let value = call_registry::get(call).and_then(|live| live.with_outcome(|outcome| outcome.and_then(pick)));
            value.map_or(ffi::None, ffi::Some)
        },
    )
}

/// The region of a connected call (with an endpoint URL: the signing region).
#[ffi]
pub fn sm_call_region(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_text(call, buffer, |c| &c.region)
}

/// Where a connected call's region came from, in AWS Tools' words (`region parameter`, ...).
#[ffi]
pub fn sm_call_region_source(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_text(call, buffer, |c| &c.region_source)
}

/// The custom endpoint of a connected call (`-EndpointUrl`, `-ClientConfig` ServiceURL, or one configured
/// in the environment or a profile), user info redacted; absent when the call goes to the AWS endpoint
/// of its region.
#[ffi]
pub fn sm_call_endpoint_url(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_owned_text(call, buffer, |c| c.endpoint_url.as_deref().map(redact_userinfo).unwrap_or_default())
}

/// The URL a connected call goes to (its custom endpoint, or the AWS endpoint the SDK's rules make for
/// the region with the FIPS and dual-stack settings), user info redacted.
#[ffi]
pub fn sm_call_endpoint(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_owned_text(call, buffer, |c| redact_userinfo(&c.endpoint))
}

/// Where a connected call's endpoint came from (`EndpointUrl parameter`, `environment variable
/// AWS_ENDPOINT_URL`, `region 'us-east-1' (FIPS: ...)`, ...).
#[ffi]
pub fn sm_call_endpoint_source(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_text(call, buffer, |c| &c.endpoint_source)
}

/// Where a connected call's credentials came from, in AWS Tools' words (`the supplied key parameters`, ...).
#[ffi]
pub fn sm_call_credentials_source(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_resolved_text(call, buffer, |c| &c.credentials_source)
}

/// The secret's ARN, after a successful PutSecretValue.
#[ffi]
pub fn sm_call_arn(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_result(o, |r| non_empty(r.arn.as_deref())))
}

/// The secret's friendly name, after a successful PutSecretValue.
#[ffi]
pub fn sm_call_name(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_result(o, |r| non_empty(r.name.as_deref())))
}

/// The new version's id, after a successful PutSecretValue.
#[ffi]
pub fn sm_call_version_id(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_result(o, |r| non_empty(r.version_id.as_deref())))
}

/// The ClientRequestToken a failed PutSecretValue was sent with (the caller's, or the one generated for it), so
/// that a retry with it can't create a second version. Absent for a success and for failures before sending.
#[ffi]
pub fn sm_call_client_request_token(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_failure(o, |e| &*e.client_request_token))
}

/// Whether a failed PutSecretValue may nonetheless have written the version (cancelled, timed out or cut off
/// after its request may have been sent, or answered with a 5xx). False for a success, for failures the service
/// answered with a 4xx, for failures before sending, and for a handle that is not live.
#[ffi]
pub fn sm_call_may_have_written(call: u64) -> ffi::Bool {
    catch_panic(
        || ffi::Bool::FALSE,
        || {
            let uncertain = call_registry::get(call).is_some_and(|live| {
                live.with_outcome(|outcome| matches!(outcome, Some(Outcome::Failed(error)) if error.may_have_written))
            });
            uncertain.into()
        },
    )
}

/// The version-quota advice a successful PutSecretValue earned, when its request document asked for it with
/// `ReportQuotaAdvice` (Absent otherwise, and for most writes): text for the cmdlet's verbose stream.
#[ffi]
pub fn sm_call_quota_advice(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_result(o, |r| non_empty(r.quota_advice.as_deref())))
}

/// Staging label number `index` (from 0; see `sm_call_version_stage_count`).
#[ffi]
pub fn sm_call_version_stage(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| {
        of_result(o, |r| r.version_stages.get(index as usize).map_or(Pick::BadIndex, |s| Pick::Text(s)))
    })
}

/// The AWS request id, of a success or of a failed call the service answered.
#[ffi]
pub fn sm_call_request_id(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| match o {
        Outcome::PutSecretValue(r) => non_empty(r.request_id.as_deref()),
        Outcome::Failed(e) => non_empty(Some(&e.request_id)),
        Outcome::Profiles(_) => Pick::Absent,
    })
}

/// The AWS error code (`ResourceNotFoundException`, ...) of a service failure.
#[ffi]
pub fn sm_call_error_code(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_failure(o, |e| &e.code))
}

/// The failure's message. It never contains a secret value.
#[ffi]
pub fn sm_call_error_message(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_failure(o, |e| &e.message))
}

/// The cmdlet parameter at fault (`SecretId`, `Region`, ...), for an `InvalidInput` failure.
#[ffi]
pub fn sm_call_error_parameter(call: u64, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_failure(o, |e| &e.parameter))
}

/// The HTTP status of the last response (success or failure); absent when nothing was answered.
#[ffi]
pub fn sm_call_http_status(call: u64) -> NumberAnswer {
    read_number(call, |o| {
        let status = match o {
            Outcome::PutSecretValue(r) => r.http_status,
            Outcome::Failed(e) => e.http_status,
            Outcome::Profiles(_) => 0,
        };
        (status != 0).then_some(i64::from(status))
    })
}

/// The Content-Length of a successful response; absent when the response had none.
#[ffi]
pub fn sm_call_content_length(call: u64) -> NumberAnswer {
    read_number(call, |o| match o {
        Outcome::PutSecretValue(r) if r.content_length >= 0 => Some(r.content_length),
        _ => None,
    })
}

/// How many staging labels a successful PutSecretValue returned.
#[ffi]
pub fn sm_call_version_stage_count(call: u64) -> NumberAnswer {
    read_number(call, |o| match o {
        Outcome::PutSecretValue(r) => i64::try_from(r.version_stages.len()).ok(),
        Outcome::Profiles(_) | Outcome::Failed(_) => None,
    })
}

/// The class of the call's failure; `None` if it succeeded, has not run, or the handle is not live.
#[ffi]
pub fn sm_call_failure_kind(call: u64) -> FailureKind {
    catch_panic(
        || FailureKind::Internal,
        || {
            let kind = call_registry::get(call).and_then(|live| {
                live.with_outcome(|outcome| match outcome {
                    Some(Outcome::Failed(error)) => Some(error.kind.into()),
                    _ => None,
                })
            });
            kind.unwrap_or(FailureKind::None)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::{sm_call_free, sm_call_new};

    fn finished(outcome: Outcome) -> u64 {
        let call = sm_call_new();
        call_registry::get(call).unwrap().set_outcome(outcome);
        call
    }

    #[test]
    fn texts_report_their_length_and_never_overrun_the_buffer() {
        let result = PutSecretValueResult {
            arn: Some("arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf".into()),
            version_stages: vec!["AWSCURRENT".into(), "X".into()],
            ..Default::default()
        };
        let call = finished(Outcome::PutSecretValue(result));
        let mut small = [0u8; 4];
        let answer = sm_call_arn(call, ffi::SliceMut::from_slice(&mut small));
        assert_eq!(answer, TextAnswer { status: TextStatus::Ok, length: 63 });
        assert_eq!(&small, b"arn:");
        assert_eq!(sm_call_version_stage_count(call).into_option(), Some(2));
        let mut buffer = [0u8; 16];
        let answer = sm_call_version_stage(call, 1, ffi::SliceMut::from_slice(&mut buffer));
        assert_eq!((answer.status, answer.length, buffer[0]), (TextStatus::Ok, 1, b'X'));
        let answer = sm_call_version_stage(call, 2, ffi::SliceMut::from_slice(&mut buffer));
        assert_eq!(answer.status, TextStatus::BadIndex);
        sm_call_free(call);
    }

    #[test]
    fn absent_values_bad_handles_and_null_buffers_are_answered_not_acted_on() {
        let call = finished(Outcome::Failed(CallError::cancelled()));
        let mut buffer = [0u8; 8];
        assert_eq!(sm_call_arn(call, ffi::SliceMut::from_slice(&mut buffer)).status, TextStatus::Absent);
        assert_eq!(sm_call_error_code(call, ffi::SliceMut::from_slice(&mut buffer)).status, TextStatus::Absent);
        assert_eq!(sm_call_content_length(call).into_option(), None);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Cancelled);
        // SAFETY: forging a null pointer with a length, as a careless caller might.
        let null_with_length: ffi::SliceMut<u8> = unsafe { std::mem::transmute((std::ptr::null_mut::<u8>(), 8u64)) };
        assert_eq!(sm_call_error_message(call, null_with_length).status, TextStatus::BadBuffer);
        sm_call_free(call);
        for garbage in [0, u64::MAX, call] {
            assert_eq!(sm_call_arn(garbage, ffi::SliceMut::default()).status, TextStatus::BadHandle);
            assert_eq!(sm_call_http_status(garbage).into_option(), None);
            assert_eq!(sm_call_failure_kind(garbage), FailureKind::None);
        }
    }
}
