//! The types the exports answer with. Enums only ever travel outward (Rust creates them), so a
//! caller can't hand the library an invalid discriminant. Discriminants are part of the contract:
//! never renumber one; leave a retired one as a comment.

use interoptopus::ffi;
use secretsmanager_native_core::ErrorKind;

/// How an operation such as `sm_put_secret_value` ended.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallStatus {
    /// Succeeded; read the result with the `sm_call_*` readers.
    Ok = 0,
    /// Failed; read `sm_call_failure_kind` and the `sm_call_error_*` texts.
    Failed = 1,
    /// The handle is not a live handle from `sm_call_new`; nothing was done.
    BadHandle = 2,
    /// A panic was caught; the handle holds an `Internal` failure.
    Panic = 3,
}

/// The class of a failure, in blocks: 1xx input, 2xx identity and place, 3xx service, 4xx transport,
/// 5xx caller, 9xx the library itself.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The call did not fail (or has not run, or the handle is not live).
    None = 0,
    InvalidInput = 100,
    Credentials = 200,
    Region = 201,
    /// An SSO login has expired; AWS Tools raises `UnauthorizedAccessException` for it.
    LoginExpired = 202,
    /// A profile file could not be written; the message names the file.
    ProfileFile = 203,
    Service = 300,
    Transport = 400,
    Timeout = 401,
    Cancelled = 500,
    Internal = 900,
}

impl From<ErrorKind> for FailureKind {
    fn from(kind: ErrorKind) -> Self {
        match kind {
            ErrorKind::InvalidInput => Self::InvalidInput,
            ErrorKind::Credentials => Self::Credentials,
            ErrorKind::Region => Self::Region,
            ErrorKind::LoginExpired => Self::LoginExpired,
            ErrorKind::ProfileFile => Self::ProfileFile,
            ErrorKind::Service => Self::Service,
            ErrorKind::Transport => Self::Transport,
            ErrorKind::Timeout => Self::Timeout,
            ErrorKind::Cancelled => Self::Cancelled,
            ErrorKind::Internal => Self::Internal,
        }
    }
}

/// Whether a text reader wrote a value.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStatus {
    /// `TextAnswer::length` holds the text's full length.
    Ok = 0,
    /// This call has no such value (for example an ARN after a failure).
    Absent = 1,
    BadHandle = 2,
    /// The list index is past the end of the list.
    BadIndex = 3,
    /// The buffer pointer is null while its length is not zero.
    BadBuffer = 4,
    Panic = 5,
}

/// The answer of a text reader.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextAnswer {
    pub status: TextStatus,
    /// With `Ok`: the text's full length in UTF-8 bytes. When it is more than the buffer's length,
    /// only the buffer's length was written; ask again with a larger buffer.
    pub length: u64,
}

impl TextAnswer {
    pub(crate) const fn of(status: TextStatus) -> Self {
        Self { status, length: 0 }
    }
}

/// The answer of a number reader: `None` when the value is absent or the handle is not live.
pub type NumberAnswer = ffi::Option<i64>;
