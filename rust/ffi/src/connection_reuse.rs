//! Connections reused per identical connection document.
//!
//! Resolving a connection parses the document, walks both chains and looks up the SDK client: tens of
//! microseconds, a large share of a call against a fast endpoint. When region and keys came from the
//! document itself (`Connection::depends_only_on_target`), the same document bytes always resolve to
//! the same connection, so it is kept under those bytes. Connections that read profile files, a
//! credential process, STS, the container or instance metadata are never kept: they are resolved again
//! on every call, so an edited profile file or a refreshed session is seen at once.

use secretsmanager_native_core::Connection;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// Distinct documents kept; the oldest is dropped beyond this.
const CAPACITY: usize = 16;

/// Documents hold keys, so they are wiped when an entry is dropped.
static KEPT: Mutex<Vec<(Zeroizing<Vec<u8>>, Connection)>> = Mutex::new(Vec::new());

fn kept() -> std::sync::MutexGuard<'static, Vec<(Zeroizing<Vec<u8>>, Connection)>> {
    // A poisoned lock only means another call panicked while holding it; the list itself stays valid.
    KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The connection resolved earlier for exactly these document bytes, if it was reusable.
pub(crate) fn find(document: &[u8]) -> Option<Connection> {
    kept().iter().find(|(kept, _)| kept.as_slice() == document).map(|(_, connection)| connection.clone())
}

/// Keeps `connection` for `document` when it depends on nothing but the document.
pub(crate) fn keep(document: &[u8], connection: &Connection) {
    if !connection.depends_only_on_target {
        return;
    }
    let mut kept = kept();
    if kept.iter().any(|(kept, _)| kept.as_slice() == document) {
        return;
    }
    if kept.len() >= CAPACITY {
        kept.remove(0);
    }
    kept.push((Zeroizing::new(document.to_vec()), connection.clone()));
}

#[cfg(test)]
pub(crate) fn kept_count() -> usize {
    kept().len()
}
