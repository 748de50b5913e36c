//! `secretsmanager-native-bench <core|raw|profile-connect|legacy-profile-connect> <endpoint-url> <calls>`:
//! makes `calls` sequential PutSecretValue calls against `endpoint-url` in this one process and prints one
//! JSON line with the per-call time in milliseconds (first call excluded from the loop and reported on its
//! own): wall time (`per_call_ms`) and the process's CPU time (`cpu_per_call_ms`, user and kernel).
//!
//! - `core`: the Rust core exactly as the FFI drives it for one cmdlet call (resolve the client, then put, each
//!   in `block_on_cancellable`): the floor of our stack, without .NET and PowerShell.
//! - `raw`: one keep-alive connection writing a fixed signed-looking POST and reading the answer: the floor
//!   of the machine (no SDK, no signing, no JSON). Plain TCP for `http://`, rustls for `https://`; a new
//!   connection whenever the server closed the last one.
//! - `profile-connect`: `resolve_client` alone (nothing is sent) for `-ProfileName bench`, whose keys are in
//!   `~/.aws/credentials` and region in `~/.aws/config` of a temporary home: the per-call cost of
//!   resolving a profile, which is redone on every call so that edited files are seen at once.
//! - `legacy-profile-connect`: the same with nothing named, keys and region in AWS Tools' legacy
//!   `[AWS PS Default]` section (the copy path of `profile_snapshot.rs`).

use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{
    ExplicitKeys, PutSecretValueRequest, ServiceTarget, put_secret_value, resolve_client,
};
use std::io::{BufRead, BufReader, Read, Write};

/// The shipped library's allocator (rust/cdylib), so that the core is measured as it runs in pwsh.
#[global_allocator]
static ALLOCATOR: secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc =
    secretsmanager_native_core::zeroizing_alloc::ZeroizingAlloc::system();
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use tokio_util::sync::CancellationToken;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(endpoint), Some(Ok(calls))) =
        (args.get(1), args.get(2), args.get(3).map(|n| n.parse::<u32>()))
    else {
        eprintln!(
            "usage: secretsmanager-native-bench <core|raw|profile-connect|legacy-profile-connect> <endpoint-url> <calls>"
        );
        return ExitCode::from(2);
    };
    let mut call: Box<dyn FnMut() -> Result<(), String>> = match mode.as_str() {
        "core" => Box::new(core_call(endpoint.clone())),
        "profile-connect" => Box::new(profile_connect(endpoint.clone(), false)),
        "legacy-profile-connect" => Box::new(profile_connect(endpoint.clone(), true)),
        "raw" => match raw_call(endpoint) {
            Ok(f) => Box::new(f),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        other => {
            eprintln!("unknown mode '{other}'");
            return ExitCode::from(2);
        }
    };
    let first = Instant::now();
    if let Err(e) = call() {
        eprintln!("first call failed: {e}");
        return ExitCode::FAILURE;
    }
    let first_ms = first.elapsed().as_secs_f64() * 1e3;
    let start = Instant::now();
    let cpu_start = process_cpu_time();
    for _ in 0..calls {
        if let Err(e) = call() {
            eprintln!("call failed: {e}");
            return ExitCode::FAILURE;
        }
    }
    let per_call_ms = start.elapsed().as_secs_f64() * 1e3 / f64::from(calls.max(1));
    let cpu_per_call_ms = (process_cpu_time() - cpu_start) * 1e3 / f64::from(calls.max(1));
    println!(
        "{{\"mode\":\"{mode}\",\"calls\":{calls},\"first_ms\":{first_ms:.4},\"per_call_ms\":{per_call_ms:.5},\"cpu_per_call_ms\":{cpu_per_call_ms:.5}}}"
    );
    ExitCode::SUCCESS
}

fn core_call(endpoint: String) -> impl FnMut() -> Result<(), String> {
    let target = ServiceTarget {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint),
        keys: Some(ExplicitKeys {
            access_key: "testing".into(),
            secret_key: "testing".to_string().into(),
            session_token: None,
        }),
        ..Default::default()
    };
    move || {
        let cancel = CancellationToken::new();
        let resolved = block_on_cancellable(&cancel, resolve_client(&target)).map_err(|e| e.message)?;
        let request = PutSecretValueRequest {
            secret_id: Some("bench/secret".into()),
            secret_string: Some("bench-value"),
            ..Default::default()
        };
        block_on_cancellable(&cancel, put_secret_value(&resolved, request)).map(|_| ()).map_err(|e| e.message)
    }
}

/// A temporary home with profile files; the target names nothing but that home (and, unless `legacy`,
/// the profile).
fn profile_connect(endpoint: String, legacy: bool) -> impl FnMut() -> Result<(), String> {
    let home = std::env::temp_dir().join(format!("sm-bench-home-{}", std::process::id()));
    let (section, config_section) =
        if legacy { ("AWS PS Default", "profile AWS PS Default") } else { ("bench", "profile bench") };
    let files = [
        ("config", format!("[default]\noutput = json\n\n[{config_section}]\nregion = eu-west-1\n")),
        (
            "credentials",
            format!(
                "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other\n\n[{section}]\naws_access_key_id = AKIDBENCH\naws_secret_access_key = bench-secret\n"
            ),
        ),
    ];
    let written = std::fs::create_dir_all(home.join(".aws"))
        .and_then(|()| files.iter().try_for_each(|(name, text)| std::fs::write(home.join(".aws").join(name), text)));
    let mut target = ServiceTarget {
        endpoint_url: Some(endpoint),
        profile_name: (!legacy).then(|| "bench".to_string()),
        ..Default::default()
    };
    let home_text = home.to_string_lossy().into_owned();
    target.environment.0.insert("HOME".into(), home_text);
    target.environment.0.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
    let _cleanup = TempHome(home.clone());
    move || {
        written.as_ref().map_err(|e| format!("could not write the profile files: {e}"))?;
        let _ = &_cleanup;
        let cancel = CancellationToken::new();
        let resolved = block_on_cancellable(&cancel, resolve_client(&target)).map_err(|e| e.message)?;
        if resolved.region != "eu-west-1" {
            return Err(format!("region {} came from {}", resolved.region, resolved.region_source));
        }
        Ok(())
    }
}

/// Removes the temporary home when the bench ends.
struct TempHome(PathBuf);

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The raw loop's request: one fixed, signed-looking POST, written as is on every call.
fn raw_request(authority: &str) -> String {
    let body = r#"{"SecretId":"bench/secret","SecretString":"bench-value","ClientRequestToken":"00000000-0000-4000-8000-000000000000"}"#;
    format!(
        "POST / HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         X-Amz-Target: secretsmanager.PutSecretValue\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// A byte stream of either kind: a TCP socket, or rustls over one.
trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// One keep-alive connection (plain TCP for `http://`, rustls for `https://`), opened again whenever the
/// server closed the last one (`Connection: close`), so that against a closing server every call pays a
/// connect and a full handshake.
fn raw_call(endpoint: &str) -> Result<impl FnMut() -> Result<(), String>, String> {
    let (authority, tls) = match (endpoint.strip_prefix("http://"), endpoint.strip_prefix("https://")) {
        (Some(authority), _) => (authority, None),
        (_, Some(authority)) => (authority, Some(tls_config())),
        _ => return Err("raw mode needs an http:// or https:// endpoint".into()),
    };
    let authority = authority.trim_end_matches('/').to_string();
    let request = raw_request(&authority);
    let mut connection: Option<BufReader<Box<dyn Stream>>> = None;
    Ok(move || {
        let reader = match &mut connection {
            Some(reader) => reader,
            None => connection.insert(BufReader::new(open(&authority, tls.clone())?)),
        };
        reader.get_mut().write_all(request.as_bytes()).map_err(|e| e.to_string())?;
        reader.get_mut().flush().map_err(|e| e.to_string())?;
        let (mut length, mut close) = (0usize, false);
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).map_err(|e| e.to_string())?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().map_err(|_| "bad content-length".to_string())?;
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.trim().eq_ignore_ascii_case("close");
                }
            }
        }
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
        if close {
            connection = None;
        }
        Ok(())
    })
}

/// CPU seconds this process has used (all threads, user and kernel). Wall time on a quiet virtual machine
/// includes waking an idle CPU for every answer; CPU time does not (bench/analysis.md).
fn process_cpu_time() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec, which `now` is.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    if status != 0 {
        return f64::NAN;
    }
    now.tv_sec as f64 + now.tv_nsec as f64 * 1e-9
}

fn open(authority: &str, tls: Option<Arc<rustls::ClientConfig>>) -> Result<Box<dyn Stream>, String> {
    let socket = TcpStream::connect(authority).map_err(|e| e.to_string())?;
    socket.set_nodelay(true).map_err(|e| e.to_string())?;
    let Some(config) = tls else { return Ok(Box::new(socket)) };
    let host = authority.rsplit_once(':').map_or(authority, |(host, _)| host).to_string();
    let name = rustls::pki_types::ServerName::try_from(host).map_err(|e| e.to_string())?;
    let client = rustls::ClientConnection::new(config, name).map_err(|e| e.to_string())?;
    Ok(Box::new(rustls::StreamOwned::new(client, socket)))
}

/// rustls with ring and the roots rustls-native-certs finds (`SSL_CERT_FILE`/`SSL_CERT_DIR`, else the
/// system's), built once: the floor of TLS on this machine, without the SDK.
fn tls_config() -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}
