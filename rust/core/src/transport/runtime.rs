//! The tokio runtimes the calls run on: one `current_thread` runtime per *lane*, created on first use.
//!
//! A call borrows a free lane for its duration and drives the lane's runtime on the calling (PowerShell)
//! thread with `block_on`: the socket, the timers and the HTTP connection tasks all run on that thread.
//! Against a fast endpoint this costs about a third less than blocking on a multi-thread runtime, whose
//! workers would drive the socket and wake the caller (two thread hand-offs a call, measured in
//! bench/analysis.md). Several runspaces calling at once each get their own lane, so they still run in
//! parallel. Lanes are never dropped; there are at most as many as calls ever ran at the same time.
//!
//! A lane's runtime only runs while a call is on it, so whatever a call leaves behind (pooled HTTP
//! connections and their tasks) must only ever be used from the same lane: `http.rs` keeps its
//! connection pools per lane, keyed by `current_lane()`.

use crate::error::CallError;
use std::cell::Cell;
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::runtime::Runtime;
use tokio_util::sync::CancellationToken;

struct Lane {
    index: usize,
    runtime: Runtime,
}

/// Lanes not in use, most recently used last, so that sequential calls keep using one lane (and its
/// warm connections).
static IDLE: Mutex<Vec<&'static Lane>> = Mutex::new(Vec::new());
/// How many lanes exist; the next lane's index.
static CREATED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static CURRENT: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The lane the calling thread is running a call on; `None` outside calls (for example a test that
/// drives core code on a runtime of its own).
pub fn current_lane() -> Option<usize> {
    CURRENT.with(Cell::get)
}

/// A lane borrowed for one call; given back when dropped, also when the call panics.
struct Borrowed {
    lane: &'static Lane,
    previous: Option<usize>,
}

impl Borrowed {
    fn take() -> Result<Self, CallError> {
        let idle = IDLE.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop();
        let lane = match idle {
            Some(lane) => lane,
            None => new_lane()?,
        };
        let previous = CURRENT.with(|current| current.replace(Some(lane.index)));
        Ok(Self { lane, previous })
    }
}

impl Drop for Borrowed {
    fn drop(&mut self) {
        CURRENT.with(|current| current.set(self.previous));
        IDLE.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(self.lane);
    }
}

fn new_lane() -> Result<&'static Lane, CallError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CallError::internal(format!("Could not start the native I/O runtime: {e}")))?;
    Ok(Box::leak(Box::new(Lane { index: CREATED.fetch_add(1, Ordering::Relaxed), runtime })))
}

/// Runs `future` to completion on the calling thread, or stops it as soon as `cancel` fires.
/// Dropping the future on cancellation closes its connection, so nothing keeps running afterwards.
pub fn block_on_cancellable<T>(
    cancel: &CancellationToken,
    future: impl Future<Output = Result<T, CallError>>,
) -> Result<T, CallError> {
    let borrowed = Borrowed::take()?;
    borrowed.lane.runtime.block_on(async {
        catch_up().await;
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(CallError::cancelled()),
            result = future => result,
        }
    })
}

/// Lets the lane handle what happened while it was idle before the call starts. A server may have
/// closed a pooled keep-alive connection meanwhile, and nothing has read its FIN yet; a call that took
/// that connection would write its request into a closed socket. Yielding lets the runtime poll its I/O
/// driver and run the connection tasks that wakes, which mark such connections closed, so the pool does
/// not hand them out (`tests/lanes.rs` fails without it). Twice, so as not to depend on the scheduler's
/// order; each yield costs one non-blocking `epoll_wait`.
async fn catch_up() {
    for _ in 0..2 {
        tokio::task::yield_now().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};
    use std::time::Duration;

    #[test]
    fn completes_a_future() {
        let token = CancellationToken::new();
        assert_eq!(block_on_cancellable(&token, async { Ok::<_, CallError>(7) }), Ok(7));
    }

    #[test]
    fn cancellation_stops_a_pending_future() {
        let token = CancellationToken::new();
        let canceller = token.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            canceller.cancel();
        });
        let result = block_on_cancellable(&token, std::future::pending::<Result<(), CallError>>());
        assert_eq!(result, Err(CallError::cancelled()));
    }

    #[test]
    fn a_token_cancelled_before_the_call_wins_over_a_ready_future() {
        let token = CancellationToken::new();
        token.cancel();
        assert_eq!(block_on_cancellable(&token, async { Ok::<_, CallError>(1) }), Err(CallError::cancelled()));
    }

    #[test]
    fn timers_work_inside_a_call() {
        let token = CancellationToken::new();
        let slept = block_on_cancellable(&token, async {
            tokio::time::sleep(Duration::from_millis(5)).await;
            Ok::<_, CallError>(current_lane())
        });
        assert!(slept.is_ok_and(|lane| lane.is_some()), "a call runs on a lane");
        assert_eq!(current_lane(), None, "after the call the thread is on no lane");
    }

    #[test]
    fn calls_at_the_same_time_run_on_different_lanes() {
        // Four threads inside a call at once: each must be on its own lane.
        let threads = 4;
        let inside = Arc::new(Barrier::new(threads));
        let lanes: Vec<usize> = (0..threads)
            .map(|_| {
                let inside = Arc::clone(&inside);
                std::thread::spawn(move || {
                    block_on_cancellable(&CancellationToken::new(), async move {
                        let lane = current_lane().expect("inside a call");
                        // Blocking here is fine: each thread drives only its own runtime.
                        inside.wait();
                        Ok::<_, CallError>(lane)
                    })
                    .unwrap()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|handle| handle.join().unwrap())
            .collect();
        let mut distinct = lanes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), threads, "lanes were shared: {lanes:?}");
    }
}
