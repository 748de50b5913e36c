//! The live calls, by handle. Handles are plain numbers, so a stale or made-up one is simply not
//! found: no pointer from the caller is ever dereferenced.

use once_cell::sync::Lazy;
use secretsmanager_native_core::profiles::profile_files::Profile;
use secretsmanager_native_core::{CallError, PutSecretValueResult, ResolvedClient};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio_util::sync::CancellationToken;

/// What a finished call left for the caller to read.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    PutSecretValue(PutSecretValueResult),
    /// Profiles listed, found (at most one) or written (the one written).
    Profiles(Vec<Profile>),
    Failed(CallError),
}

/// One call: its cancellation switch, its resolved client, and, once finished, its outcome.
#[derive(Default)]
pub(crate) struct Call {
    pub(crate) cancel: CancellationToken,
    resolved: Mutex<Option<Arc<ResolvedClient>>>,
    outcome: Mutex<Option<Outcome>>,
}

impl Call {
    pub(crate) fn set_resolved(&self, resolved: ResolvedClient) {
        *lock(&self.resolved) = Some(Arc::new(resolved));
    }

    pub(crate) fn resolved(&self) -> Option<Arc<ResolvedClient>> {
        lock(&self.resolved).clone()
    }

    pub(crate) fn set_outcome(&self, outcome: Outcome) {
        *lock(&self.outcome) = Some(outcome);
    }

    pub(crate) fn with_outcome<T>(&self, read: impl FnOnce(Option<&Outcome>) -> T) -> T {
        read(lock(&self.outcome).as_ref())
    }
}

static CALLS: Lazy<Mutex<HashMap<u64, Arc<Call>>>> = Lazy::new(Default::default);
/// Handles start at 1 so that 0 is never valid; they are not reused within a process.
static NEXT_HANDLE: AtomicU64 = AtomicU64::new(1);

/// A poisoned lock only means another thread panicked while holding it; the map itself stays valid.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

pub(crate) fn open() -> u64 {
    let handle = NEXT_HANDLE.fetch_add(1, Ordering::Relaxed);
    lock(&CALLS).insert(handle, Arc::new(Call::default()));
    handle
}

/// The call behind `handle`; it stays usable by its holder even if freed meanwhile.
pub(crate) fn get(handle: u64) -> Option<Arc<Call>> {
    lock(&CALLS).get(&handle).cloned()
}

/// Forgets the call; `false` if the handle was not live (already freed, or never issued).
pub(crate) fn close(handle: u64) -> bool {
    lock(&CALLS).remove(&handle).is_some()
}

#[cfg(test)]
pub(crate) fn live_count() -> usize {
    lock(&CALLS).len()
}
