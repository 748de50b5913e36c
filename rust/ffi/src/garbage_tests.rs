//! Every export driven with garbage a foreign caller could pass: made-up and freed handles, null
//! pointers with lengths, absurd lengths, double frees, calls out of order, and random documents
//! (proptest, fixed case budget). None may panic across the boundary or touch memory it was not given.

use crate::answers::{CallStatus, FailureKind, TextStatus};
use crate::call::{sm_call_cancel, sm_call_free, sm_call_new};
use crate::call_readers::*;
use crate::put_secret_value::{sm_put_secret_value, sm_put_secret_value_utf16};
use crate::resolve::sm_call_resolve;
use interoptopus::ffi;
use proptest::prelude::*;

/// The C layout of `ffi::Slice` / `ffi::SliceMut`: pointer, then u64 length.
#[repr(C)]
struct Raw {
    data: *const u8,
    len: u64,
}

fn forged_in(data: *const u8, len: u64) -> ffi::Slice<'static, u8> {
    // SAFETY: same layout as ffi::Slice (asserted in slices.rs); the exports must check it before reading.
    unsafe { std::mem::transmute(Raw { data, len }) }
}

fn forged_out(data: *const u8, len: u64) -> ffi::SliceMut<'static, u8> {
    // SAFETY: as above, for ffi::SliceMut.
    unsafe { std::mem::transmute(Raw { data, len }) }
}

fn empty() -> ffi::Slice<'static, u8> {
    forged_in(std::ptr::null(), 0)
}

fn forged_utf16(data: *const u8, len: u64) -> ffi::Slice<'static, u16> {
    // SAFETY: as above, for ffi::Slice<u16> (pointer, then a length in units).
    unsafe { std::mem::transmute(Raw { data, len }) }
}

/// A connection to a closed loopback port, without retries, so that a well-formed request fails fast.
const OFFLINE: &[u8] =
    br#"{"Region":"us-east-1","EndpointUrl":"http://127.0.0.1:9","AccessKey":"a","SecretKey":"b","ClientConfig":{"MaxErrorRetry":0}}"#;

type TextReader = extern "C-unwind" fn(u64, ffi::SliceMut<'_, u8>) -> crate::answers::TextAnswer;

const TEXT_READERS: [TextReader; 13] = [
    sm_call_region,
    sm_call_region_source,
    sm_call_endpoint_url,
    sm_call_endpoint,
    sm_call_endpoint_source,
    sm_call_credentials_source,
    sm_call_arn,
    sm_call_name,
    sm_call_version_id,
    sm_call_request_id,
    sm_call_error_code,
    sm_call_error_message,
    sm_call_error_parameter,
];

fn a_freed_handle() -> u64 {
    let call = sm_call_new();
    assert!(sm_call_free(call).is());
    call
}

#[test]
fn made_up_and_freed_handles_are_refused_by_every_export() {
    for handle in [0, u64::MAX, 0xdead_beef, a_freed_handle()] {
        assert_eq!(sm_call_resolve(handle, ffi::Slice::from_slice(OFFLINE)), CallStatus::BadHandle);
        assert_eq!(sm_put_secret_value(handle, empty(), empty(), empty()), CallStatus::BadHandle);
        assert_eq!(
            sm_put_secret_value_utf16(handle, empty(), forged_utf16(std::ptr::null(), 0), empty()),
            CallStatus::BadHandle
        );
        assert!(!sm_call_cancel(handle).is());
        assert!(!sm_call_free(handle).is());
        let mut buffer = [0u8; 16];
        for read in TEXT_READERS {
            assert_eq!(read(handle, ffi::SliceMut::from_slice(&mut buffer)).status, TextStatus::BadHandle);
        }
        assert_eq!(
            sm_call_version_stage(handle, 0, ffi::SliceMut::from_slice(&mut buffer)).status,
            TextStatus::BadHandle
        );
        assert!(sm_call_http_status(handle).is_none());
        assert_eq!(sm_call_failure_kind(handle), FailureKind::None);
    }
}

#[test]
fn null_pointers_with_lengths_and_absurd_lengths_are_errors_naming_the_argument() {
    let call = sm_call_new();
    for bad in [forged_in(std::ptr::null(), 5), forged_in(OFFLINE.as_ptr(), u64::MAX)] {
        assert_eq!(sm_call_resolve(call, bad), CallStatus::Failed);
    }
    assert_eq!(sm_call_resolve(call, ffi::Slice::from_slice(OFFLINE)), CallStatus::Ok);
    let doc: &[u8] = br#"{"SecretId":"x","SecretStringPresent":true}"#;
    let cases = [
        (forged_in(std::ptr::null(), 1), empty(), empty(), "request document"),
        (ffi::Slice::from_slice(doc), forged_in(std::ptr::null(), 7), empty(), "SecretString"),
        (ffi::Slice::from_slice(doc), empty(), forged_in(doc.as_ptr(), u64::MAX), "SecretBinary"),
    ];
    for (json, text, binary, parameter) in cases {
        assert_eq!(sm_put_secret_value(call, json, text, binary), CallStatus::Failed);
        assert_eq!(crate::test_support::text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some(parameter));
    }
    // Readers given a null buffer with a length, or a tiny buffer, never write past what they were given.
    for read in TEXT_READERS {
        let status = read(call, forged_out(std::ptr::null(), 64)).status;
        assert!(matches!(status, TextStatus::BadBuffer | TextStatus::Absent), "{status:?}");
        let mut one = [0u8; 1];
        let answer = read(call, ffi::SliceMut::from_slice(&mut one));
        assert!(answer.status != TextStatus::Panic);
    }
    assert!(sm_call_free(call).is());
    assert!(!sm_call_free(call).is(), "a double free is reported, not acted on");
}

#[test]
fn utf16_secret_garbage_is_an_error_naming_secret_string() {
    let call = sm_call_new();
    assert_eq!(sm_call_resolve(call, ffi::Slice::from_slice(OFFLINE)), CallStatus::Ok);
    let doc: &[u8] = br#"{"SecretId":"x","SecretStringPresent":true}"#;
    let units: [u16; 4] = [0x61, 0x62, 0x63, 0x64];
    let odd = units.as_ptr().cast::<u8>().wrapping_add(1);
    let lone_high = [0x61u16, 0xD800];
    let lone_low = [0xDC00u16, 0x61];
    let cases = [
        (forged_utf16(std::ptr::null(), 3), "null pointer with a length"),
        (forged_utf16(units.as_ptr().cast(), u64::MAX), "length of"),
        (forged_utf16(units.as_ptr().cast(), 1 << 40), "length of"),
        (forged_utf16(odd, 2), "misaligned"),
        (ffi::Slice::from_slice(&lone_high), "unpaired UTF-16 surrogate"),
        (ffi::Slice::from_slice(&lone_low), "unpaired UTF-16 surrogate"),
    ];
    for (secret, why) in cases {
        assert_eq!(sm_put_secret_value_utf16(call, ffi::Slice::from_slice(doc), secret, empty()), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::InvalidInput, "{why}");
        assert_eq!(
            crate::test_support::text(|c, b| sm_call_error_parameter(c, b), call).as_deref(),
            Some("SecretString")
        );
        let message = crate::test_support::text(|c, b| sm_call_error_message(c, b), call).unwrap();
        assert!(message.contains("SecretString") && message.contains(why), "{message}");
    }
    // Well-formed text passes every check and fails only in transport (nothing listens on port 9).
    let text: Vec<u16> = "pässwörd 😀".encode_utf16().collect();
    assert_eq!(
        sm_put_secret_value_utf16(call, ffi::Slice::from_slice(doc), ffi::Slice::from_slice(&text), empty()),
        CallStatus::Failed
    );
    assert_ne!(sm_call_failure_kind(call), FailureKind::InvalidInput);
    assert!(sm_call_free(call).is());
}

#[test]
fn an_operation_before_connect_and_a_cancelled_call_fail_cleanly() {
    let call = sm_call_new();
    let doc = br#"{"SecretId":"x","SecretStringPresent":true}"#;
    assert_eq!(
        sm_put_secret_value(call, ffi::Slice::from_slice(doc), ffi::Slice::from_slice(b"s"), empty()),
        CallStatus::Failed
    );
    assert_eq!(sm_call_failure_kind(call), FailureKind::Internal);
    assert!(sm_call_cancel(call).is());
    assert!(sm_call_cancel(call).is(), "cancelling twice is harmless");
    assert_eq!(sm_call_resolve(call, ffi::Slice::from_slice(OFFLINE)), CallStatus::Failed);
    assert_eq!(sm_call_failure_kind(call), FailureKind::Cancelled);
    assert!(sm_call_free(call).is());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_connection_documents_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let call = sm_call_new();
        let status = sm_call_resolve(call, ffi::Slice::from_slice(&bytes));
        prop_assert!(matches!(status, CallStatus::Ok | CallStatus::Failed));
        sm_call_free(call);
    }

    #[test]
    fn random_utf16_secrets_never_panic(units in proptest::collection::vec(any::<u16>(), 0..64)) {
        let call = sm_call_new();
        prop_assert_eq!(sm_call_resolve(call, ffi::Slice::from_slice(OFFLINE)), CallStatus::Ok);
        let doc: &[u8] = br#"{"SecretId":"x","SecretStringPresent":true}"#;
        let status = sm_put_secret_value_utf16(call, ffi::Slice::from_slice(doc), ffi::Slice::from_slice(&units), empty());
        prop_assert_eq!(status, CallStatus::Failed);
        let valid = char::decode_utf16(units.iter().copied()).all(|c| c.is_ok());
        prop_assert_eq!(sm_call_failure_kind(call) == FailureKind::InvalidInput, !valid);
        sm_call_free(call);
    }

    #[test]
    fn random_request_documents_and_secrets_never_panic(
        doc in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..256),
            request_document().prop_map(String::into_bytes),
        ],
        text in proptest::collection::vec(any::<u8>(), 0..64),
        binary in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let call = sm_call_new();
        prop_assert_eq!(sm_call_resolve(call, ffi::Slice::from_slice(OFFLINE)), CallStatus::Ok);
        let status = sm_put_secret_value(call, ffi::Slice::from_slice(&doc), ffi::Slice::from_slice(&text), ffi::Slice::from_slice(&binary));
        // Nothing listens on port 9: a request that passes every check fails in transport, never succeeds.
        prop_assert_eq!(status, CallStatus::Failed);
        let kind = sm_call_failure_kind(call);
        prop_assert!(kind != FailureKind::None);
        sm_call_free(call);
    }
}

/// Request documents with the real keys and random values, so that decoding gets past the JSON parser.
fn request_document() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        "[a-zA-Z0-9 /_\\-]{0,80}".prop_map(|s| format!("\"{s}\"")),
        proptest::collection::vec("[A-Z]{0,300}", 0..25).prop_map(|v| serde_json::to_string(&v).unwrap()),
    ];
    let key = prop_oneof![
        Just("SecretId"),
        Just("SecretStringPresent"),
        Just("SecretBinaryPresent"),
        Just("ClientRequestToken"),
        Just("VersionStage"),
        Just("RotationToken"),
        Just("Bogus"),
    ];
    proptest::collection::vec((key, value), 0..6).prop_map(|members| {
        let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", body.join(","))
    })
}
