//! The document of the profile exports (`sm_profile_list`, `sm_profile_find`, `sm_profile_write`): which
//! files and which profile, as JSON keyed by the companion cmdlets' parameter names, plus the shell's
//! gathered environment (where `HOME` and `AWS_SHARED_CREDENTIALS_FILE` come from). Secret keys never
//! travel in it: `sm_profile_write` takes them as slices of their own.

use secretsmanager_native_core::{CallError, ShellEnvironment};
use serde::Deserialize;
use std::collections::HashMap;

/// Largest profile document accepted.
pub(crate) const MAX_PROFILE_DOCUMENT_BYTES: usize = 1 << 20;

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub(crate) struct ProfileDocument {
    profile_name: Option<String>,
    /// `-ProfileLocation`, already resolved against the pwsh location by the cmdlet.
    profile_location: Option<String>,
    /// The access key id to store (an identifier, not a secret).
    access_key: Option<String>,
    #[serde(default)]
    environment: HashMap<String, String>,
}

impl ProfileDocument {
    pub(crate) fn parse(json: &[u8]) -> Result<Self, CallError> {
        // serde's message names the offending key and position, never a value.
        serde_json::from_slice(json).map_err(|e| CallError::internal(format!("The profile document is malformed: {e}")))
    }

    pub(crate) fn location(&self) -> Option<&str> {
        self.profile_location.as_deref().filter(|l| !l.is_empty())
    }

    /// The profile name, which the cmdlet names `parameter` (`ProfileName`, or `StoreAs` when writing).
    pub(crate) fn profile_name(&self, parameter: &str) -> Result<&str, CallError> {
        self.profile_name
            .as_deref()
            .filter(|name| !name.is_empty())
            .ok_or_else(|| CallError::invalid_input(parameter, format!("A profile name (-{parameter}) is needed.")))
    }

    pub(crate) fn access_key(&self) -> Result<&str, CallError> {
        self.access_key
            .as_deref()
            .filter(|key| !key.is_empty())
            .ok_or_else(|| CallError::invalid_input("AccessKey", "An access key (-AccessKey) is needed."))
    }

    pub(crate) fn environment(&self) -> ShellEnvironment {
        ShellEnvironment(self.environment.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_locations_are_read_and_empty_ones_are_absent() {
        let doc =
            ProfileDocument::parse(br#"{"ProfileName":"p","ProfileLocation":"","Environment":{"HOME":"/h"}}"#).unwrap();
        assert_eq!(doc.profile_name("ProfileName").unwrap(), "p");
        assert_eq!(doc.location(), None);
        assert_eq!(doc.environment().get("HOME"), Some("/h"));
        assert_eq!(doc.access_key().unwrap_err().parameter, "AccessKey");
        let unnamed = ProfileDocument::parse(br#"{"ProfileName":""}"#).unwrap();
        assert_eq!(unnamed.profile_name("StoreAs").unwrap_err().parameter, "StoreAs");
    }

    #[test]
    fn unknown_keys_are_refused_without_echoing_values() {
        let Err(error) = ProfileDocument::parse(br#"{"SecretKey":"do-not-echo"}"#) else {
            panic!("a secret key must never travel in the document")
        };
        assert!(error.message.contains("SecretKey") && !error.message.contains("do-not-echo"));
    }
}
