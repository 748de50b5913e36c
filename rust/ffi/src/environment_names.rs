//! The names of the environment variables the module must gather from the shell for the library.

use crate::answers::{TextAnswer, TextStatus};
use crate::boundary::catch_panic;
use crate::slices;
use interoptopus::ffi;
use secretsmanager_native_core::GATHERED_VARIABLES;

/// Copies the names of the environment variables the library reads, one per line (`\n`-separated,
/// no trailing line end), into `buffer`; answers the full length (ask again with a larger buffer
/// when it is longer). pwsh's `$env:` is invisible to the library, so the module looks these names
/// up and passes the values in each document's `Environment`.
///
/// Returns `Ok`, `BadBuffer` or `Panic`.
#[ffi]
pub fn sm_environment_names(buffer: ffi::SliceMut<u8>) -> TextAnswer {
    catch_panic(
        || TextAnswer::of(TextStatus::Panic),
        || {
            let mut buffer = buffer;
            let Ok(buffer) = slices::output(&mut buffer) else { return TextAnswer::of(TextStatus::BadBuffer) };
            let names = GATHERED_VARIABLES.join("\n");
            let n = names.len().min(buffer.len());
            buffer[..n].copy_from_slice(&names.as_bytes()[..n]);
            TextAnswer { status: TextStatus::Ok, length: names.len() as u64 }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_the_cores_list_and_a_short_buffer_gets_the_full_length() {
        let mut buffer = [0u8; 4096];
        let answer = sm_environment_names(ffi::SliceMut::from_slice(&mut buffer));
        assert_eq!(answer.status, TextStatus::Ok);
        let names = std::str::from_utf8(&buffer[..answer.length as usize]).unwrap();
        assert_eq!(names.split('\n').collect::<Vec<_>>(), GATHERED_VARIABLES);
        let mut short = [0u8; 4];
        let answer = sm_environment_names(ffi::SliceMut::from_slice(&mut short));
        assert_eq!((answer.status, answer.length as usize), (TextStatus::Ok, names.len()));
        assert_eq!(&short, b"HOME");
    }
}
