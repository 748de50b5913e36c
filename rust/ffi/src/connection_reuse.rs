//! Connections reused per identical connection document.
//!
//! Resolving a connection parses the document, walks both chains and looks up the SDK client: tens of
//! microseconds, a large share of a call against a fast endpoint. When region and keys came from the
//! document itself (`Connection::depends_only_on_target`), the same document bytes always resolve to
//! the same connection, so it is kept under those bytes. Connections that read profile files, a
//! credential process, STS, the container or instance metadata are never kept: they are resolved again
//! on every call, so an edited profile file or a refreshed session is seen at once.
//!
//! Documents carry keys, gathered environment secrets and proxy passwords, so only an HMAC of them is
//! kept, under a key drawn at random once per process: nothing of a document outlives its call.

use once_cell::sync::Lazy;
use ring::hmac;
use secretsmanager_native_core::Connection;
use std::sync::Mutex;

/// Distinct documents kept; the oldest is dropped beyond this.
const CAPACITY: usize = 16;

/// The process's digest key; `None` (no reuse at all) if the system's random source failed.
static DIGEST_KEY: Lazy<Option<hmac::Key>> =
    Lazy::new(|| hmac::Key::generate(hmac::HMAC_SHA256, &ring::rand::SystemRandom::new()).ok());

type Digest = [u8; 32];

static KEPT: Mutex<Vec<(Digest, Connection)>> = Mutex::new(Vec::new());

fn kept() -> std::sync::MutexGuard<'static, Vec<(Digest, Connection)>> {
    // A poisoned lock only means another call panicked while holding it; the list itself stays valid.
    KEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn digest(document: &[u8]) -> Option<Digest> {
    let tag = hmac::sign(DIGEST_KEY.as_ref()?, document);
    tag.as_ref().try_into().ok()
}

/// The connection resolved earlier for exactly these document bytes, if it was reusable and the profile
/// files it read (for its endpoint and retry settings) are unchanged.
pub(crate) fn find(document: &[u8]) -> Option<Connection> {
    let digest = digest(document)?;
    let mut kept = kept();
    let index = kept.iter().position(|(kept, _)| *kept == digest)?;
    if !kept[index].1.is_current() {
        kept.remove(index);
        return None;
    }
    Some(kept[index].1.clone())
}

/// Keeps `connection` for `document` when it depends on nothing but the document.
pub(crate) fn keep(document: &[u8], connection: &Connection) {
    if !connection.depends_only_on_target {
        return;
    }
    let Some(digest) = digest(document) else { return };
    let mut kept = kept();
    if kept.iter().any(|(kept, _)| *kept == digest) {
        return;
    }
    if kept.len() >= CAPACITY {
        kept.remove(0);
    }
    kept.push((digest, connection.clone()));
}
