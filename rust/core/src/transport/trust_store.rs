//! The root certificates an `https://` call trusts, found where AWS Tools' HTTP stack finds them.
//!
//! On Linux, .NET (and so AWS Tools) trusts the certificates of one file and of one or more directories:
//! the file named by `SSL_CERT_FILE`, else the platform's bundle; the directories named by `SSL_CERT_DIR`,
//! else the platform's certificate directory. Each variable replaces only its own default. That is how a
//! user behind a TLS-inspecting proxy trusts the proxy's CA. rustls-native-certs, which aws-smithy-http-client
//! uses by default, drops both defaults as soon as either variable is set: `SSL_CERT_FILE` naming the
//! corporate CA alone would leave no public root, and a call that the proxy lets through untouched would fail.
//! So the roots are gathered here, as .NET gathers them. On other systems the platform's store is used as
//! rustls-native-certs finds it (there .NET reads the OS store).
//!
//! The variables are read from the process environment, once, when the first `https://` client is made:
//! .NET reads them with `getenv` when it first loads its root store, so `$env:SSL_CERT_FILE` set inside a
//! pwsh session reaches neither it nor this. The certificates are de-duplicated (on Debian the bundle and
//! the directory hold the same roots) and checked once, and every HTTPS client of the process gets the
//! same context, instead of loading and re-checking the store for each.

use aws_smithy_http_client::tls::{TlsContext, TrustStore};
use once_cell::sync::Lazy;
use std::collections::HashSet;

static CONTEXT: Lazy<TlsContext> = Lazy::new(|| context_trusting(&trusted_roots()));

/// The TLS context of every HTTPS client: the trusted roots, loaded once per process.
pub(crate) fn tls_context() -> TlsContext {
    CONTEXT.clone()
}

/// DER-encoded root certificates, as found on this system.
#[cfg(all(unix, not(target_os = "macos")))]
fn trusted_roots() -> Vec<Vec<u8>> {
    roots_from(std::env::var_os("SSL_CERT_FILE"), std::env::var_os("SSL_CERT_DIR"))
}

/// The certificates of `cert_file` (else the platform's bundle) and of each directory of the
/// `cert_dir` list (else the platform's certificate directories), as OpenSSL and .NET combine them.
#[cfg(all(unix, not(target_os = "macos")))]
fn roots_from(cert_file: Option<std::ffi::OsString>, cert_dir: Option<std::ffi::OsString>) -> Vec<Vec<u8>> {
    use std::path::{Path, PathBuf};
    let file = match cert_file.filter(|value| !value.is_empty()) {
        Some(file) => Some(PathBuf::from(file)),
        // The first of the platform's usual bundles that exists (probe() would also take SSL_CERT_FILE,
        // which is unset here).
        None => openssl_probe::probe().cert_file,
    };
    let directories: Vec<PathBuf> = match cert_dir.filter(|value| !value.is_empty()) {
        Some(list) => std::env::split_paths(&list).filter(|dir| !dir.as_os_str().is_empty()).collect(),
        None => openssl_probe::candidate_cert_dirs().map(Path::to_path_buf).collect(),
    };
    // The file goes with the first directory, so that the same file found in it is read once.
    let mut found =
        rustls_native_certs::load_certs_from_paths(file.as_deref(), directories.first().map(PathBuf::as_path));
    for directory in directories.iter().skip(1) {
        found.certs.extend(rustls_native_certs::load_certs_from_paths(None, Some(directory)).certs);
    }
    // A file or directory that cannot be read adds nothing, as for .NET; the rest is still trusted.
    found.certs.into_iter().map(|cert| cert.to_vec()).collect()
}

/// DER-encoded root certificates, as found on this system.
#[cfg(not(all(unix, not(target_os = "macos"))))]
fn trusted_roots() -> Vec<Vec<u8>> {
    rustls_native_certs::load_native_certs().certs.into_iter().map(|cert| cert.to_vec()).collect()
}

/// A context trusting each usable certificate of `roots`.
fn context_trusting(roots: &[Vec<u8>]) -> TlsContext {
    let mut store = TrustStore::empty();
    for der in unique_usable(roots) {
        store.add_pem_certificate(pem(der));
    }
    TlsContext::builder().with_trust_store(store).build().unwrap_or_default()
}

/// Each certificate once, leaving out those that are not a usable trust anchor: aws-smithy-http-client
/// takes extra roots as PEM and panics on such a one (its own native-roots path skips them likewise).
fn unique_usable(roots: &[Vec<u8>]) -> Vec<&[u8]> {
    let mut seen = HashSet::new();
    roots
        .iter()
        .map(Vec::as_slice)
        .filter(|der| rustls::RootCertStore::empty().add(der.to_vec().into()).is_ok() && seen.insert(*der))
        .collect()
}

/// What to add to a failed call's message when the server's certificate was not trusted (rustls said
/// so somewhere in `error`'s chain), so that a user behind a TLS-inspecting proxy learns the fix.
pub(crate) fn untrusted_certificate_hint(error: &(dyn std::error::Error + 'static)) -> Option<&'static str> {
    let mut pending = vec![error];
    while let Some(current) = pending.pop() {
        if let Some(rustls::Error::InvalidCertificate(_)) = current.downcast_ref::<rustls::Error>() {
            return Some(UNTRUSTED);
        }
        // hyper-rustls wraps the rustls error in io::Errors, whose source() skips their own payload.
        if let Some(payload) = current.downcast_ref::<std::io::Error>().and_then(std::io::Error::get_ref) {
            pending.push(payload);
        }
        pending.extend(current.source());
    }
    None
}

const UNTRUSTED: &str = "The server's certificate is not trusted: to trust a private or corporate CA, name its \
    certificate file in SSL_CERT_FILE or its folder in SSL_CERT_DIR in the environment pwsh starts with \
    (as for AWS Tools).";

fn pem(der: &[u8]) -> Vec<u8> {
    let base64 = aws_smithy_types::base64::encode(der);
    let mut text = String::with_capacity(base64.len() + base64.len() / 64 + 60);
    text.push_str("-----BEGIN CERTIFICATE-----\n");
    for line in base64.as_bytes().chunks(64) {
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text.push_str("-----END CERTIFICATE-----\n");
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed test root (P-256, valid until 2126), trusted by nothing else.
    const TEST_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIB0jCCAXmgAwIBAgIUDiYetVHfFY0FMEMshJo/IULlpuAwCgYIKoZIzj0EAwIw
NjE0MDIGA1UEAwwrU2VjcmV0c01hbmFnZXIuTmF0aXZlIHRydXN0X3N0b3JlIHRl
c3Qgcm9vdDAgFw0yNjEyMDUwODE5NDJaGA8yMTI2MTExMTA4MTk0MlowNjE0MDIG
A1UEAwwrU2VjcmV0c01hbmFnZXIuTmF0aXZlIHRydXN0X3N0b3JlIHRlc3Qgcm9v
dDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGUVCn1Ch+XPmFIahIG0V6CAaNOM
3leyVNmNQhSJtcAly9uC0pmDH3N7fFfXTfwGNp2gEaS3vvaLEctKJFPqJbajYzBh
MB0GA1UdDgQWBBQ1AgH3j11uEV+nCl493AzFvCQ/yTAfBgNVHSMEGDAWgBQ1AgH3
j11uEV+nCl493AzFvCQ/yTAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIC
BDAKBggqhkjOPQQDAgNHADBEAiBrWasjLRMk/RiUcck6Atsd4MNsDBduWLbvMjz+
+/akQwIgFhGPsd4muJTWTJZZHgE0dZf/Rf8+IilarwJUnTnjFJs=
-----END CERTIFICATE-----
";

    fn test_root_der() -> Vec<u8> {
        let base64: String = TEST_ROOT.lines().filter(|line| !line.starts_with("-----")).collect();
        aws_smithy_types::base64::decode(base64).unwrap()
    }

    #[test]
    fn each_usable_root_is_trusted_once() {
        let root = test_root_der();
        let not_a_certificate = b"not a certificate".to_vec();
        let roots = [root.clone(), not_a_certificate, root.clone()];
        assert_eq!(unique_usable(&roots), vec![root.as_slice()]);
    }

    #[test]
    fn the_pem_given_to_the_client_is_the_certificate() {
        let root = test_root_der();
        let text = String::from_utf8(pem(&root)).unwrap();
        assert_eq!(text, TEST_ROOT, "64-column PEM, the same certificate");
    }

    #[test]
    fn an_untrusted_certificate_deep_in_io_errors_gets_the_hint() {
        let rustls_error = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let nested = std::io::Error::other(std::io::Error::other(rustls_error));
        assert!(untrusted_certificate_hint(&nested).is_some_and(|hint| hint.contains("SSL_CERT_FILE")));

        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(untrusted_certificate_hint(&refused), None);
        let other_tls = std::io::Error::other(rustls::Error::HandshakeNotComplete);
        assert_eq!(untrusted_certificate_hint(&other_tls), None);
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    mod from_the_variables {
        use super::*;
        use std::path::Path;

        /// A folder holding the test root as `root.pem`, removed when dropped.
        struct Folder(std::path::PathBuf);

        impl Folder {
            fn with_test_root(name: &str) -> Self {
                let path = std::env::temp_dir().join(format!("smn-trust-{name}-{}", std::process::id()));
                std::fs::create_dir_all(&path).unwrap();
                std::fs::write(path.join("root.pem"), TEST_ROOT).unwrap();
                Folder(path)
            }
        }

        impl Drop for Folder {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }

        fn certificates_in(directories: impl Iterator<Item = &'static Path>) -> Vec<Vec<u8>> {
            directories
                .flat_map(|dir| rustls_native_certs::load_certs_from_paths(None, Some(dir)).certs)
                .map(|cert| cert.to_vec())
                .collect()
        }

        #[test]
        fn ssl_cert_file_is_trusted_besides_the_default_directories() {
            let folder = Folder::with_test_root("file");
            let roots = roots_from(Some(folder.0.join("root.pem").into()), None);

            assert!(roots.contains(&test_root_der()), "the file's certificate is trusted");
            // rustls-native-certs alone would trust nothing but the file here.
            let defaults = certificates_in(openssl_probe::candidate_cert_dirs());
            assert!(!defaults.is_empty(), "this system's default directories hold roots to look for");
            for default in defaults {
                assert!(roots.contains(&default), "a root of the default directories is still trusted");
            }
        }

        #[test]
        fn ssl_cert_dir_replaces_the_default_directories_but_not_the_default_file() {
            let folder = Folder::with_test_root("dir");
            let roots = roots_from(None, Some(folder.0.clone().into()));

            assert!(roots.contains(&test_root_der()), "the directory's certificate is trusted");
            let default_file = openssl_probe::probe().cert_file;
            let from_default_file = rustls_native_certs::load_certs_from_paths(default_file.as_deref(), None).certs;
            assert!(!from_default_file.is_empty(), "this system's default bundle holds roots to look for");
            for default in from_default_file {
                assert!(roots.contains(&default.to_vec()), "a root of the default bundle is still trusted");
            }
        }

        #[test]
        fn an_unreadable_file_adds_nothing_and_takes_nothing_away() {
            let folder = Folder::with_test_root("missing");
            let roots = roots_from(Some(folder.0.join("absent.pem").into()), Some(folder.0.clone().into()));
            assert_eq!(roots, vec![test_root_der()]);
        }
    }
}
