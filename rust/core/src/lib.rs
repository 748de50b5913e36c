//! The logic of SecretsManager.Native, free of any FFI type: one `PutSecretValue` call against AWS
//! Secrets Manager (or any endpoint that speaks its protocol), with its inputs checked, its errors
//! classified and its secret bytes kept out of every message.
//!
//! The FFI crate (`secretsmanager-native-ffi`) translates C ABI inputs into these types and back.

pub mod call_settings;
pub mod connection;
mod credential_chain;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod keyed_digest;
pub mod profile_files;
pub mod proxy;
pub mod put_secret_value;
pub mod request_checks;
pub mod runtime;
pub mod shell_environment;
pub mod target;
pub mod validate;
pub mod version_quota;
pub mod zeroizing_alloc;

mod assume_roles;
mod cached_user_agent;
mod client_cache;
mod configured_settings;
mod credential_cache;
mod credential_process;
mod file_stamps;
mod instance_metadata;
mod per_lane_client;
mod profile_chain;
mod profile_edit;
mod profile_paths;
mod profile_sections;
mod profile_store;
mod provider_http;
mod region_chain;
mod replace_file;
mod response_facts;
mod service_clock;
mod sigv4_signer;
mod sso_login;
mod static_profile;
mod trust_store;

pub use call_settings::{CallSettings, RetryMode};
pub use connection::{Connection, connect};
pub use endpoint::ClientConfigEndpoint;
pub use error::{CallError, ErrorKind};
pub use put_secret_value::{PutSecretValueRequest, PutSecretValueResult, put_secret_value};
pub use shell_environment::{GATHERED_VARIABLES, ShellEnvironment};
pub use target::{CredentialObject, ExplicitKeys, ServiceTarget};
