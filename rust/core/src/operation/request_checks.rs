//! Client-side checks of a PutSecretValue request against the service's documented limits.
//!
//! Some limits are not enforced by every endpoint (moto accepts both secret kinds, oversized values and
//! too many labels), and a bad request must never create a version: so they are checked here, before
//! anything is sent, with an error naming the cmdlet parameter.
//!
//! What the service itself rejects faithfully (a missing SecretId, neither or an empty value, a token of
//! the wrong length) is left to the service, as AWS Tools does: scripts catch those as
//! `InvalidRequestException` / `InvalidParameterException`, and a client-side error would break them.

use crate::error::CallError;
use crate::operation::put_secret_value::PutSecretValueRequest;

/// Largest SecretString or SecretBinary the service accepts, in bytes.
pub const MAX_SECRET_BYTES: usize = 65_536;
/// Longest SecretId (a name or an ARN).
pub const MAX_SECRET_ID_CHARS: usize = 2_048;
/// Staging labels per call, and characters per label.
pub const MAX_VERSION_STAGES: usize = 20;
pub const MAX_VERSION_STAGE_CHARS: usize = 256;
/// ClientRequestToken length range.
pub const TOKEN_CHARS: std::ops::RangeInclusive<usize> = 32..=64;

/// Checks `request`; the first problem found is returned. Messages describe values, never show secrets.
pub fn check(request: &PutSecretValueRequest<'_>) -> Result<(), CallError> {
    check_secret_id(request.secret_id.as_deref())?;
    check_secret_value(request)?;
    if let Some(token) = &request.client_request_token {
        // An empty token would be dropped by some endpoints and replaced by a fresh one: a silent write.
        if token.is_empty() {
            return Err(CallError::invalid_input(
                "ClientRequestToken",
                format!(
                    "The value of ClientRequestToken is empty; it must have {} to {} characters.",
                    TOKEN_CHARS.start(),
                    TOKEN_CHARS.end()
                ),
            ));
        }
    }
    if let Some(stages) = &request.version_stages {
        check_version_stages(stages)?;
    }
    Ok(())
}

fn check_secret_id(secret_id: Option<&str>) -> Result<(), CallError> {
    let problem = match secret_id {
        None => return Ok(()),
        Some(id) if id.trim().is_empty() => "The value of SecretId is empty or only white space.".to_string(),
        Some(id) if id.chars().count() > MAX_SECRET_ID_CHARS => {
            format!("The value of SecretId is longer than {MAX_SECRET_ID_CHARS} characters.")
        }
        Some(_) => return Ok(()),
    };
    Err(CallError::invalid_input("SecretId", problem))
}

fn check_secret_value(request: &PutSecretValueRequest<'_>) -> Result<(), CallError> {
    match (request.secret_string, request.secret_binary) {
        (Some(_), Some(_)) => Err(CallError::invalid_input(
            "SecretString",
            "SecretString and SecretBinary were both given; give exactly one of them.",
        )),
        (None, None) => Ok(()),
        (Some(text), None) => check_size("SecretString", text.len()),
        (None, Some(bytes)) => check_size("SecretBinary", bytes.len()),
    }
}

fn check_size(parameter: &str, bytes: usize) -> Result<(), CallError> {
    if bytes > MAX_SECRET_BYTES {
        return Err(CallError::invalid_input(
            parameter,
            format!(
                "The value of {parameter} is {bytes} bytes; the most Secrets Manager accepts is {MAX_SECRET_BYTES}."
            ),
        ));
    }
    Ok(())
}

fn check_version_stages(stages: &[String]) -> Result<(), CallError> {
    let problem = if stages.is_empty() || stages.len() > MAX_VERSION_STAGES {
        format!("VersionStage has {} labels; give 1 to {MAX_VERSION_STAGES}.", stages.len())
    } else if let Some(index) = stages.iter().position(|s| s.is_empty() || s.chars().count() > MAX_VERSION_STAGE_CHARS)
    {
        format!("Label {index} of VersionStage must have 1 to {MAX_VERSION_STAGE_CHARS} characters.")
    } else {
        return Ok(());
    };
    Err(CallError::invalid_input("VersionStage", problem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> PutSecretValueRequest<'static> {
        PutSecretValueRequest { secret_id: Some("app/db".into()), secret_string: Some("s"), ..Default::default() }
    }

    fn parameter_of(request: PutSecretValueRequest<'_>) -> String {
        check(&request).unwrap_err().parameter
    }

    #[test]
    fn a_well_formed_request_passes() {
        assert!(check(&valid()).is_ok());
        let max = "x".repeat(MAX_SECRET_BYTES);
        assert!(check(&PutSecretValueRequest { secret_string: Some(&max), ..valid() }).is_ok());
    }

    #[test]
    fn what_the_service_checks_itself_is_left_to_it() {
        assert!(check(&PutSecretValueRequest { secret_id: None, ..valid() }).is_ok());
        assert!(check(&PutSecretValueRequest { secret_string: None, ..valid() }).is_ok());
        assert!(check(&PutSecretValueRequest { secret_string: Some(""), ..valid() }).is_ok());
        for token in ["a".repeat(31), "a".repeat(65)] {
            assert!(check(&PutSecretValueRequest { client_request_token: Some(token), ..valid() }).is_ok());
        }
    }

    #[test]
    fn each_limit_names_its_parameter() {
        let big = vec![1u8; MAX_SECRET_BYTES + 1];
        let big_text = "é".repeat(MAX_SECRET_BYTES / 2 + 1);
        assert_eq!(parameter_of(PutSecretValueRequest { secret_id: Some(" \t".into()), ..valid() }), "SecretId");
        assert_eq!(parameter_of(PutSecretValueRequest { secret_id: Some("a".repeat(2049)), ..valid() }), "SecretId");
        assert_eq!(parameter_of(PutSecretValueRequest { secret_binary: Some(b"b"), ..valid() }), "SecretString");
        assert_eq!(parameter_of(PutSecretValueRequest { secret_string: Some(&big_text), ..valid() }), "SecretString");
        assert_eq!(
            parameter_of(PutSecretValueRequest { secret_string: None, secret_binary: Some(&big), ..valid() }),
            "SecretBinary"
        );
        assert_eq!(
            parameter_of(PutSecretValueRequest { client_request_token: Some(String::new()), ..valid() }),
            "ClientRequestToken"
        );
        for stages in [vec![], vec!["S".to_string(); 21], vec!["s".repeat(257)], vec![String::new()]] {
            assert_eq!(parameter_of(PutSecretValueRequest { version_stages: Some(stages), ..valid() }), "VersionStage");
        }
    }
}
