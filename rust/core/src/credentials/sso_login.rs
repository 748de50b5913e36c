//! Recognising an SSO login that must be renewed, so that the cmdlet can say so in AWS Tools' words
//! (docs/aws-tools-behaviour.md §2.3) instead of passing on a provider's error chain. Nothing is refreshed interactively, as in
//! AWS Tools, which disables interactive token refresh in service cmdlets.

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_sso::operation::get_role_credentials::GetRoleCredentialsError;
use aws_smithy_types::error::display::DisplayErrorContext;
use std::error::Error;

/// AWS Tools' message. `Invoke-AWSSSOLogin` (AWS Tools) and `aws sso login` renew the same token cache.
pub(crate) const EXPIRED: &str = "SSO Token has expired. Please login by running Invoke-AWSSSOLogin.";

/// aws-config's words for an expired `sso_session` token it cannot refresh; its error type is private,
/// so its message is what can be matched.
const TOKEN_EXPIRED: &str = "the SSO token has expired";

/// True when the cached token has expired (`sso_session` form, checked by aws-config before any request)
/// or the SSO portal rejected the token as unauthorized (legacy `sso_start_url` form, which aws-config
/// sends without checking its expiry).
pub(crate) fn expired(error: &CredentialsError) -> bool {
    if DisplayErrorContext(error).to_string().contains(TOKEN_EXPIRED) {
        return true;
    }
    let mut cause: Option<&(dyn Error + 'static)> = error.source();
    while let Some(current) = cause {
        if current
            .downcast_ref::<GetRoleCredentialsError>()
            .is_some_and(GetRoleCredentialsError::is_unauthorized_exception)
        {
            return true;
        }
        cause = current.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_sso::types::error::{TooManyRequestsException, UnauthorizedException};

    #[test]
    fn the_portals_unauthorized_answer_and_an_expired_session_token_are_a_login_to_renew() {
        let refused = GetRoleCredentialsError::UnauthorizedException(UnauthorizedException::builder().build());
        assert!(expired(&CredentialsError::provider_error(refused)));
        assert!(expired(&CredentialsError::provider_error("the SSO token has expired and cannot be refreshed")));
    }

    #[test]
    fn other_failures_are_not() {
        let busy = GetRoleCredentialsError::TooManyRequestsException(TooManyRequestsException::builder().build());
        assert!(!expired(&CredentialsError::provider_error(busy)));
        assert!(!expired(&CredentialsError::not_loaded("no profile")));
    }
}
