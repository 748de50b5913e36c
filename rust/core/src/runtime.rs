//! The one tokio runtime of the process, created on first use.
//!
//! Calls block the calling (PowerShell) thread in `block_on`, so several runspaces can call at once;
//! the runtime's worker threads drive the sockets and timers for all of them.

use crate::error::CallError;
use once_cell::sync::OnceCell;
use std::future::Future;
use tokio::runtime::Runtime;
use tokio_util::sync::CancellationToken;

static RUNTIME: OnceCell<Runtime> = OnceCell::new();

/// Two workers are plenty: the work is waiting on sockets, and the calling threads poll the futures.
const WORKER_THREADS: usize = 2;

fn runtime() -> Result<&'static Runtime, CallError> {
    RUNTIME.get_or_try_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(WORKER_THREADS)
            .thread_name("secretsmanager-native")
            .enable_all()
            .build()
            .map_err(|e| CallError::internal(format!("Could not start the native I/O runtime: {e}")))
    })
}

/// Runs `future` to completion on the calling thread, or stops it as soon as `cancel` fires.
/// Dropping the future on cancellation closes its connection, so nothing keeps running afterwards.
pub fn block_on_cancellable<T>(
    cancel: &CancellationToken,
    future: impl Future<Output = Result<T, CallError>>,
) -> Result<T, CallError> {
    runtime()?.block_on(async {
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(CallError::cancelled()),
            result = future => result,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
