//! A small HTTP/1.1 server on loopback for the integration tests: every request on every keep-alive
//! connection goes to one handler, and is kept so that a test can see what a server really received.
//! Threads, one per connection, live as long as the test process.
#![allow(dead_code)] // Included by several test crates (`mod support`), each using a part.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// One request as received.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    headers: Vec<(String, String)>,
    pub(crate) body: String,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The access key id of the SigV4 signature (`Authorization: ... Credential=<key>/<date>/...`).
    pub(crate) fn signed_by(&self) -> Option<&str> {
        let (_, scope) = self.header("authorization")?.split_once("Credential=")?;
        scope.split('/').next()
    }

    /// A field of a form-encoded body (the Query protocol STS speaks), decoded.
    pub(crate) fn form(&self, name: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            let value = value.replace('+', " ");
            (key == name).then(|| percent_encoding::percent_decode_str(&value).decode_utf8_lossy().into_owned())
        })
    }
}

/// What the handler answers.
pub(crate) struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
    close: bool,
}

impl Reply {
    pub(crate) fn ok(content_type: &str, body: impl Into<String>) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            close: false,
        }
    }

    pub(crate) fn not_found() -> Self {
        Self { status: 404, headers: Vec::new(), body: "not found".into(), close: false }
    }

    pub(crate) fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Closes the connection right after the answer, without saying so in it: the client keeps the
    /// connection as keep-alive, as it would one a server later drops as idle.
    pub(crate) fn then_close_silently(mut self) -> Self {
        self.close = true;
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server: its URL, the requests it received and the connections it accepted.
pub(crate) struct Loopback {
    pub(crate) url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    connections: Arc<AtomicUsize>,
}

impl Loopback {
    pub(crate) fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (kept, counted) = (Arc::clone(&requests), Arc::clone(&connections));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                counted.fetch_add(1, Ordering::SeqCst);
                let (handler, kept) = (Arc::clone(&handler), Arc::clone(&kept));
                std::thread::spawn(move || serve(stream, &*handler, &kept));
            }
        });
        Self { url, requests, connections }
    }

    /// Every request received so far, in order of arrival.
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub(crate) fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn serve(stream: TcpStream, handler: &Handler, kept: &Mutex<Vec<Request>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    while let Some(request) = read_request(&mut reader) {
        kept.lock().unwrap().push(request.clone());
        let reply = handler(&request);
        let reason = if reply.status == 200 { "OK" } else { "Not Found" };
        let mut head = format!("HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\n", reply.status, reply.body.len());
        for (name, value) in &reply.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        // One write: a second, small one would wait for the client's delayed acknowledgement (Nagle).
        head.push_str(&reply.body);
        if writer.write_all(head.as_bytes()).is_err() || reply.close {
            return;
        }
    }
}

/// The next request on the connection, or `None` once the client closed it.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut request = Request { method, path, headers, body: String::new() };
    let length = request.header("content-length").map_or(0, |v| v.parse().unwrap());
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    request.body = String::from_utf8_lossy(&body).into_owned();
    Some(request)
}
