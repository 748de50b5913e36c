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

pub use credentials::connection::{Connection, connect};
pub use credentials::shell_environment::{GATHERED_VARIABLES, ShellEnvironment};
pub use credentials::target::{CredentialObject, ExplicitKeys, ServiceTarget};
pub use error::{CallError, ErrorKind};
pub use operation::call_settings::{CallSettings, RetryMode};
pub use operation::put_secret_value::{
    PutSecretValueRequest, PutSecretValueResult, put_secret_value, put_secret_value_until_cancelled,
};
pub use transport::endpoint::ClientConfigEndpoint;

// The modules' paths from before they moved into folders (issue 17.7), kept only until the branches
// opened before the move have landed; new code uses the folder paths.
#[allow(unused_imports)]
pub(crate) use credentials::assume_roles;
#[allow(unused_imports)]
pub(crate) use credentials::configured_settings;
#[allow(unused_imports)]
pub use credentials::connection;
#[allow(unused_imports)]
pub(crate) use credentials::credential_chain;
#[allow(unused_imports)]
pub(crate) use credentials::credential_process;
#[allow(unused_imports)]
pub(crate) use credentials::instance_metadata;
#[allow(unused_imports)]
pub(crate) use credentials::profile_chain;
#[allow(unused_imports)]
pub(crate) use credentials::provider_http;
#[allow(unused_imports)]
pub(crate) use credentials::region_chain;
#[allow(unused_imports)]
pub use credentials::shell_environment;
#[allow(unused_imports)]
pub(crate) use credentials::sso_login;
#[allow(unused_imports)]
pub(crate) use credentials::static_profile;
#[allow(unused_imports)]
pub use credentials::target;
#[allow(unused_imports)]
pub use operation::call_settings;
#[allow(unused_imports)]
pub use operation::put_secret_value;
#[allow(unused_imports)]
pub use operation::request_checks;
#[allow(unused_imports)]
pub use operation::validate;
#[allow(unused_imports)]
pub use operation::version_quota;
#[allow(unused_imports)]
pub(crate) use profiles::file_stamps;
#[allow(unused_imports)]
pub(crate) use profiles::profile_edit;
#[allow(unused_imports)]
pub use profiles::profile_files;
#[allow(unused_imports)]
pub(crate) use profiles::profile_paths;
#[allow(unused_imports)]
pub(crate) use profiles::profile_sections;
#[allow(unused_imports)]
pub(crate) use profiles::profile_store;
#[allow(unused_imports)]
pub(crate) use profiles::replace_file;
#[allow(unused_imports)]
pub(crate) use transport::cached_user_agent;
#[allow(unused_imports)]
pub(crate) use transport::client_cache;
#[allow(unused_imports)]
pub use transport::endpoint;
#[allow(unused_imports)]
pub use transport::http;
#[allow(unused_imports)]
pub(crate) use transport::per_lane_client;
#[allow(unused_imports)]
pub use transport::proxy;
#[allow(unused_imports)]
pub(crate) use transport::response_facts;
#[allow(unused_imports)]
pub use transport::runtime;
#[allow(unused_imports)]
pub(crate) use transport::service_clock;
#[allow(unused_imports)]
pub(crate) use transport::sigv4_signer;
#[allow(unused_imports)]
pub(crate) use transport::trust_store;
