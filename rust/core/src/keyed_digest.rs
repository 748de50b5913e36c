//! Digests that identify inputs holding secrets (target documents, profile files, the shell's keys)
//! without keeping them: HMAC-SHA-256 under a key drawn at random once per process, so that a digest
//! kept in memory reveals nothing of what it identifies, and cannot be matched outside this process.

use once_cell::sync::Lazy;
use ring::hmac;

/// The process's digest key; `None` (nothing is identified, so nothing is reused) if the system's
/// random source failed, and under Miri, which cannot run ring's CPU-feature probe (the FFI tests then
/// take the failed-random-source path).
static KEY: Lazy<Option<hmac::Key>> = Lazy::new(|| {
    if cfg!(miri) {
        return None;
    }
    hmac::Key::generate(hmac::HMAC_SHA256, &ring::rand::SystemRandom::new()).ok()
});

/// What identifies an input.
pub type Digest = [u8; 32];

/// The digest of `bytes`.
pub fn of(bytes: &[u8]) -> Option<Digest> {
    let mut digester = Digester::new()?;
    digester.context.update(bytes);
    digester.finish()
}

/// A digest built from several parts. Each part is length-prefixed, so that different lists of parts
/// never give the same digest (`["ab", "c"]` and `["a", "bc"]` differ).
pub struct Digester {
    context: hmac::Context,
}

impl Digester {
    /// `None` when the process has no digest key.
    pub fn new() -> Option<Self> {
        KEY.as_ref().map(|key| Self { context: hmac::Context::with_key(key) })
    }

    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.context.update(&(bytes.len() as u64).to_le_bytes());
        self.context.update(bytes);
        self
    }

    /// A part that may be absent; absent differs from empty.
    pub fn optional(&mut self, bytes: Option<&[u8]>) -> &mut Self {
        match bytes {
            Some(bytes) => self.part(b"some").part(bytes),
            None => self.part(b"none"),
        }
    }

    pub fn finish(self) -> Option<Digest> {
        self.context.sign().as_ref().try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(list: &[Option<&str>]) -> Digest {
        let mut digester = Digester::new().unwrap();
        for part in list {
            digester.optional(part.map(str::as_bytes));
        }
        digester.finish().unwrap()
    }

    #[test]
    fn equal_inputs_give_equal_digests_and_any_difference_another() {
        assert_eq!(of(b"document"), of(b"document"));
        assert_ne!(of(b"document"), of(b"documenT"));
        assert_eq!(parts(&[Some("ab"), Some("c")]), parts(&[Some("ab"), Some("c")]));
        assert_ne!(parts(&[Some("ab"), Some("c")]), parts(&[Some("a"), Some("bc")]));
        assert_ne!(parts(&[None]), parts(&[Some("")]));
    }

    #[test]
    fn a_digest_is_not_a_plain_hash_of_the_input() {
        let plain = ring::digest::digest(&ring::digest::SHA256, b"document");
        assert_ne!(of(b"document").unwrap().as_slice(), plain.as_ref());
    }
}
