//! The shared library loaded by the PowerShell module. It only re-exports the C ABI of
//! `secretsmanager-native-ffi` and installs the allocator that wipes freed memory.

pub use secretsmanager_native_ffi::*;

/// Every heap block is zeroed when freed, so the secret's copies made inside the AWS SDK and the
/// HTTP stack do not linger in freed memory.
#[global_allocator]
static ALLOCATOR: secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc =
    secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc::system();
