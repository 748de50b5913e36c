//! Where a call goes and as whom: the credential and region chains of AWS Tools V4, the shell
//! environment and profile settings they read (endpoint, FIPS, retries), and the resolved client a call
//! runs with.

pub(crate) mod assume_roles;
pub(crate) mod configured_settings;
pub(crate) mod credential_cache;
pub(crate) mod credential_chain;
pub(crate) mod credential_process;
pub(crate) mod instance_metadata;
pub(crate) mod process_tree;
pub(crate) mod profile_chain;
pub(crate) mod provider_http;
pub(crate) mod region_chain;
pub mod resolved_client;
pub mod shell_environment;
pub(crate) mod sso_login;
pub(crate) mod static_profile;
pub mod target;
