//! The logic of SecretsManager.Native, free of any FFI type: one `PutSecretValue` call against AWS
//! Secrets Manager (or any endpoint that speaks its protocol), with its inputs checked, its errors
//! classified and its secret bytes kept out of every message.
//!
//! The FFI crate (`secretsmanager-native-ffi`) translates C ABI inputs into these types and back.

pub mod call_settings;
pub mod connection;
mod credential_chain;
pub mod error;
pub mod http;
pub mod proxy;
pub mod put_secret_value;
pub mod request_checks;
pub mod runtime;
pub mod target;
pub mod validate;
pub mod zeroizing_alloc;

mod client_cache;
mod instance_metadata;
mod per_lane_client;
mod profile_store;
mod provider_http;
mod region_chain;
mod response_facts;
mod role_source;
mod sso_login;
mod static_profile;
mod trust_store;

pub use call_settings::{CallSettings, RetryMode};
pub use connection::{Connection, connect};
pub use error::{CallError, ErrorKind};
pub use put_secret_value::{PutSecretValueRequest, PutSecretValueResult, put_secret_value};
pub use target::{CredentialObject, ExplicitKeys, ServiceTarget, ShellEnvironment};
