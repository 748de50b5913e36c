//! Readers of what `sm_profile_list`, `sm_profile_find`, `sm_profile_write` and `sm_profile_remove` left
//! on a call: one
//! reader per value of profile number `index` (from 0), as for the other call readers.

use crate::answers::{NumberAnswer, TextAnswer};
use crate::call_readers::{Pick, non_empty, read_number, read_text};
use crate::call_registry::Outcome;
use interoptopus::ffi;
use secretsmanager_native_core::profiles::profile_files::Profile;

/// `pick` of profile `index`: `BadIndex` past the end, `Absent` when the call left no profiles.
fn of_profile(outcome: &Outcome, index: u32, pick: impl FnOnce(&Profile) -> Option<&str>) -> Pick<'_> {
    match outcome {
        Outcome::Profiles(profiles) => profiles.get(index as usize).map_or(Pick::BadIndex, |p| non_empty(pick(p))),
        Outcome::PutSecretValue(_) | Outcome::Failed(_) => Pick::Absent,
    }
}

/// How many profiles the call listed, found (0 or 1) or wrote (1), or from how many files it removed one.
#[ffi]
pub fn sm_call_profile_count(call: u64) -> NumberAnswer {
    read_number(call, |o| match o {
        Outcome::Profiles(profiles) => i64::try_from(profiles.len()).ok(),
        Outcome::PutSecretValue(_) | Outcome::Failed(_) => None,
    })
}

/// Profile `index`'s name.
#[ffi]
pub fn sm_call_profile_name(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_profile(o, index, |p| Some(&p.name)))
}

/// The file that names profile `index` (listed or written profiles), or that it was removed from.
#[ffi]
pub fn sm_call_profile_location(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_profile(o, index, |p| p.location.as_deref()))
}

/// The access key id of found profile `index`, when it holds plain keys.
#[ffi]
pub fn sm_call_profile_access_key(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_profile(o, index, |p| p.keys.as_ref().map(|k| k.access_key.as_str())))
}

/// The secret key of found profile `index`, when it holds plain keys. The caller wipes its buffer.
#[ffi]
pub fn sm_call_profile_secret_key(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| of_profile(o, index, |p| p.keys.as_ref().map(|k| k.secret_key.as_str())))
}

/// The session token of found profile `index`, when it has one. The caller wipes its buffer.
#[ffi]
pub fn sm_call_profile_session_token(call: u64, index: u32, buffer: ffi::SliceMut<u8>) -> TextAnswer {
    read_text(call, buffer, |o| {
        of_profile(o, index, |p| p.keys.as_ref().and_then(|k| k.session_token.as_deref().map(String::as_str)))
    })
}
