//! What goes out with each request once the SDK client is warm: the user-agent values built once per client
//! (`cached_user_agent`) are the same on every request, and the signing time follows the service's clock as
//! the SDK's own signer does (`service_clock`, `sigv4_signer`). A recording responder on loopback stands in
//! for the service and answers with a `Date` one hour ahead of ours.

use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{
    ExplicitKeys, PutSecretValueRequest, ServiceTarget, put_secret_value, resolve_client,
};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use tokio_util::sync::CancellationToken;

const ANSWER: &str = r#"{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:h-AbCdEf","Name":"h","VersionId":"v1","VersionStages":["AWSCURRENT"]}"#;
const SERVICE_AHEAD: Duration = Duration::from_secs(3600);

type Recorded = Arc<Mutex<Vec<Vec<(String, String)>>>>;

/// Records each request's headers (lower-cased names) and answers it, its `Date` one hour ahead of ours.
fn start_recorder() -> (String, Recorded) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let recorded = Recorded::default();
    let requests = Arc::clone(&recorded);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut writer = stream;
            'requests: loop {
                let mut headers = Vec::new();
                let mut line = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break 'requests;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some((name, value)) = line.trim_end().split_once(':') {
                        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
                    }
                }
                let length = headers.iter().find(|(n, _)| n == "content-length").map_or(0, |(_, v)| v.parse().unwrap());
                reader.read_exact(&mut vec![0; length]).unwrap();
                requests.lock().unwrap().push(headers);
                let date = aws_smithy_types::DateTime::from(SystemTime::now() + SERVICE_AHEAD)
                    .fmt(aws_smithy_types::date_time::Format::HttpDate)
                    .unwrap();
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nDate: {date}\r\nContent-Length: {}\r\n\r\n{ANSWER}",
                    ANSWER.len()
                );
                writer.write_all(answer.as_bytes()).unwrap();
            }
        }
    });
    (endpoint, recorded)
}

fn write_once(endpoint: &str) {
    let target = ServiceTarget {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.to_string()),
        keys: Some(ExplicitKeys {
            access_key: "AKIDHEADERS".into(),
            secret_key: "headers-secret".to_string().into(),
            session_token: None,
        }),
        ..Default::default()
    };
    let cancel = CancellationToken::new();
    let resolved = block_on_cancellable(&cancel, resolve_client(&target)).unwrap();
    let request = PutSecretValueRequest { secret_id: Some("h".into()), secret_string: Some("v"), ..Default::default() };
    block_on_cancellable(&cancel, put_secret_value(&resolved, request)).unwrap();
}

fn header<'a>(request: &'a [(String, String)], name: &str) -> &'a str {
    request.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {name}"))
}

/// Seconds between an `x-amz-date` and a time.
fn seconds_from(amz_date: &str, time: SystemTime) -> i64 {
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &amz_date[0..4],
        &amz_date[4..6],
        &amz_date[6..8],
        &amz_date[9..11],
        &amz_date[11..13],
        &amz_date[13..15]
    );
    let signed = aws_smithy_types::DateTime::from_str(&iso, aws_smithy_types::date_time::Format::DateTime).unwrap();
    signed.secs() - aws_smithy_types::DateTime::from(time).secs()
}

#[test]
fn every_request_carries_the_first_requests_user_agent_and_signs_at_the_services_time() {
    let (endpoint, recorded) = start_recorder();
    for _ in 0..3 {
        write_once(&endpoint);
    }
    let requests = recorded.lock().unwrap().clone();
    assert_eq!(requests.len(), 3);

    for name in ["user-agent", "x-amz-user-agent"] {
        let first = header(&requests[0], name);
        assert!(first.contains("aws-sdk-rust"), "{name}: {first}");
        for request in &requests[1..] {
            assert_eq!(header(request, name), first, "{name} changed after the first request");
        }
    }

    // The first request knows nothing of the service's clock; the next ones sign an hour ahead, as the
    // SDK's signer does once it has seen a response's Date.
    let now = SystemTime::now();
    assert!(seconds_from(header(&requests[0], "x-amz-date"), now).abs() < 120);
    for request in &requests[1..] {
        let ahead = seconds_from(header(request, "x-amz-date"), now);
        assert!((ahead - 3600).abs() < 120, "signed {ahead} s from now, not an hour ahead");
    }
}
