//! The one kind of cache the library keeps across calls: a few entries under a key, found by equality,
//! the oldest dropped when a new one would exceed the capacity. Scripts use a handful of identities and
//! targets, so a short list searched in order is all it takes, and it can never grow without bound.
//!
//! Used for SDK clients (`client_cache.rs`), fetched credentials (`credential_cache.rs`) and, in the ffi
//! crate, connections resolved from a document (`client_reuse.rs`).

use std::sync::{Mutex, MutexGuard, PoisonError};

/// At most `capacity` entries; each value is handed out as a clone (clients, `Arc`s: cheap to clone).
pub struct BoundedCache<K, V> {
    capacity: usize,
    entries: Mutex<Vec<(K, V)>>,
}

impl<K: PartialEq, V: Clone> BoundedCache<K, V> {
    /// An empty cache; `const`, so that a cache can be a `static`.
    pub const fn new(capacity: usize) -> Self {
        Self { capacity, entries: Mutex::new(Vec::new()) }
    }

    /// The value kept under `key`, if any.
    pub fn get(&self, key: &K) -> Option<V> {
        self.get_current(key, |_| true)
    }

    /// The value kept under `key` if `is_current` says it still holds; one that does not is dropped.
    pub fn get_current(&self, key: &K, is_current: impl FnOnce(&V) -> bool) -> Option<V> {
        let mut entries = self.entries();
        let index = entries.iter().position(|(kept, _)| kept == key)?;
        if !is_current(&entries[index].1) {
            entries.remove(index);
            return None;
        }
        Some(entries[index].1.clone())
    }

    /// The value kept under `key`, or a new one from `make`, kept from now on (the oldest entry dropped if
    /// the cache is full). Returns whether it was made. `make` runs under the cache's lock, so that two
    /// callers never make a value for the same key at once.
    pub fn get_or_insert_with(&self, key: K, make: impl FnOnce() -> V) -> (V, bool) {
        let mut entries = self.entries();
        if let Some((_, value)) = entries.iter().find(|(kept, _)| *kept == key) {
            return (value.clone(), false);
        }
        let value = make();
        if entries.len() >= self.capacity {
            entries.remove(0);
        }
        entries.push((key, value.clone()));
        (value, true)
    }

    /// The number of entries kept.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn entries(&self) -> MutexGuard<'_, Vec<(K, V)>> {
        // A poisoned lock only means another call panicked while holding it; the list itself stays valid.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_the_value_made_for_it_and_another_key_a_new_one() {
        let cache = BoundedCache::new(4);
        assert_eq!(cache.get(&"a"), None);
        assert_eq!(cache.get_or_insert_with("a", || 1), (1, true));
        assert_eq!(cache.get_or_insert_with("a", || 2), (1, false), "kept, not made again");
        assert_eq!(cache.get(&"a"), Some(1));
        assert_eq!(cache.get_or_insert_with("b", || 3), (3, true));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn a_value_no_longer_current_is_dropped() {
        let cache = BoundedCache::new(4);
        cache.get_or_insert_with("a", || 1);
        assert_eq!(cache.get_current(&"a", |value| *value == 1), Some(1));
        assert_eq!(cache.get_current(&"a", |_| false), None);
        assert_eq!(cache.get(&"a"), None, "dropped, not just skipped");
        assert!(cache.is_empty());
    }

    #[test]
    fn beyond_its_capacity_the_oldest_entry_is_dropped() {
        let cache = BoundedCache::new(2);
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            cache.get_or_insert_with(key, || value);
        }
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&"a"), None);
        assert_eq!((cache.get(&"b"), cache.get(&"c")), (Some(2), Some(3)));
    }
}
