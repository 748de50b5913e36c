//! The shared library loaded by the PowerShell module. It only re-exports the C ABI of
//! `secretsmanager-native-ffi` and installs the allocator that wipes freed memory.

pub use secretsmanager_native_ffi::*;

/// Every heap block is zeroed when freed, so the secret's copies made inside the AWS SDK and the
/// HTTP stack do not linger in freed memory.
#[global_allocator]
static ALLOCATOR: secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc =
    secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc::system();

#[cfg(test)]
mod tests {
    use std::alloc::{Layout, alloc, dealloc};

    /// The library's global allocator wipes what it frees: this fails when the `#[global_allocator]` above is
    /// removed, because the system allocator leaves a freed block's bytes in place (glibc only writes its free-list
    /// links at the start of the block, which the check skips).
    #[test]
    fn a_freed_block_is_wiped() {
        const SIZE: usize = 512;
        const BOOKKEEPING: usize = 64;
        let layout = Layout::from_size_align(SIZE, 16).unwrap();
        let marker: Vec<u8> = (0..SIZE).map(|i| b'A' + (i % 26) as u8).collect();
        // SAFETY: the block is allocated with `layout` and written within it. Reading it after `dealloc` is
        // outside Rust's rules but not a fault: a small freed block stays mapped, on the allocator's free list;
        // `black_box` and volatile reads keep the compiler from reasoning the reads (or the block) away.
        let freed: Vec<u8> = unsafe {
            let block = std::hint::black_box(alloc(layout));
            assert!(!block.is_null());
            std::ptr::copy_nonoverlapping(marker.as_ptr(), block, SIZE);
            dealloc(block, layout);
            (BOOKKEEPING..SIZE).map(|i| std::ptr::read_volatile(block.add(i))).collect()
        };
        // Zero is what this allocator leaves; other heaps (Wine's, under TestPlatforms) may write their own links
        // anywhere in a free block, so the check is that no run of 8 marker bytes is left in place.
        let kept = freed.windows(8).zip(marker[BOOKKEEPING..].windows(8)).filter(|(left, wrote)| left == wrote).count();
        assert_eq!(kept, 0, "freed memory still holds the marker: {:?}", String::from_utf8_lossy(&freed));
    }
}
