//! A `credential_process` command and everything it starts, stopped as one when a lookup is dropped before
//! the command finished (timeout, Ctrl+C). Killing only the shell would leave the real program running: the
//! shell is just `sh -c` or `cmd.exe /C` around it.
//!
//! - Unix: the shell runs in a process group of its own, and the whole group gets SIGKILL.
//! - Windows: the shell starts suspended, is put in a job object of its own (what it starts joins the job),
//!   and only then runs; the job is terminated. A program may still leave the job on purpose
//!   (`CREATE_BREAKAWAY_FROM_JOB`), as a Unix one may leave the group with `setsid`.
//!
//! A command that finished is left alone: what it started in the background keeps running, on both.

use std::io;

/// Starts `command` (a shell running a credential process, its pipes set by the caller) so that all it starts
/// can be stopped: the child with the [`ProcessTree`] that stops it when dropped unfinished. The child is
/// killed on drop too (tokio's `kill_on_drop`), and reaped by tokio.
pub(crate) fn spawn(mut command: tokio::process::Command) -> io::Result<(tokio::process::Child, ProcessTree)> {
    command.kill_on_drop(true);
    // Unix: a process group of its own (id = its pid).
    #[cfg(unix)]
    command.process_group(0);
    // Windows: nothing runs before it is in its job (`track` resumes it).
    #[cfg(windows)]
    command.creation_flags(windows::CREATE_SUSPENDED);
    let child = command.spawn()?;
    // On error the child is dropped, so killed: on Windows before it ever ran.
    let tree = ProcessTree::track(&child)?;
    Ok((child, tree))
}

/// Everything a running credential process started. Dropped before [`ProcessTree::finished`], it stops all of
/// it. The shell itself is also killed by tokio's `kill_on_drop`, and reaped by tokio.
pub(crate) struct ProcessTree {
    #[cfg(unix)]
    group: Option<i32>,
    #[cfg(windows)]
    job: Option<std::os::windows::io::OwnedHandle>,
    finished: bool,
}

impl ProcessTree {
    /// Starts tracking a child from [`spawn`]. On Windows this also lets it run: an error means it could not
    /// be resumed.
    fn track(child: &tokio::process::Child) -> io::Result<ProcessTree> {
        #[cfg(unix)]
        let tree = ProcessTree { group: child.id().and_then(|id| i32::try_from(id).ok()), finished: false };
        #[cfg(windows)]
        let tree = {
            let id = child.id().ok_or_else(|| io::Error::other("the credential process ended before it started"))?;
            // Without a job (Windows refused one) the shell still runs, and only it is killed (docs/compatibility.md).
            let job = child.raw_handle().and_then(|process| windows::job_holding(process).ok());
            windows::resume(id)?;
            ProcessTree { job, finished: false }
        };
        #[cfg(not(any(unix, windows)))]
        let tree = {
            let _ = child;
            ProcessTree { finished: false }
        };
        Ok(tree)
    }

    /// The command finished by itself: what it left running is not ours to stop.
    pub(crate) fn finished(&mut self) {
        self.finished = true;
    }
}

impl Drop for ProcessTree {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        #[cfg(unix)]
        if let Some(group) = self.group {
            // The group outlives its leader while members remain, so its id cannot have been reused by
            // then; an empty group makes this fail harmlessly (ESRCH).
            // SAFETY: kill(2) with a negative pid signals a process group; it touches no memory of ours.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        #[cfg(windows)]
        if let Some(job) = &self.job {
            windows::terminate(job);
        }
    }
}

#[cfg(windows)]
mod windows {
    use std::io;
    use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle, RawHandle};
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Diagnostics::ToolHelp::{
        CreateToolhelp32Snapshot, TH32CS_SNAPTHREAD, THREADENTRY32, Thread32First, Thread32Next,
    };
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_BREAKAWAY_OK,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation, SetInformationJobObject,
        TerminateJobObject,
    };
    use windows_sys::Win32::System::Threading::{OpenThread, ResumeThread, THREAD_SUSPEND_RESUME};

    pub(super) use windows_sys::Win32::System::Threading::CREATE_SUSPENDED;

    /// A new job holding `process` (and, from then on, whatever it starts).
    pub(super) fn job_holding(process: RawHandle) -> io::Result<OwnedHandle> {
        // SAFETY: no security attributes, no name; the handle returned (non-null) is ours to close.
        let raw = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if raw.is_null() {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a handle just returned to us, owned by nothing else.
        let job = unsafe { OwnedHandle::from_raw_handle(raw) };
        // SAFETY: all-zero is a valid JOBOBJECT_EXTENDED_LIMIT_INFORMATION (no limits).
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        // A program that starts a child with CREATE_BREAKAWAY_FROM_JOB would fail without this; with it, that
        // child leaves the job on purpose, as `setsid` leaves a process group.
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_BREAKAWAY_OK;
        // SAFETY: the pointer and size describe `limits`, which outlives the call.
        let set = unsafe {
            SetInformationJobObject(
                job.as_raw_handle(),
                JobObjectExtendedLimitInformation,
                (&raw const limits).cast(),
                size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            )
        };
        if set == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: both handles are valid for the call (the child's is owned by tokio's Child, alive here).
        if unsafe { AssignProcessToJobObject(job.as_raw_handle(), process) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(job)
    }

    /// Lets the suspended process `id` run: resumes its threads (it has one, its first).
    pub(super) fn resume(id: u32) -> io::Result<()> {
        // SAFETY: a snapshot of all threads; the handle returned (unless invalid) is ours to close.
        let raw = unsafe { CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0) };
        if raw == INVALID_HANDLE_VALUE {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: a handle just returned to us, owned by nothing else.
        let snapshot = unsafe { OwnedHandle::from_raw_handle(raw) };
        // SAFETY: all-zero is a valid THREADENTRY32; dwSize is set before each use, as the API requires.
        let mut entry: THREADENTRY32 = unsafe { std::mem::zeroed() };
        entry.dwSize = size_of::<THREADENTRY32>() as u32;
        let mut resumed = 0;
        // SAFETY: a valid snapshot handle and a THREADENTRY32 with its size set.
        let mut more = unsafe { Thread32First(snapshot.as_raw_handle(), &mut entry) } != 0;
        while more {
            if entry.th32OwnerProcessID == id {
                // SAFETY: opens a thread by id; a null result is checked, a handle is ours to close.
                let thread = unsafe { OpenThread(THREAD_SUSPEND_RESUME, 0, entry.th32ThreadID) };
                if !thread.is_null() {
                    // SAFETY: a handle just returned to us, owned by nothing else.
                    let thread = unsafe { OwnedHandle::from_raw_handle(thread) };
                    // SAFETY: a valid thread handle opened with THREAD_SUSPEND_RESUME.
                    if unsafe { ResumeThread(thread.as_raw_handle()) } != u32::MAX {
                        resumed += 1;
                    }
                }
            }
            entry.dwSize = size_of::<THREADENTRY32>() as u32;
            // SAFETY: as for Thread32First.
            more = unsafe { Thread32Next(snapshot.as_raw_handle(), &mut entry) } != 0;
        }
        if resumed == 0 {
            return Err(io::Error::other("the credential process could not be started (its thread was not resumed)"));
        }
        Ok(())
    }

    /// Ends every process in the job.
    pub(super) fn terminate(job: &OwnedHandle) {
        // SAFETY: a valid job handle; a failure (all already gone) changes nothing.
        unsafe {
            TerminateJobObject(job.as_raw_handle(), 1);
        }
    }
}
