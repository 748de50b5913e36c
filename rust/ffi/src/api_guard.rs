//! The check the generated C# bindings run before their first call: the library's API hash must be
//! the one the bindings were generated from.
//!
//! `interoptopus::guard!` would compute the hash at that moment by building the whole inventory, every
//! export's docs included, and hashing it: code and work the library only needs to get one number.
//! So the number is a constant here, and two checks keep it honest: the unit test below and the
//! bindings generator (`rust/bindgen`) both fail, naming the new value, when an export changes and
//! `API_HASH` was not updated.

use interoptopus::ffi;
use interoptopus::pattern::guard::{Hash, Version};

/// `interoptopus::pattern::guard::Hash::from_rust(&ffi_inventory()).hash`. That hash is std's
/// `DefaultHasher`, whose algorithm may change with a Rust release: the checks then name the new value.
pub const API_HASH: u64 = 0x1320_57c7_068d_0055;

// No doc comment: docs are part of the hashed inventory, and this must match what `guard!` declares.
#[ffi]
pub fn __api_guard() -> Version {
    Version::new(API_HASH)
}

/// The hash of the current inventory, for the checks.
pub fn inventory_hash() -> u64 {
    Hash::from_rust(&crate::ffi_inventory()).hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constant_is_the_inventory_hash() {
        assert_eq!(
            API_HASH,
            inventory_hash(),
            "an export changed: set API_HASH in rust/ffi/src/api_guard.rs to {:#x}",
            inventory_hash()
        );
    }
}
