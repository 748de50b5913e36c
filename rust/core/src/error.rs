//! Every failure a call can end in, classified so that the module can build the right error record.

use std::fmt;

/// The class of a failure. The FFI crate gives each kind a stable number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A parameter is malformed; `CallError::parameter` names it. Nothing was sent.
    InvalidInput,
    /// No credentials could be found or loaded.
    Credentials,
    /// No region could be found.
    Region,
    /// A profile file could not be written (or read before writing); the message names the file.
    ProfileFile,
    /// An SSO profile's cached token has expired (or the portal rejected it): the user must log in again.
    LoginExpired,
    /// The service answered with an error (`CallError::code` holds its code).
    Service,
    /// The endpoint could not be reached, or its answer was not a Secrets Manager answer.
    Transport,
    /// A resolve_client, attempt or operation timeout expired.
    Timeout,
    /// The caller cancelled the call (Ctrl+C, `Stop-Job`).
    Cancelled,
    /// A bug on our side: a panic or a broken invariant.
    Internal,
}

/// A failed call. Messages never contain secret values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    pub kind: ErrorKind,
    /// The AWS error code (`ResourceNotFoundException`, ...) for service errors, else empty.
    pub code: String,
    pub message: String,
    /// The cmdlet parameter at fault (`SecretId`, `Region`, ...) for invalid input, else empty.
    pub parameter: String,
    /// The HTTP status of the failing response, 0 when there was none.
    pub http_status: u16,
    pub request_id: String,
    /// The ClientRequestToken a failed PutSecretValue was sent with (generated when the caller gave none), else
    /// empty. Not secret: it is the VersionId the write creates, and retrying with it never makes a second version.
    /// (A boxed str, not a String: keeps `CallError` within clippy's size for an `Err`.)
    pub client_request_token: Box<str>,
    /// The request may have reached the service and written the version (cancelled, timed out or cut off after
    /// sending, or a 5xx answer): the caller can't tell from this failure whether the secret changed.
    pub may_have_written: bool,
}

impl CallError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            code: String::new(),
            message: message.into(),
            parameter: String::new(),
            http_status: 0,
            request_id: String::new(),
            client_request_token: Box::default(),
            may_have_written: false,
        }
    }

    /// Invalid input for the named cmdlet parameter.
    pub fn invalid_input(parameter: &str, message: impl Into<String>) -> Self {
        Self { parameter: parameter.to_string(), ..Self::new(ErrorKind::InvalidInput, message) }
    }

    pub fn cancelled() -> Self {
        Self::new(ErrorKind::Cancelled, "The operation was cancelled.")
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }

    /// The failure of a PutSecretValue that was sent (or being sent) with `token`.
    pub fn after_sending(self, token: &str, may_have_written: bool) -> Self {
        Self { client_request_token: token.into(), may_have_written, ..self }
    }
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.code, self.message) }
    }
}

impl std::error::Error for CallError {}
