//! Captures the HTTP status and Content-Length of the last response, which the SDK's typed output
//! does not carry but the cmdlet's output object does (`HttpStatusCode`, `ContentLength`), and whether
//! the answer came straight from this machine (a loopback test server).
//!
//! The interceptor is registered once on each SDK client; a call lends it the place to write through
//! a task-local (`ResponseFacts::recorded_during`). Registering it per call instead (`customize()`)
//! made the SDK build and merge a config-override plugin on every call.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::connection::CaptureSmithyConnection;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::{Intercept, dyn_dispatch_hint};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU16, Ordering};

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
        });
        Ok(())
    }
}
