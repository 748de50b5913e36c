//! An HTTP client that keeps one inner client, and so one connection pool, per runtime lane.
//!
//! A pooled connection is driven by a task on the runtime that opened it, and a lane's runtime runs
//! only while a call is on it (see `runtime`). A connection opened on one lane and picked from a shared
//! pool by a call on another would never be written to. So every lane gets its own inner client, made
//! by the same recipe, and a call only ever sees the pool of the lane it runs on.

use crate::transport::runtime::current_lane;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector};
use aws_smithy_runtime_api::client::runtime_components::{RuntimeComponents, RuntimeComponentsBuilder};
use aws_smithy_runtime_api::shared::IntoShared;
use aws_smithy_types::config_bag::ConfigBag;
use std::fmt;
use std::sync::{Mutex, PoisonError};

type Recipe = Box<dyn Fn() -> SharedHttpClient + Send + Sync>;

/// See the module documentation.
pub(crate) struct PerLaneClient {
    recipe: Recipe,
    /// Inner clients by lane index, made on a lane's first request.
    by_lane: Mutex<Vec<Option<SharedHttpClient>>>,
}

impl PerLaneClient {
    pub(crate) fn shared(recipe: impl Fn() -> SharedHttpClient + Send + Sync + 'static) -> SharedHttpClient {
        Self { recipe: Box::new(recipe), by_lane: Mutex::new(Vec::new()) }.into_shared()
    }

    fn for_current_lane(&self) -> SharedHttpClient {
        // Outside a call (core code driven by a runtime of its own, as tests do) no pool is shared:
        // its connections' tasks would run on that runtime, which no lane drives.
        let Some(lane) = current_lane() else { return (self.recipe)() };
        let mut by_lane = self.by_lane.lock().unwrap_or_else(PoisonError::into_inner);
        if by_lane.len() <= lane {
            by_lane.resize(lane + 1, None);
        }
        by_lane[lane].get_or_insert_with(|| (self.recipe)()).clone()
    }
}

impl fmt::Debug for PerLaneClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PerLaneClient").finish_non_exhaustive()
    }
}

impl HttpClient for PerLaneClient {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        self.for_current_lane().http_connector(settings, components)
    }

    /// Not passed on: the inner client's check builds a throwaway TLS connector, re-reading every trusted
    /// root, for each SDK client made (aws-smithy-http-client warms the root store up that way). Ours is
    /// loaded once per process (`trust_store`) and cannot fail, and the real connector of each lane is
    /// built on its first request anyway.
    fn validate_base_client_config(&self, _: &RuntimeComponentsBuilder, _: &ConfigBag) -> Result<(), BoxError> {
        Ok(())
    }

    fn validate_final_config(&self, components: &RuntimeComponents, cfg: &ConfigBag) -> Result<(), BoxError> {
        self.for_current_lane().validate_final_config(components, cfg)
    }

    fn connector_metadata(&self) -> Option<aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata> {
        self.for_current_lane().connector_metadata()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CallError;
    use crate::transport::runtime::block_on_cancellable;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Barrier};
    use tokio_util::sync::CancellationToken;

    #[test]
    fn each_lane_gets_its_own_inner_client_made_once() {
        let made = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&made);
        let client = PerLaneClient {
            recipe: Box::new(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                crate::transport::http::plain_http_client()
            }),
            by_lane: Mutex::new(Vec::new()),
        };
        let client = Arc::new(client);
        // Two threads inside a call at once are on two lanes, so two inner clients are made.
        let both_inside = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (client, both_inside) = (Arc::clone(&client), Arc::clone(&both_inside));
                std::thread::spawn(move || {
                    block_on_cancellable(&CancellationToken::new(), async move {
                        both_inside.wait();
                        let _ = client.for_current_lane();
                        let _ = client.for_current_lane();
                        Ok::<_, CallError>(())
                    })
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap().unwrap();
        }
        assert_eq!(made.load(Ordering::SeqCst), 2, "one inner client per lane, made once per lane");
    }
}
