//! Helpers for the tests that call the exports as a foreign caller would.

use crate::answers::{TextAnswer, TextStatus};
use interoptopus::ffi;

/// Reads a text value through one of the `sm_call_*` text readers.
pub(crate) fn text(read: impl for<'a> Fn(u64, ffi::SliceMut<'a, u8>) -> TextAnswer, call: u64) -> Option<String> {
    let mut buffer = [0u8; 512];
    let answer = read(call, ffi::SliceMut::from_slice(&mut buffer));
    (answer.status == TextStatus::Ok).then(|| String::from_utf8(buffer[..answer.length as usize].to_vec()).unwrap())
}
