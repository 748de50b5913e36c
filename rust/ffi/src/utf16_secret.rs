//! The secret text of `sm_put_secret_value_utf16`: UTF-16 code units (a .NET `SecureString`'s
//! unmanaged copy) turned into UTF-8 in memory that is wiped when dropped.

use secretsmanager_native_core::CallError;
use zeroize::Zeroizing;

/// The UTF-8 form of `units`, zeroed on drop (and any buffer given up while it grows is wiped by the
/// library's zeroizing allocator). An unpaired surrogate is an error naming `SecretString` (never
/// silently replaced with U+FFFD).
pub(crate) fn utf8_from_utf16(units: &[u16]) -> Result<Zeroizing<String>, CallError> {
    String::from_utf16(units).map(Zeroizing::new).map_err(|_| {
        CallError::invalid_input(
            "SecretString",
            "The value of SecretString contains an unpaired UTF-16 surrogate and can't be sent as UTF-8 text.",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn text_of_every_plane_round_trips() {
        for text in ["", "plain", "päßwörd", "€ 𝄞 😀", "line\nbreak\0nul"] {
            assert_eq!(utf8_from_utf16(&utf16(text)).unwrap().as_str(), text);
        }
    }

    #[test]
    fn lone_surrogates_are_an_error_naming_the_parameter() {
        for units in [vec![0xD800], vec![0x61, 0xDC00], vec![0xD83D, 0x61], vec![0xDE00, 0xD83D]] {
            let err = utf8_from_utf16(&units).unwrap_err();
            assert_eq!(err.parameter, "SecretString");
            assert!(err.message.contains("unpaired UTF-16 surrogate"));
        }
    }
}
