//! Calls from several threads share no pooled connection across runtime lanes (`runtime`,
//! `per_lane_client`): a connection driven by an idle lane would never be written to, and the call
//! would hang. A keep-alive responder on loopback stands in for the service.

use secretsmanager_native_core::transport::runtime::block_on_cancellable;
use secretsmanager_native_core::{
    CallSettings, ExplicitKeys, PutSecretValueRequest, ServiceTarget, put_secret_value, resolve_client,
};
use std::sync::Barrier;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;
use support::loopback::{Loopback, Reply};
use tokio_util::sync::CancellationToken;

mod support {
    pub(crate) mod loopback;
}

const ANSWER: &str = r#"{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:lanes-AbCdEf","Name":"lanes","VersionId":"v1","VersionStages":["AWSCURRENT"]}"#;

/// Answers every request on every keep-alive connection; the first `hold` requests are answered only
/// once all of them have arrived, so their calls are surely in flight at the same time.
fn start_responder(hold: usize) -> Loopback {
    start_server(hold, false)
}

/// Like `start_responder`, but closes each connection right after its first answer, without saying so
/// in the answer: the client pools it as keep-alive, as it would a connection a server later drops as idle.
fn start_closing_responder() -> Loopback {
    start_server(1, true)
}

fn start_server(hold: usize, close_after_answer: bool) -> Loopback {
    let requests = AtomicUsize::new(0);
    let together = Barrier::new(hold);
    Loopback::start(move |_| {
        if requests.fetch_add(1, Ordering::SeqCst) < hold {
            together.wait();
        }
        let answer = Reply::ok("application/x-amz-json-1.1", ANSWER).with_header("x-amzn-RequestId", "r");
        if close_after_answer { answer.then_close_silently() } else { answer }
    })
}

fn call(endpoint: &str) -> Result<(), String> {
    call_with(endpoint, CallSettings::default())
}

fn call_with(endpoint: &str, call_settings: CallSettings) -> Result<(), String> {
    let target = ServiceTarget {
        call_settings,
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.to_string()),
        keys: Some(ExplicitKeys {
            access_key: "lanes".into(),
            secret_key: "s".to_string().into(),
            session_token: None,
        }),
        ..Default::default()
    };
    let cancel = CancellationToken::new();
    let resolved = block_on_cancellable(&cancel, resolve_client(&target)).map_err(|e| e.message)?;
    let request =
        PutSecretValueRequest { secret_id: Some("lanes".into()), secret_string: Some("v"), ..Default::default() };
    block_on_cancellable(&cancel, put_secret_value(&resolved, request)).map(|_| ()).map_err(|e| e.message)
}

/// Runs `calls` calls from each of `threads` threads at once; fails if they are not all done in time.
fn calls_from_threads(endpoint: &str, threads: usize, calls: usize) {
    let (done, finished) = mpsc::channel();
    for _ in 0..threads {
        let (endpoint, done) = (endpoint.to_string(), done.clone());
        std::thread::spawn(move || {
            for _ in 0..calls {
                let outcome = call(&endpoint);
                done.send(outcome).unwrap();
            }
        });
    }
    for _ in 0..threads * calls {
        let outcome =
            finished.recv_timeout(Duration::from_secs(3)).expect("a call hung: its connection was not driven");
        outcome.unwrap();
    }
}

#[test]
fn connections_opened_on_parallel_lanes_keep_working_in_later_calls() {
    let threads = 3;
    let server = start_responder(threads);
    let endpoint = server.url.as_str();
    // The first calls are in flight together: one lane and one connection each.
    calls_from_threads(endpoint, threads, 1);
    assert_eq!(server.connections(), threads);
    // Later calls, sequential and parallel, take whichever lane is free and reuse its pooled connection.
    for _ in 0..3 {
        calls_from_threads(endpoint, 1, 20);
        calls_from_threads(endpoint, threads, 20);
    }
    assert!(server.connections() <= threads * 2, "pooled connections were not reused: {} opened", server.connections());
}

#[test]
fn a_pooled_connection_the_server_closed_while_the_lane_was_idle_is_not_reused() {
    // Without runtime::catch_up the second call fails: "connection closed before message completed".
    let server = start_closing_responder();
    let no_retry = CallSettings { max_error_retry: Some(0), ..CallSettings::default() };
    for _ in 0..5 {
        call_with(&server.url, no_retry).unwrap();
        // The server's FIN arrives while no call runs on the lane, so nothing reads it until the next call.
        std::thread::sleep(Duration::from_millis(50));
    }
}
