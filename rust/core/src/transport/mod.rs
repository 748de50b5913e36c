//! How a request travels: the runtime lanes, the pooled HTTP clients, proxies, trusted roots, the
//! reused SDK clients and what the response says about where it came from.

pub(crate) mod cached_user_agent;
pub(crate) mod client_cache;
pub mod endpoint;
pub mod http;
pub(crate) mod per_lane_client;
pub mod proxy;
pub(crate) mod response_facts;
pub mod runtime;
pub(crate) mod service_clock;
pub(crate) mod sigv4_signer;
pub(crate) mod trust_store;
