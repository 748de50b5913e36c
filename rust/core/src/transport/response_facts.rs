//! Captures the HTTP status and Content-Length of the last response, which the SDK's typed output
//! does not carry but the cmdlet's output object does (`HttpStatusCode`, `ContentLength`), whether
//! the answer came straight from this machine (a loopback test server), and what each attempt got as
//! far as (so that a failure can say whether the write may have happened).
//!
//! The interceptor is registered once on each SDK client; a call lends it the place to write through
//! a task-local (`ResponseFacts::recorded_during`). Registering it per call instead (`customize()`)
//! made the SDK build and merge a config-override plugin on every call.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connection::CaptureSmithyConnection;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, dyn_dispatch_hint};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU16, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

tokio::task_local! {
    /// The facts of the call running on this task, if it asked for them.
    static CURRENT_CALL: Arc<ResponseFacts>;
}

/// Status and length of the most recent response of one call; retries overwrite earlier attempts.
#[derive(Debug, Default)]
pub(crate) struct ResponseFacts {
    status: AtomicU16,
    content_length: AtomicI64,
    /// The last answer came over a connection to a loopback address (the proxy's, when there is one).
    from_loopback: AtomicBool,
    /// Every attempt that was handed to the HTTP client, in order.
    attempts: Mutex<Vec<Attempt>>,
}

/// One attempt as far as it got: the connection the HTTP client opened or reused for it (set once it had one),
/// and the status of the answer, when one came.
#[derive(Debug)]
struct Attempt {
    connection: Option<CaptureSmithyConnection>,
    status: Option<u16>,
}

impl Attempt {
    /// Whether this attempt may have written the version without the caller knowing: it had a connection (so the
    /// request may have been sent) and no answer came, or the answer was a 5xx (the service, or a gateway in front
    /// of it, failed while or after taking the request). Without the SDK's connection capture it can't be told,
    /// so it may have.
    fn may_have_written(&self) -> bool {
        match self.status {
            Some(status) => status >= 500,
            None => self.connection.as_ref().is_none_or(|capture| capture.get().is_some()),
        }
    }
}

impl ResponseFacts {
    pub(crate) fn http_status(&self) -> u16 {
        self.status.load(Ordering::Relaxed)
    }

    pub(crate) fn content_length(&self) -> i64 {
        self.content_length.load(Ordering::Relaxed)
    }

    pub(crate) fn answered_from_loopback(&self) -> bool {
        self.from_loopback.load(Ordering::Relaxed)
    }

    /// Whether a failed call may nonetheless have written the version: some attempt may have (see
    /// [`Attempt::may_have_written`]). Also right after the call was dropped midway (cancelled, or out of time).
    pub(crate) fn may_have_written(&self) -> bool {
        self.attempts.lock().unwrap_or_else(PoisonError::into_inner).iter().any(Attempt::may_have_written)
    }

    /// Runs `call` (an SDK operation's future) with [`RecordResponseFacts`] writing into these facts.
    pub(crate) async fn recorded_during<T>(self: &Arc<Self>, call: impl Future<Output = T>) -> T {
        CURRENT_CALL.scope(Arc::clone(self), call).await
    }
}

/// The interceptor that fills the [`ResponseFacts`] of the call it runs in; one per SDK client.
#[derive(Debug)]
pub(crate) struct RecordResponseFacts;

#[dyn_dispatch_hint]
impl Intercept for RecordResponseFacts {
    fn name(&self) -> &'static str {
        "RecordResponseFacts"
    }

    fn read_before_transmit(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let _ = CURRENT_CALL.try_with(|facts| {
            // The SDK's connection-poisoning interceptor has just put this attempt's capture here; the HTTP client
            // fills it when it has a connection, which can then be read even if the attempt is dropped.
            let connection = cfg.load::<CaptureSmithyConnection>().cloned();
            facts.attempts.lock().unwrap_or_else(PoisonError::into_inner).push(Attempt { connection, status: None });
        });
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        let length = response
            .headers()
            .get("content-length")
            .and_then(|v| v.trim().parse::<i64>().ok())
            .or_else(|| response.body().bytes().map(|b| b.len() as i64))
            .unwrap_or(-1);
        // Outside `recorded_during` (a call that did not ask) there is nowhere to write, and nothing to do.
        let _ = CURRENT_CALL.try_with(|facts| {
            // The SDK's connection-poisoning interceptor leaves the attempt's connection here.
            let connection = cfg.load::<CaptureSmithyConnection>().and_then(CaptureSmithyConnection::get);
            let loopback = connection.and_then(|c| c.remote_addr()).is_some_and(|address| address.ip().is_loopback());
            facts.from_loopback.store(loopback, Ordering::Relaxed);
            facts.status.store(response.status().as_u16(), Ordering::Relaxed);
            facts.content_length.store(length, Ordering::Relaxed);
            if let Some(attempt) = facts.attempts.lock().unwrap_or_else(PoisonError::into_inner).last_mut() {
                attempt.status = Some(response.status().as_u16());
            }
        });
        Ok(())
    }
}
