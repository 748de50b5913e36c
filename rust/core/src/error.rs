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
    /// A connect, attempt or operation timeout expired.
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
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_empty() { write!(f, "{}", self.message) } else { write!(f, "{}: {}", self.code, self.message) }
    }
}

impl std::error::Error for CallError {}
