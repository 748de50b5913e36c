//! A global allocator that wipes every heap block before handing it back to the system.
//!
//! The SDK, hyper and serde make their own copies of a secret (the request body, JSON buffers, the
//! owned `String` inside the SDK input) that our code can't reach to wipe. Installing this allocator
//! in the shared library (`#[global_allocator]` in the cdylib crate) wipes all of them when they are
//! freed. The cost is one `memset` per freed block.

use std::alloc::{GlobalAlloc, Layout, System};
use zeroize::Zeroize;

/// Wraps an allocator (the system one by default) and zeroes memory on `dealloc` and `realloc`.
pub struct ZeroizingAlloc<A = System>(pub A);

impl ZeroizingAlloc<System> {
    pub const fn system() -> Self {
        Self(System)
    }
}

// SAFETY: allocation is delegated unchanged; blocks are only written while still owned by us.
unsafe impl<A: GlobalAlloc> GlobalAlloc for ZeroizingAlloc<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe {
            std::slice::from_raw_parts_mut(ptr, layout.size()).zeroize();
            self.0.dealloc(ptr, layout);
        }
    }

    /// Always moves: an in-place `realloc` could shrink a block and leave its tail unwiped,
    /// and a moving one would free the old block unwiped.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new_ptr = self.0.alloc(new_layout);
            if !new_ptr.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new_ptr, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new_ptr
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Records the bytes of each block at the moment it is freed.
    struct Recording {
        freed_contents: RefCell<Vec<Vec<u8>>>,
    }

    unsafe impl GlobalAlloc for Recording {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let contents = unsafe { std::slice::from_raw_parts(ptr, layout.size()) }.to_vec();
            self.freed_contents.borrow_mut().push(contents);
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[test]
    fn freed_and_moved_blocks_are_wiped() {
        let alloc = ZeroizingAlloc(Recording { freed_contents: RefCell::new(Vec::new()) });
        unsafe {
            let layout = Layout::from_size_align(16, 8).unwrap();
            let block = alloc.alloc(layout);
            block.copy_from_nonoverlapping(b"secret-secret-16".as_ptr(), 16);
            let grown = alloc.realloc(block, layout, 64);
            assert_eq!(std::slice::from_raw_parts(grown, 16), b"secret-secret-16");
            alloc.dealloc(grown, Layout::from_size_align(64, 8).unwrap());
        }
        let freed = alloc.0.freed_contents.borrow();
        assert_eq!(freed.len(), 2);
        assert!(freed.iter().all(|block| block.iter().all(|&b| b == 0)));
    }
}
