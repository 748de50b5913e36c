//! Whether a failed PutSecretValue may have written the version, and the ClientRequestToken it was sent with: what a
//! caller needs to retry without creating a second version. Against small local servers that refuse, answer, or
//! take the request and never answer.

use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{
    CallError, CallSettings, ErrorKind, ExplicitKeys, PutSecretValueRequest, ServiceTarget,
    put_secret_value_until_cancelled, resolve_client,
};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// What the server does with each request it has read in full.
#[derive(Clone, Copy)]
enum Server {
    Answer(u16, &'static str),
    NeverAnswer,
}

/// Starts a server; its sender reports each request it has read.
fn start(server: Server) -> (String, mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let (received, requests) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let received = received.clone();
            std::thread::spawn(move || serve(stream, server, &received));
        }
    });
    (endpoint, requests)
}

fn serve(stream: TcpStream, server: Server, received: &mpsc::Sender<()>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let _ = received.send(());
    match server {
        Server::Answer(status, body) => {
            let answer = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: r\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = writer.write_all(answer.as_bytes());
        }
        Server::NeverAnswer => std::thread::sleep(Duration::from_secs(30)),
    }
}

/// A loopback port nothing listens on.
fn refused() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}", listener.local_addr().unwrap())
}

fn put(endpoint: &str, token: Option<&str>, cancel: &CancellationToken) -> Result<String, CallError> {
    let target = ServiceTarget {
        call_settings: CallSettings {
            max_error_retry: Some(0),
            timeout: Some(Duration::from_millis(500)),
            ..Default::default()
        },
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.to_string()),
        keys: Some(ExplicitKeys {
            access_key: "delivery".into(),
            secret_key: "s".to_string().into(),
            session_token: None,
        }),
        ..Default::default()
    };
    let resolved = block_on_cancellable(&CancellationToken::new(), resolve_client(&target))?;
    let request = PutSecretValueRequest {
        secret_id: Some("delivery".into()),
        secret_string: Some("v"),
        client_request_token: token.map(str::to_string),
        ..Default::default()
    };
    put_secret_value_until_cancelled(cancel, &resolved, request).map(|r| r.version_id.unwrap_or_default())
}

fn failure(endpoint: &str, token: Option<&str>) -> CallError {
    put(endpoint, token, &CancellationToken::new()).expect_err("the call must fail")
}

#[test]
fn nothing_sent_is_no_write_and_still_names_the_generated_token() {
    let error = failure(&refused(), None);
    assert_eq!(error.kind, ErrorKind::Transport);
    assert!(!error.may_have_written);
    assert_eq!(error.client_request_token.len(), 36, "{}", error.client_request_token);
}

#[test]
fn a_4xx_answer_is_no_write_and_a_5xx_one_may_be() {
    let (throttled, _) = start(Server::Answer(400, r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#));
    let error = failure(&throttled, Some("t".repeat(32).as_str()));
    assert_eq!((error.kind, error.may_have_written), (ErrorKind::Service, false));
    assert_eq!(&*error.client_request_token, "t".repeat(32));

    let (internal, _) = start(Server::Answer(500, r#"{"__type":"InternalServiceError","message":"oops"}"#));
    let error = failure(&internal, None);
    assert_eq!((error.kind, error.may_have_written), (ErrorKind::Service, true));
}

#[test]
fn a_request_that_was_taken_and_never_answered_may_have_written() {
    let (silent, requests) = start(Server::NeverAnswer);
    let error = failure(&silent, None);
    assert_eq!(error.kind, ErrorKind::Timeout);
    assert!(error.may_have_written);
    assert!(requests.try_recv().is_ok(), "the server had the request");
}

#[test]
fn a_call_cancelled_after_sending_may_have_written_and_names_the_token() {
    let (silent, requests) = start(Server::NeverAnswer);
    let cancel = CancellationToken::new();
    let canceller = cancel.clone();
    std::thread::spawn(move || {
        requests.recv_timeout(Duration::from_secs(10)).unwrap();
        canceller.cancel();
    });
    let error = put(&silent, Some("c".repeat(40).as_str()), &cancel).expect_err("cancelled");
    assert_eq!(error.kind, ErrorKind::Cancelled);
    assert!(error.may_have_written);
    assert_eq!(&*error.client_request_token, "c".repeat(40));
}

#[test]
fn a_success_is_not_an_error() {
    let (fine, _) = start(Server::Answer(200, r#"{"ARN":"a","Name":"n","VersionId":"v9"}"#));
    assert_eq!(put(&fine, None, &CancellationToken::new()).unwrap(), "v9");
}
