//! How far the service's clock is from ours, for signing (`sigv4_signer`).
//!
//! The SDK signs at "now + the skew it measured from the last response's `Date` header", so that a machine
//! whose clock is off still gets its requests accepted (AWS Tools' `CorrectForClockSkew` does the same).
//! Its measurement is private to its `ServiceClockSkewInterceptor`, so a signer of our own has to measure
//! it again: this interceptor does it the same way (midpoint of the round trip, no measurement from a
//! cached answer or a round trip longer than 15 minutes, none when `DisableClockSkewCorrection` is set).
//! The SDK's interceptor stays in place; its measurement still decides whether a clock-skew error is retried.

use aws_runtime::service_clock_skew::DisableClockSkewCorrection;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, dyn_dispatch_hint};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::DateTime;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};
use aws_smithy_types::date_time::Format;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

/// A round trip longer than this says nothing reliable about the service's clock (the SDK's limit).
const MAX_TRUSTED_ROUND_TRIP: Duration = Duration::from_secs(15 * 60);

/// The service's clock minus ours, in milliseconds, as last measured; shared by a client's interceptor and
/// signer.
#[derive(Debug, Default)]
pub(crate) struct ServiceClockOffset(AtomicI64);

impl ServiceClockOffset {
    /// `now` moved by the measured offset, unless the configuration turned correction off.
    pub(crate) fn corrected(&self, now: SystemTime, cfg: &ConfigBag) -> SystemTime {
        if correction_disabled(cfg) {
            return now;
        }
        let offset = self.0.load(Ordering::Relaxed);
        let shifted = if offset >= 0 {
            now.checked_add(Duration::from_millis(offset.unsigned_abs()))
        } else {
            now.checked_sub(Duration::from_millis(offset.unsigned_abs()))
        };
        shifted.unwrap_or(now)
    }

    /// Pretends the service's clock was measured `ahead` of ours.
    #[cfg(test)]
    pub(crate) fn record_for_test(&self, ahead: Duration) {
        let now = SystemTime::now();
        self.record(now + ahead, now);
    }

    fn record(&self, server: SystemTime, midpoint: SystemTime) {
        let millis = match server.duration_since(midpoint) {
            Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
            Err(behind) => -i64::try_from(behind.duration().as_millis()).unwrap_or(i64::MAX),
        };
        self.0.store(millis, Ordering::Relaxed);
    }
}

fn correction_disabled(cfg: &ConfigBag) -> bool {
    cfg.load::<DisableClockSkewCorrection>().is_some_and(DisableClockSkewCorrection::is_disabled)
}

/// When this attempt's request left (our clock).
#[derive(Debug, Clone, Copy)]
struct SentAt(SystemTime);

impl Storable for SentAt {
    type Storer = StoreReplace<Self>;
}

/// Measures the offset from every response; one per SDK client, sharing its [`ServiceClockOffset`] with
/// the client's signer.
#[derive(Debug)]
pub(crate) struct MeasureServiceClock(pub(crate) Arc<ServiceClockOffset>);

#[dyn_dispatch_hint]
impl Intercept for MeasureServiceClock {
    fn name(&self) -> &'static str {
        "MeasureServiceClock"
    }

    fn read_before_transmit(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if !correction_disabled(cfg) {
            let now = runtime_components.time_source().unwrap_or_default().now();
            cfg.interceptor_state().store_put(SentAt(now));
        }
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(SentAt(sent)) = cfg.load::<SentAt>().copied() else { return Ok(()) };
        let headers = context.response().headers();
        // An answer from a cache carries the cache's old `Date`.
        if headers.contains_key("age") {
            return Ok(());
        }
        let server = headers
            .get("date")
            .and_then(|date| DateTime::from_str(date, Format::HttpDate).ok())
            .and_then(|date| SystemTime::try_from(date).ok());
        let Some(server) = server else { return Ok(()) };
        let received = runtime_components.time_source().unwrap_or_default().now();
        let round_trip = received.duration_since(sent).unwrap_or_default();
        if round_trip <= MAX_TRUSTED_ROUND_TRIP {
            self.0.record(server, sent + round_trip / 2);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_moves_the_signing_time_either_way_unless_correction_is_off() {
        let offset = ServiceClockOffset::default();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let mut cfg = ConfigBag::base();
        assert_eq!(offset.corrected(now, &cfg), now, "nothing measured yet");

        offset.record(now + Duration::from_secs(3600), now);
        assert_eq!(offset.corrected(now, &cfg), now + Duration::from_secs(3600));
        offset.record(now - Duration::from_millis(1500), now);
        assert_eq!(offset.corrected(now, &cfg), now - Duration::from_millis(1500));

        let mut layer = aws_smithy_types::config_bag::Layer::new("test");
        layer.store_put(DisableClockSkewCorrection::from(true));
        cfg.push_layer(layer);
        assert_eq!(offset.corrected(now, &cfg), now);
    }
}
