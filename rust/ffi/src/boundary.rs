//! The panic boundary every export goes through.

use crate::answers::CallStatus;
use crate::call_registry::{self, Outcome};
use secretsmanager_native_core::CallError;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

static QUIET_PANIC_HOOK: Once = Once::new();

/// Runs `body`; if it panics, returns `on_panic()` instead of unwinding into the caller.
///
/// The first use replaces this library's panic hook with a silent one: the default hook prints the
/// panic message on the host's stderr (pwsh's console), where a library has no business writing.
pub(crate) fn catch_panic<T>(on_panic: impl FnOnce() -> T, body: impl FnOnce() -> T) -> T {
    QUIET_PANIC_HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|_| on_panic())
}

/// The answer of an operation export that panicked: leaves an internal failure on the handle (if it
/// is live) for the caller to read, and says `Panic` (or `BadHandle` when there is no handle to tell).
pub(crate) fn status_after_panic(call: u64) -> CallStatus {
    let message = "An internal error occurred in the native library (a panic was caught); the call did not complete.";
    let recorded = catch_panic(
        || false,
        || {
            call_registry::get(call)
                .map(|live| live.set_outcome(Outcome::Failed(CallError::internal(message))))
                .is_some()
        },
    );
    if recorded { CallStatus::Panic } else { CallStatus::BadHandle }
}

#[cfg(test)]
mod tests {
    use super::catch_panic;

    #[test]
    fn a_panic_becomes_the_fallback_value() {
        assert_eq!(catch_panic(|| -1, || panic!("boom")), -1);
        assert_eq!(catch_panic(|| -1, || 5), 5);
    }
}
