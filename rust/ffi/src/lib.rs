//! The C ABI of SecretsManager.Native, described with `interoptopus` so that the C# bindings are
//! generated from [`ffi_inventory`], never written by hand.
//!
//! # Conventions
//!
//! - **Names**: every export is `sm_<noun>_<verb>` (`sm_call_new`, `sm_put_secret_value`,
//!   `sm_profile_list`); readers are `sm_<noun>_<value>` (`sm_call_arn`, `sm_environment_names`).
//! - **Handles, not pointers**: state lives in Rust behind a `u64` call handle from [`sm_call_new`](fn@sm_call_new).
//!   A handle that is unknown, already freed or made up is reported (`BadHandle`), never
//!   dereferenced, so a double free is harmless.
//! - **Nothing Rust-owned is handed out**: results are copied into caller buffers by one reader per
//!   value (`sm_call_arn`, `sm_call_error_message`, ...) or returned as numbers. The only thing to
//!   free is the handle, with [`sm_call_free`](fn@sm_call_free), once.
//! - **Inputs are borrowed for the call only**: `ffi::Slice` arguments are read during the call and
//!   never kept. A null pointer with a non-zero length, or a length past the documented maximum, is
//!   an invalid-input failure. The secret is passed as its own slice (UTF-8, or UTF-16 units through
//!   [`sm_put_secret_value_utf16`](fn@sm_put_secret_value_utf16) for a .NET `SecureString`) so that the caller can wipe its
//!   buffer afterwards; the library wipes its own copies (see `ZeroizingAlloc`).
//! - **Enums only travel outward**: arguments are handles, numbers and slices, so no argument can
//!   form an invalid Rust value; answers use `#[ffi]` enums ([`CallStatus`], [`FailureKind`],
//!   [`TextStatus`]) whose numbers are part of the contract.
//! - **Panics stop at the boundary**: every export runs inside `boundary::catch_panic` and answers
//!   `Panic` (or the reader's fallback); no unwinding reaches the caller.
//! - **Secrets go in as slices of their own**: the secret value, and the secret key and session token
//!   that [`sm_profile_write`](fn@sm_profile_write) stores, never travel inside a JSON document.
//! - **Threads**: every export may be called from any thread; [`sm_call_cancel`](fn@sm_call_cancel) is meant to be
//!   called from another thread while [`sm_put_secret_value`](fn@sm_put_secret_value) blocks on the same handle.
//!
//! # Ownership rules
//!
//! Memory that crosses the boundary has exactly one owner and is freed exactly once, by that owner:
//!
//! | What | Owner | Lifetime and release |
//! |---|---|---|
//! | Call handle (`u64`) | the caller | from [`sm_call_new`](fn@sm_call_new) until [`sm_call_free`](fn@sm_call_free); the state behind it stays in Rust and is dropped by `sm_call_free`. Any call with a freed or unknown handle answers `BadHandle`. |
//! | Input slices (documents, secret text, secret bytes) | the caller | borrowed only for the duration of the call that receives them; Rust copies what it keeps (into wiping memory) and never frees or retains the caller's pointer, so the caller may wipe and free its buffer as soon as the call returns. |
//! | Output buffers of the readers (`sm_call_arn`, `sm_call_error_message`, ...) | the caller | borrowed for the call; Rust writes at most the buffer's length and answers the text's full length (`TextAnswer::length`), so a larger buffer can be asked for; no Rust allocation is ever returned to the caller, so there is nothing for the caller to free but the handle. |
//! | Numbers and `#[ffi]` enums | copied | returned by value. |
//!
//! A handle's state is guarded by locks, so readers and [`sm_call_cancel`](fn@sm_call_cancel) may run on other
//! threads than the operation. After `sm_call_free` the handle is dead: using it again is reported as
//! `BadHandle`, never undefined behaviour.

mod answers;
mod api_guard;
mod boundary;
mod call;
mod call_readers;
mod call_registry;
mod client_reuse;
mod environment_names;
#[cfg(test)]
mod garbage_tests;
mod profile_document;
mod profile_readers;
mod profiles;
mod put_request;
mod put_secret_value;
mod resolve;
mod slices;
mod target_document;
#[cfg(test)]
mod test_support;
mod utf16_secret;

pub use answers::{CallStatus, FailureKind, NumberAnswer, TextAnswer, TextStatus};
pub use api_guard::{__api_guard, API_HASH, inventory_hash};
pub use call::{sm_call_cancel, sm_call_free, sm_call_new};
pub use call_readers::*;
pub use environment_names::sm_environment_names;
pub use profile_readers::*;
pub use profiles::{sm_profile_find, sm_profile_list, sm_profile_remove, sm_profile_write};
pub use put_secret_value::{sm_put_secret_value, sm_put_secret_value_utf16};
pub use resolve::sm_call_resolve;

use interoptopus::function;
use interoptopus::inventory::RustInventory;

/// Everything exported over the C ABI, for the bindings generator (and the API guard's hash).
pub fn ffi_inventory() -> RustInventory {
    RustInventory::new()
        .register(function!(__api_guard))
        .register(function!(sm_call_new))
        .register(function!(sm_call_cancel))
        .register(function!(sm_call_free))
        .register(function!(sm_call_resolve))
        .register(function!(sm_call_region))
        .register(function!(sm_call_region_source))
        .register(function!(sm_call_endpoint_url))
        .register(function!(sm_call_endpoint))
        .register(function!(sm_call_endpoint_source))
        .register(function!(sm_call_credentials_source))
        .register(function!(sm_put_secret_value))
        .register(function!(sm_put_secret_value_utf16))
        .register(function!(sm_call_failure_kind))
        .register(function!(sm_call_arn))
        .register(function!(sm_call_name))
        .register(function!(sm_call_version_id))
        .register(function!(sm_call_version_stage))
        .register(function!(sm_call_version_stage_count))
        .register(function!(sm_call_request_id))
        .register(function!(sm_call_http_status))
        .register(function!(sm_call_content_length))
        .register(function!(sm_call_quota_advice))
        .register(function!(sm_call_client_request_token))
        .register(function!(sm_call_may_have_written))
        .register(function!(sm_call_error_code))
        .register(function!(sm_call_error_message))
        .register(function!(sm_call_error_parameter))
        .register(function!(sm_environment_names))
        .register(function!(sm_profile_list))
        .register(function!(sm_profile_find))
        .register(function!(sm_profile_write))
        .register(function!(sm_profile_remove))
        .register(function!(sm_call_profile_count))
        .register(function!(sm_call_profile_name))
        .register(function!(sm_call_profile_location))
        .register(function!(sm_call_profile_access_key))
        .register(function!(sm_call_profile_secret_key))
        .register(function!(sm_call_profile_session_token))
        .validate()
}
