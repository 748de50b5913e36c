//! The logic of SecretsManager.Native, free of any FFI type: one `PutSecretValue` call against AWS
//! Secrets Manager (or any endpoint that speaks its protocol), with its inputs checked, its errors
//! classified and its secret bytes kept out of every message.
//!
//! The FFI crate (`secretsmanager-native-ffi`) translates C ABI inputs into these types and back.

pub mod credentials;
pub mod operation;
pub mod profiles;
pub mod transport;

pub mod bounded_cache;
pub mod error;
pub mod keyed_digest;
pub mod zeroizing_alloc;

pub use credentials::resolved_client::{ResolvedClient, resolve_client};
pub use credentials::shell_environment::{GATHERED_VARIABLES, ShellEnvironment};
pub use credentials::target::{CredentialObject, ExplicitKeys, ServiceTarget};
pub use error::{CallError, ErrorKind};
pub use operation::call_settings::{CallSettings, RetryMode};
pub use operation::put_secret_value::{
    PutSecretValueRequest, PutSecretValueResult, put_secret_value, put_secret_value_until_cancelled,
};
pub use transport::endpoint::ClientConfigEndpoint;
