//! The request document of `sm_put_secret_value`: the operation's inputs except the secret value
//! (which travels in its own slice) and the connection (see `target_document`), as JSON.
//!
//! JSON keeps the ABI stable while parameters are added. Keys are the cmdlet's parameter names, so
//! an error can name the parameter exactly as the user typed it.

use crate::slices::SliceError;
use secretsmanager_native_core::{CallError, PutSecretValueRequest};
use serde::Deserialize;
use zeroize::Zeroizing;

/// Largest request document accepted (the inputs other than the secret are small).
pub(crate) const MAX_REQUEST_BYTES: usize = 1 << 20;
/// Largest secret accepted at the boundary; the service's own limit (64 KiB) is checked later.
pub(crate) const MAX_SECRET_INPUT_BYTES: usize = 1 << 20;

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct PutRequestDocument {
    secret_id: Option<String>,
    /// Whether the `secret_string` slice carries a value (an empty one included).
    #[serde(default)]
    secret_string_present: bool,
    #[serde(default)]
    secret_binary_present: bool,
    client_request_token: Option<String>,
    version_stage: Option<Vec<String>>,
    rotation_token: Option<Zeroizing<String>>,
    /// The cmdlet will show the version-quota advice (it does with -Verbose).
    #[serde(default)]
    report_quota_advice: bool,
}

impl PutRequestDocument {
    pub(crate) fn parse(json: &[u8]) -> Result<Self, CallError> {
        // serde's message names the offending key and position, never a value.
        serde_json::from_slice(json).map_err(|e| CallError::internal(format!("The request document is malformed: {e}")))
    }

    /// The request, borrowing the secret from the caller's slices.
    pub(crate) fn request<'a>(
        &self,
        secret_string: &'a [u8],
        secret_binary: &'a [u8],
    ) -> Result<PutSecretValueRequest<'a>, CallError> {
        let secret_string = if self.secret_string_present {
            let text = std::str::from_utf8(secret_string).map_err(|_| {
                CallError::invalid_input("SecretString", "The value of SecretString is not valid UTF-8 text.")
            })?;
            Some(text)
        } else {
            None
        };
        Ok(PutSecretValueRequest {
            secret_id: self.secret_id.clone(),
            secret_string,
            secret_binary: self.secret_binary_present.then_some(secret_binary),
            client_request_token: self.client_request_token.clone(),
            version_stages: self.version_stage.clone(),
            rotation_token: self.rotation_token.as_ref().map(|t| t.to_string()),
            report_quota_advice: self.report_quota_advice,
        })
    }
}

/// The secret slices' errors, named after the parameter they carry.
pub(crate) fn secret_slice_error(parameter: &str) -> impl Fn(SliceError) -> CallError + '_ {
    move |e| e.for_parameter(parameter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_flags_decide_which_secret_is_sent() {
        let doc = PutRequestDocument::parse(br#"{"SecretId":"x","SecretStringPresent":true}"#).unwrap();
        let request = doc.request(b"", b"ignored").unwrap();
        assert_eq!(request.secret_string, Some(""));
        assert_eq!(request.secret_binary, None);
    }

    #[test]
    fn invalid_utf8_in_the_secret_string_names_the_parameter() {
        let doc = PutRequestDocument::parse(br#"{"SecretStringPresent":true}"#).unwrap();
        let err = doc.request(b"\xff\xfe", b"").unwrap_err();
        assert_eq!(err.parameter, "SecretString");
    }

    #[test]
    fn unknown_keys_and_bad_json_are_internal_errors_without_values() {
        let Err(err) = PutRequestDocument::parse(br#"{"RotationToken":"do-not-echo","Bogus":1}"#) else {
            panic!("an unknown key must be rejected")
        };
        assert!(err.message.contains("Bogus"));
        assert!(!err.message.contains("do-not-echo"));
        assert!(PutRequestDocument::parse(b"{").is_err());
    }
}
