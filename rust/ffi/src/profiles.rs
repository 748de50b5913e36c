//! The exports the companion cmdlets use for profile files: list the profiles, find one, write keys as
//! one, and remove one. Each leaves its answer on a call handle, read with the `sm_call_profile_*` readers (or the
//! failure, read with `sm_call_failure_kind` and `sm_call_error_*`).

use crate::answers::CallStatus;
use crate::boundary::{catch_panic, status_after_panic};
use crate::call_registry::{self, Outcome};
use crate::profile_document::{MAX_PROFILE_DOCUMENT_BYTES, ProfileDocument};
use crate::slices;
use interoptopus::ffi;
use secretsmanager_native_core::profiles::profile_files::{self, Profile};
use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{CallError, ExplicitKeys};
use zeroize::Zeroizing;

/// Longest secret key or session token accepted, in bytes (session tokens run to a few kilobytes).
const MAX_KEY_BYTES: usize = 1 << 16;

/// Lists the profiles of the files named by `profile_json` (`ProfileLocation`, else the environment's
/// `AWS_SHARED_CREDENTIALS_FILE`/`AWS_CONFIG_FILE`, else `~/.aws/credentials` and `~/.aws/config`):
/// those of the credentials file first, then those the config file adds, in file order. Only sections
/// that name profiles count (not `[sso-session x]` or `[services x]`).
///
/// - `call`: a live handle from `sm_call_new`; afterwards `sm_call_profile_count` says how many,
///   `sm_call_profile_name` and `sm_call_profile_location` read each.
/// - `profile_json`: the UTF-8 JSON profile document (`ProfileLocation`, `Environment`), borrowed.
///
/// Returns `Ok`, `Failed`, `BadHandle` (nothing done) or `Panic`.
#[ffi]
pub fn sm_profile_list(call: u64, profile_json: ffi::Slice<u8>) -> CallStatus {
    with_profiles(call, &profile_json, |cancel, document| {
        let env = document.environment();
        block_on_cancellable(cancel, async { Ok(profile_files::list(document.location(), &env).await) })
    })
}

/// Finds the profile `ProfileName` of `profile_json` in the same files as `sm_profile_list`.
///
/// Afterwards `sm_call_profile_count` is 0 (no such profile) or 1; when the profile holds nothing but
/// keys, `sm_call_profile_access_key`, `sm_call_profile_secret_key` and `sm_call_profile_session_token`
/// read them (other kinds, such as role or SSO profiles, are resolved by each call instead).
///
/// Returns `Ok` (found or not), `Failed`, `BadHandle` (nothing done) or `Panic`.
#[ffi]
pub fn sm_profile_find(call: u64, profile_json: ffi::Slice<u8>) -> CallStatus {
    with_profiles(call, &profile_json, |cancel, document| {
        let name = document.profile_name("ProfileName")?;
        let env = document.environment();
        block_on_cancellable(cancel, async { Ok(profile_files::find(document.location(), &env, name).await) })
            .map(|found| found.into_iter().collect())
    })
}

/// Writes keys as profile `ProfileName` (the cmdlet's `-StoreAs`) into the credentials file
/// (`ProfileLocation`, else `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), keeping the other
/// profiles, comments and the profile's other settings. The file is replaced by a rename, so a crash
/// leaves the old one; a new file is created 0600 in a folder created 0700; writers take turns.
///
/// - `profile_json`: `ProfileName`, `ProfileLocation`, `AccessKey`, `Environment`; borrowed.
/// - `secret_key`, `session_token`: UTF-8, borrowed for the call (an empty token: none), so that the
///   caller can wipe its buffers when this returns; the library wipes its own copies.
///
/// Afterwards `sm_call_profile_location` (index 0) reads the file written. Failures: `InvalidInput`
/// naming the parameter, or `ProfileFile` naming the file; messages never hold a key.
#[ffi]
pub fn sm_profile_write(
    call: u64,
    profile_json: ffi::Slice<u8>,
    secret_key: ffi::Slice<u8>,
    session_token: ffi::Slice<u8>,
) -> CallStatus {
    with_profiles(call, &profile_json, |_, document| {
        let keys = ExplicitKeys {
            access_key: document.access_key()?.to_string(),
            secret_key: key_text(&secret_key, "SecretKey")?
                .ok_or_else(|| CallError::invalid_input("SecretKey", "A secret key (-SecretKey) is needed."))?,
            session_token: key_text(&session_token, "SessionToken")?,
        };
        let env = document.environment();
        profile_files::store_keys(document.location(), &env, document.profile_name("StoreAs")?, &keys).map(|p| vec![p])
    })
}

/// Removes profile `ProfileName` of `profile_json` from the files `sm_profile_list` reads (every section
/// of that name; `[sso-session x]` and other non-profile sections stay), each file replaced in one step
/// as `sm_profile_write` replaces it.
///
/// Afterwards `sm_call_profile_count` says from how many files it was removed (0: there was no such
/// profile) and `sm_call_profile_location` reads each file. Failures: `ProfileFile` naming the file.
#[ffi]
pub fn sm_profile_remove(call: u64, profile_json: ffi::Slice<u8>) -> CallStatus {
    with_profiles(call, &profile_json, |_, document| {
        let env = document.environment();
        profile_files::remove(document.location(), &env, document.profile_name("ProfileName")?)
    })
}

/// The shared frame of the profile exports: the panic boundary, the handle, the document, and the
/// outcome left on the handle.
fn with_profiles(
    call: u64,
    profile_json: &ffi::Slice<u8>,
    operation: impl FnOnce(&tokio_util::sync::CancellationToken, &ProfileDocument) -> Result<Vec<Profile>, CallError>,
) -> CallStatus {
    catch_panic(
        || status_after_panic(call),
        || {
            let Some(live) = call_registry::get(call) else { return CallStatus::BadHandle };
            let outcome = slices::input(profile_json, MAX_PROFILE_DOCUMENT_BYTES)
                .map_err(|e| e.for_parameter("profile document"))
                .and_then(ProfileDocument::parse)
                .and_then(|document| operation(&live.cancel, &document));
            match outcome {
                Ok(profiles) => {
                    live.set_outcome(Outcome::Profiles(profiles));
                    CallStatus::Ok
                }
                Err(error) => {
                    live.set_outcome(Outcome::Failed(error));
                    CallStatus::Failed
                }
            }
        },
    )
}

/// A key slice as text in wiping memory; `None` when empty.
fn key_text(slice: &ffi::Slice<u8>, parameter: &str) -> Result<Option<Zeroizing<String>>, CallError> {
    let bytes = slices::input(slice, MAX_KEY_BYTES).map_err(|e| e.for_parameter(parameter))?;
    if bytes.is_empty() {
        return Ok(None);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| CallError::invalid_input(parameter, format!("The value of -{parameter} is not valid UTF-8.")))?;
    Ok(Some(Zeroizing::new(text.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{FailureKind, TextStatus};
    use crate::call::{sm_call_free, sm_call_new};
    use crate::call_readers::{sm_call_error_message, sm_call_error_parameter, sm_call_failure_kind};
    use crate::profile_readers::*;
    use crate::test_support::text;

    /// A temporary home folder, removed on drop.
    struct Home(std::path::PathBuf);

    impl Home {
        fn new(tag: &str) -> Self {
            let path = std::env::temp_dir().join(format!("sm-ffi-profiles-{tag}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            Self(path)
        }

        fn document(&self, members: &str) -> Vec<u8> {
            let home = self.0.to_string_lossy().replace('\\', "\\\\");
            format!(r#"{{{members}"Environment":{{"HOME":"{home}"}}}}"#).into_bytes()
        }
    }

    impl Drop for Home {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn slice(bytes: &[u8]) -> ffi::Slice<'_, u8> {
        ffi::Slice::from_slice(bytes)
    }

    fn forged(data: *const u8, len: u64) -> ffi::Slice<'static, u8> {
        // SAFETY: ffi::Slice is a pointer and a u64 length (asserted in slices.rs); the export checks it.
        unsafe { std::mem::transmute((data, len)) }
    }

    type IndexedReader = extern "C-unwind" fn(u64, u32, ffi::SliceMut<'_, u8>) -> crate::answers::TextAnswer;

    fn indexed(read: IndexedReader, call: u64, index: u32) -> Option<String> {
        text(|c, b| read(c, index, b), call)
    }

    #[test]
    fn keys_written_are_listed_and_found_through_the_exports() {
        let home = Home::new("round-trip");
        let call = sm_call_new();
        let write = home.document(r#""ProfileName":"saved","AccessKey":"AKIDFFI","#);
        assert_eq!(sm_profile_write(call, slice(&write), slice(b"ffi-secret"), slice(b"ffi-token")), CallStatus::Ok);
        let file = home.0.join(".aws").join("credentials");
        assert_eq!(indexed(sm_call_profile_location, call, 0).as_deref(), file.to_str());

        assert_eq!(sm_profile_list(call, slice(&home.document(""))), CallStatus::Ok);
        assert_eq!(sm_call_profile_count(call).into_option(), Some(1));
        assert_eq!(indexed(sm_call_profile_name, call, 0).as_deref(), Some("saved"));
        assert_eq!(indexed(sm_call_profile_secret_key, call, 0), None, "a list carries no keys");
        let mut buffer = [0u8; 8];
        assert_eq!(sm_call_profile_name(call, 1, ffi::SliceMut::from_slice(&mut buffer)).status, TextStatus::BadIndex);

        assert_eq!(sm_profile_find(call, slice(&home.document(r#""ProfileName":"saved","#))), CallStatus::Ok);
        assert_eq!(indexed(sm_call_profile_access_key, call, 0).as_deref(), Some("AKIDFFI"));
        assert_eq!(indexed(sm_call_profile_secret_key, call, 0).as_deref(), Some("ffi-secret"));
        assert_eq!(indexed(sm_call_profile_session_token, call, 0).as_deref(), Some("ffi-token"));

        assert_eq!(sm_profile_find(call, slice(&home.document(r#""ProfileName":"missing","#))), CallStatus::Ok);
        assert_eq!(sm_call_profile_count(call).into_option(), Some(0));

        assert_eq!(sm_profile_remove(call, slice(&home.document(r#""ProfileName":"saved","#))), CallStatus::Ok);
        assert_eq!(indexed(sm_call_profile_location, call, 0).as_deref(), file.to_str());
        assert_eq!(sm_profile_list(call, slice(&home.document(""))), CallStatus::Ok);
        assert_eq!(sm_call_profile_count(call).into_option(), Some(0));
        sm_call_free(call);
    }

    #[test]
    fn bad_input_is_a_failure_naming_the_parameter_and_never_echoes_a_key() {
        let home = Home::new("bad-input");
        let call = sm_call_new();
        let write = home.document(r#""ProfileName":"p","AccessKey":"AKID","#);
        assert_eq!(sm_profile_write(call, slice(&write), slice(b""), slice(b"")), CallStatus::Failed);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("SecretKey"));
        assert_eq!(sm_profile_write(call, slice(&write), slice(b"s\xff"), slice(b"")), CallStatus::Failed);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("SecretKey"));
        assert_eq!(sm_profile_write(call, slice(&write), forged(std::ptr::null(), 3), slice(b"")), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::InvalidInput);
        let huge = vec![b'k'; MAX_KEY_BYTES + 1];
        assert_eq!(sm_profile_write(call, slice(&write), slice(b"s"), slice(&huge)), CallStatus::Failed);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("SessionToken"));
        let unnamed = home.document(r#""AccessKey":"AKID","#);
        assert_eq!(sm_profile_write(call, slice(&unnamed), slice(b"s"), slice(b"")), CallStatus::Failed);
        assert_eq!(text(|c, b| sm_call_error_parameter(c, b), call).as_deref(), Some("StoreAs"));
        let spaced = home.document(r#""ProfileName":"p","AccessKey":"AKID","#);
        assert_eq!(sm_profile_write(call, slice(&spaced), slice(b"never shown"), slice(b"")), CallStatus::Failed);
        assert!(!text(|c, b| sm_call_error_message(c, b), call).unwrap().contains("never shown"));
        assert_eq!(sm_profile_list(call, slice(br#"{"SecretKey":"x"}"#)), CallStatus::Failed);
        assert_eq!(sm_call_failure_kind(call), FailureKind::Internal);
        assert_eq!(sm_profile_find(call, forged(std::ptr::null(), 9)), CallStatus::Failed);
        assert!(!home.0.exists(), "nothing was written");
        sm_call_free(call);
    }

    #[test]
    fn made_up_and_freed_handles_are_refused() {
        let freed = sm_call_new();
        sm_call_free(freed);
        let mut buffer = [0u8; 8];
        for handle in [0, u64::MAX, freed] {
            assert_eq!(sm_profile_list(handle, slice(b"{}")), CallStatus::BadHandle);
            assert_eq!(sm_profile_find(handle, slice(b"{}")), CallStatus::BadHandle);
            assert_eq!(sm_profile_write(handle, slice(b"{}"), slice(b""), slice(b"")), CallStatus::BadHandle);
            assert_eq!(sm_profile_remove(handle, slice(b"{}")), CallStatus::BadHandle);
            assert_eq!(sm_call_profile_count(handle).into_option(), None);
            let readers: [IndexedReader; 3] =
                [sm_call_profile_name, sm_call_profile_location, sm_call_profile_secret_key];
            for read in readers {
                assert_eq!(read(handle, 0, ffi::SliceMut::from_slice(&mut buffer)).status, TextStatus::BadHandle);
            }
        }
    }
}
