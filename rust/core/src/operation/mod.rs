//! The PutSecretValue operation: its settings, its client-side checks, and the version-quota advice.

pub mod call_settings;
pub mod put_secret_value;
pub mod request_checks;
pub mod validate;
pub mod version_quota;
