//! The SDK's user-agent headers, built once per client instead of on every request.
//!
//! The SDK's `UserAgentInterceptor` reads the process environment and formats the `user-agent` and
//! `x-amz-user-agent` values (SDK, OS, language, features in use) on every request: about 4 % of a call's
//! instructions against a fast endpoint (bench/analysis.md). Everything those values depend on is fixed
//! for one of our clients (one operation, one identity, one configuration), so this interceptor runs the
//! SDK's own interceptor for the client's first request, keeps the two values it produced, and sends
//! those from then on. It disables the SDK's instance for each operation as the operation starts (an
//! interceptor may store `DisableInterceptor` in the operation's config bag), so that one does no work.

use aws_runtime::user_agent::UserAgentInterceptor;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, disable_interceptor, dyn_dispatch_hint};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::sync::OnceLock;

const USER_AGENT: &str = "user-agent";
const X_AMZ_USER_AGENT: &str = "x-amz-user-agent";

/// See the module documentation. One per SDK client.
#[derive(Debug)]
pub(crate) struct CachedUserAgent {
    sdk: UserAgentInterceptor,
    /// `user-agent` and `x-amz-user-agent` as the SDK built them for the first request.
    values: OnceLock<(String, String)>,
}

impl CachedUserAgent {
    pub(crate) fn new() -> Self {
        Self { sdk: UserAgentInterceptor::new(), values: OnceLock::new() }
    }
}

#[dyn_dispatch_hint]
impl Intercept for CachedUserAgent {
    fn name(&self) -> &'static str {
        "CachedUserAgent"
    }

    fn read_before_execution(
        &self,
        _: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state()
            .store_put(disable_interceptor::<UserAgentInterceptor>("CachedUserAgent sends its values"));
        Ok(())
    }

    fn read_after_serialization(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        match self.values.get() {
            Some(_) => Ok(()),
            None => self.sdk.read_after_serialization(context, runtime_components, cfg),
        }
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some((user_agent, x_amz_user_agent)) = self.values.get() {
            let headers = context.request_mut().headers_mut();
            headers.append(USER_AGENT, user_agent.clone());
            headers.append(X_AMZ_USER_AGENT, x_amz_user_agent.clone());
            return Ok(());
        }
        self.sdk.modify_before_signing(context, runtime_components, cfg)?;
        let headers = context.request().headers();
        if let (Some(user_agent), Some(x_amz_user_agent)) = (headers.get(USER_AGENT), headers.get(X_AMZ_USER_AGENT)) {
            // Two first requests at once both build the values; they are the same, and one is kept.
            let _ = self.values.set((user_agent.to_string(), x_amz_user_agent.to_string()));
        }
        Ok(())
    }
}
