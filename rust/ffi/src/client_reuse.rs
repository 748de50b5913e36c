//! Connections reused per identical target document.
//!
//! Resolving a client parses the document, walks both chains and looks up the SDK client: tens of
//! microseconds, a large share of a call against a fast endpoint. When region and keys came from the
//! document itself (`ResolvedClient::depends_only_on_target`), the same document bytes always resolve to
//! the same resolved client, so it is kept under those bytes. Clients resolved from profile files, a
//! credential process, STS, the container or instance metadata are never kept: they are resolved again
//! on every call, so an edited profile file or a changed environment is seen at once (what those lookups
//! fetched is kept per identity by the core's `credential_cache`, until shortly before it expires).
//!
//! Documents carry keys, gathered environment secrets and proxy passwords, so only a keyed digest of them
//! is kept (`keyed_digest`: an HMAC under a key drawn at random once per process): nothing of a document
//! outlives its call.

use secretsmanager_native_core::ResolvedClient;
use secretsmanager_native_core::bounded_cache::BoundedCache;
use secretsmanager_native_core::keyed_digest::{self, Digest};

/// Distinct documents kept; the oldest is dropped beyond this.
const CAPACITY: usize = 16;

static KEPT: BoundedCache<Digest, ResolvedClient> = BoundedCache::new(CAPACITY);

/// The client resolved earlier for exactly these document bytes, if it was reusable and the profile
/// files it read (for its endpoint and retry settings) are unchanged.
pub(crate) fn find(document: &[u8]) -> Option<ResolvedClient> {
    KEPT.get_current(&keyed_digest::of(document)?, ResolvedClient::is_current)
}

/// Keeps `resolved` for `document` when it depends on nothing but the document.
pub(crate) fn keep(document: &[u8], resolved: &ResolvedClient) {
    if !resolved.depends_only_on_target {
        return;
    }
    let Some(digest) = keyed_digest::of(document) else { return };
    KEPT.get_or_insert_with(digest, || resolved.clone());
}
