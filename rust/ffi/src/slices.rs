//! Checked access to borrowed `ffi::Slice` / `ffi::SliceMut` arguments.

use interoptopus::ffi;
use secretsmanager_native_core::CallError;

/// The layout of `ffi::Slice` and `ffi::SliceMut` (`#[repr(C)]` pointer + `u64` length), read
/// directly because their own accessors turn a null pointer into an empty slice, hiding a bad length.
#[repr(C)]
struct RawSlice {
    data: *const u8,
    len: u64,
}

const _: () = assert!(size_of::<ffi::Slice<u8>>() == size_of::<RawSlice>());
const _: () = assert!(size_of::<ffi::SliceMut<u8>>() == size_of::<RawSlice>());
const _: () = assert!(size_of::<ffi::Slice<u16>>() == size_of::<RawSlice>());

/// Why a slice argument was rejected.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SliceError {
    NullWithLength,
    TooLong {
        len: u64,
        max: usize,
    },
    /// A pointer that is not aligned for its element type (a UTF-16 slice at an odd address).
    Misaligned,
}

fn raw<S>(slice: &S) -> &RawSlice {
    // SAFETY: only called with ffi::Slice<u8> / ffi::Slice<u16> / ffi::SliceMut<u8>, whose layout is asserted above.
    unsafe { &*(std::ptr::from_ref(slice).cast::<RawSlice>()) }
}

fn check(raw: &RawSlice, max: usize) -> Result<usize, SliceError> {
    if raw.data.is_null() && raw.len != 0 {
        return Err(SliceError::NullWithLength);
    }
    match usize::try_from(raw.len) {
        Ok(len) if len <= max => Ok(len),
        _ => Err(SliceError::TooLong { len: raw.len, max }),
    }
}

/// The bytes of an input slice (empty for a null pointer with length zero: C# pins an empty array
/// as null, so whether a value is present travels separately, in the request document).
pub(crate) fn input<'a>(slice: &ffi::Slice<'a, u8>, max: usize) -> Result<&'a [u8], SliceError> {
    check(raw(slice), max)?;
    Ok(slice.as_slice())
}

/// The UTF-16 code units of an input slice; `max` counts units. The pointer must be 2-byte aligned.
pub(crate) fn input_utf16<'a>(slice: &ffi::Slice<'a, u16>, max: usize) -> Result<&'a [u16], SliceError> {
    let raw = raw(slice);
    check(raw, max)?;
    if !raw.data.cast::<u16>().is_aligned() {
        return Err(SliceError::Misaligned);
    }
    Ok(slice.as_slice())
}

/// The writable bytes of an output buffer (empty for a null pointer with length zero).
pub(crate) fn output<'a>(slice: &mut ffi::SliceMut<'a, u8>) -> Result<&'a mut [u8], SliceError> {
    check(raw(slice), usize::MAX)?;
    Ok(slice.as_slice_mut())
}

impl SliceError {
    /// As an invalid-input failure naming the parameter the slice carries.
    pub(crate) fn for_parameter(&self, parameter: &str) -> CallError {
        let message = match self {
            Self::NullWithLength => format!("The value of {parameter} was passed as a null pointer with a length."),
            Self::TooLong { len, max } => {
                format!("The value of {parameter} has a length of {len}; at most {max} are accepted.")
            }
            Self::Misaligned => format!("The value of {parameter} was passed at a misaligned address."),
        };
        CallError::invalid_input(parameter, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forged(data: *const u8, len: u64) -> ffi::Slice<'static, u8> {
        // SAFETY: RawSlice has ffi::Slice's layout (asserted above).
        unsafe { std::mem::transmute(RawSlice { data, len }) }
    }

    #[test]
    fn null_is_empty_but_null_with_length_is_rejected() {
        assert_eq!(input(&forged(std::ptr::null(), 0), 10), Ok(&[][..]));
        assert_eq!(input(&forged(std::ptr::null(), 3), 10), Err(SliceError::NullWithLength));
    }

    #[test]
    fn lengths_past_the_maximum_are_rejected_before_reading() {
        let bytes = [1u8, 2, 3];
        assert_eq!(input(&ffi::Slice::from_slice(&bytes), 3), Ok(&bytes[..]));
        assert_eq!(input(&forged(bytes.as_ptr(), u64::MAX), 3), Err(SliceError::TooLong { len: u64::MAX, max: 3 }));
    }

    #[test]
    fn utf16_slices_are_checked_for_null_length_and_alignment() {
        let units = [0x61u16, 0x62, 0x63];
        assert_eq!(input_utf16(&ffi::Slice::from_slice(&units), 3), Ok(&units[..]));
        // SAFETY: RawSlice has ffi::Slice's layout (asserted above); the check must refuse it before reading.
        let forged16 = |data: *const u8, len: u64| -> ffi::Slice<'static, u16> {
            unsafe { std::mem::transmute(RawSlice { data, len }) }
        };
        assert_eq!(input_utf16(&forged16(std::ptr::null(), 2), 3), Err(SliceError::NullWithLength));
        assert_eq!(input_utf16(&forged16(units.as_ptr().cast(), 4), 3), Err(SliceError::TooLong { len: 4, max: 3 }));
        let odd = units.as_ptr().cast::<u8>().wrapping_add(1);
        assert_eq!(input_utf16(&forged16(odd, 1), 3), Err(SliceError::Misaligned));
    }

    #[test]
    fn messages_name_the_parameter() {
        let err = SliceError::NullWithLength.for_parameter("SecretBinary");
        assert_eq!(err.parameter, "SecretBinary");
        assert!(err.message.contains("SecretBinary"));
    }
}
