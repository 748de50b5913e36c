//! Exports that open, cancel and free a call handle.

use crate::boundary::catch_panic;
use crate::call_registry;
use interoptopus::ffi;

/// Opens a call and returns its handle (never 0).
///
/// The handle is owned by the caller and must be released with `sm_call_free` exactly once,
/// after the operation that uses it has returned. Returns 0 only if a panic was caught.
#[ffi]
pub fn sm_call_new() -> u64 {
    catch_panic(|| 0, call_registry::open)
}

/// Asks the operation running on `call` to stop; it then returns promptly with a `Cancelled` failure.
///
/// Safe to call from any thread, at any time, any number of times, also before the operation starts
/// (it then fails at once). Returns false if the handle is not live.
#[ffi]
pub fn sm_call_cancel(call: u64) -> ffi::Bool {
    catch_panic(
        || ffi::Bool::FALSE,
        || match call_registry::get(call) {
            Some(live) => {
                live.cancel.cancel();
                ffi::Bool::TRUE
            }
            None => ffi::Bool::FALSE,
        },
    )
}

/// Releases `call`. Returns false if the handle was not live, so a second free is harmless.
#[ffi]
pub fn sm_call_free(call: u64) -> ffi::Bool {
    catch_panic(|| ffi::Bool::FALSE, || call_registry::close(call).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{CallStatus, FailureKind};
    use crate::call_readers::sm_call_failure_kind;
    use crate::call_registry::live_count;

    #[test]
    fn handles_are_freed_once_and_made_up_handles_are_refused() {
        let before = live_count();
        let call = sm_call_new();
        assert_ne!(call, 0);
        assert!(sm_call_free(call).is());
        assert!(!sm_call_free(call).is(), "a second free is reported, not acted on");
        for garbage in [0, u64::MAX, call] {
            assert!(!sm_call_cancel(garbage).is());
        }
        assert!(live_count() <= before + 1, "no handle leaks from these calls");
    }

    #[test]
    fn a_call_cancelled_before_it_runs_fails_at_once() {
        let call = sm_call_new();
        assert!(sm_call_cancel(call).is());
        assert!(sm_call_cancel(call).is(), "cancelling twice is fine");
        let json = br#"{"Region":"us-east-1","AccessKey":"a","SecretKey":"b"}"#;
        let status = crate::sm_call_resolve(call, ffi::Slice::from_slice(json));
        assert_eq!(status, CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Cancelled);
        sm_call_free(call);
    }
}
