//! Profile-based connections are resolved again on every call, so one `connect` must read each profile
//! file once, whoever reads it: the region chain, the credential chain or aws-config's loader. The opens
//! are counted by the kernel (inotify), so a read through any path, ours or aws-config's, is seen.
#![cfg(target_os = "linux")]

use secretsmanager_native_core::{ResolvedClient, ServiceTarget, resolve_client};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

mod support {
    pub(crate) mod aws_stand_ins;
    pub(crate) mod loopback;
    pub(crate) mod temp_home;
}
use support::aws_stand_ins;
use support::temp_home::TempHome;

/// A target that finds its profile files in `home` only; nothing is sent to its endpoint.
fn target_in(home: &TempHome) -> ServiceTarget {
    let mut target = ServiceTarget { endpoint_url: Some("http://127.0.0.1:9".into()), ..Default::default() };
    let environment = &mut target.environment.0;
    environment.insert("HOME".into(), home.path());
    environment.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
    target
}

/// Counts the opens of some files from now on.
struct Opens {
    fd: i32,
    watches: Vec<i32>,
}

impl Opens {
    fn watch(paths: &[PathBuf]) -> Self {
        // SAFETY: plain system calls; the path is a NUL-terminated copy that outlives the call.
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        assert!(fd >= 0, "inotify_init1 failed");
        let watches = paths
            .iter()
            .map(|path| {
                let path = CString::new(path.as_os_str().as_bytes()).unwrap();
                // Closes are watched too, so that two opens in a row are two events, not one coalesced.
                let mask = libc::IN_OPEN | libc::IN_CLOSE_NOWRITE;
                let wd = unsafe { libc::inotify_add_watch(fd, path.as_ptr(), mask) };
                assert!(wd >= 0, "inotify_add_watch failed for {path:?}");
                wd
            })
            .collect();
        Self { fd, watches }
    }

    /// Opens of each watched file, in `watch`'s order, since the last count.
    fn count(&self) -> Vec<usize> {
        let mut counts = vec![0; self.watches.len()];
        let mut buffer = [0u8; 4096];
        loop {
            // SAFETY: reads at most `buffer.len()` bytes into the buffer.
            let read = unsafe { libc::read(self.fd, buffer.as_mut_ptr().cast(), buffer.len()) };
            let Ok(read) = usize::try_from(read) else { break };
            if read == 0 {
                break;
            }
            let mut offset = 0;
            while offset < read {
                // SAFETY: the kernel writes whole events; `read_unaligned` copies the fixed-size header.
                let event: libc::inotify_event =
                    unsafe { std::ptr::read_unaligned(buffer.as_ptr().add(offset).cast()) };
                if event.mask & libc::IN_OPEN != 0
                    && let Some(index) = self.watches.iter().position(|wd| *wd == event.wd)
                {
                    counts[index] += 1;
                }
                offset += std::mem::size_of::<libc::inotify_event>() + event.len as usize;
            }
        }
        counts
    }
}

impl Drop for Opens {
    fn drop(&mut self) {
        // SAFETY: the descriptor is ours and closed once.
        unsafe { libc::close(self.fd) };
    }
}

fn connect_counting_opens(target: &ServiceTarget, files: &[PathBuf]) -> (ResolvedClient, Vec<usize>) {
    let opens = Opens::watch(files);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let resolved = runtime.block_on(resolve_client(target)).unwrap_or_else(|e| panic!("connect failed: {}", e.message));
    (resolved, opens.count())
}

#[test]
fn a_named_profile_with_keys_and_region_in_the_files_reads_each_file_once() {
    let home = TempHome::new(
        "named",
        "[default]\noutput = json\n\n[profile team]\nregion = eu-west-1\n",
        "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = o\n\n[team]\naws_access_key_id = AKIDTEAM\naws_secret_access_key = t\n",
    );
    let mut target = target_in(&home);
    target.profile_name = Some("team".into());
    let (resolved, opens) = connect_counting_opens(&target, &home.files());
    assert_eq!((resolved.region.as_str(), resolved.region_source.as_str()), ("eu-west-1", "stored region"));
    assert_eq!(resolved.credentials_source, "stored profile named 'team'");
    assert_eq!(opens, [1, 1], "opens of config and credentials in one connect");

    // The next call reads them again: an edited file is seen at once.
    std::fs::write(&home.files()[0], "[profile team]\nregion = eu-north-1\n").unwrap();
    let (resolved, opens) = connect_counting_opens(&target, &home.files());
    assert_eq!(resolved.region, "eu-north-1");
    assert_eq!(opens, [1, 1]);
}

#[test]
fn the_legacy_aws_ps_default_profile_reads_each_file_once() {
    let home = TempHome::new(
        "legacy",
        "[profile AWS PS Default]\nregion = ap-south-1\n",
        "[AWS PS Default]\naws_access_key_id = AKIDLEGACY\naws_secret_access_key = l\n",
    );
    let (resolved, opens) = connect_counting_opens(&target_in(&home), &home.files());
    assert_eq!((resolved.region.as_str(), resolved.region_source.as_str()), ("ap-south-1", "stored region"));
    assert_eq!(resolved.credentials_source, "stored profile named 'AWS PS Default'");
    assert_eq!(opens, [1, 1]);
}

#[test]
fn a_role_profile_assumed_through_sts_reads_each_file_once() {
    let sts = aws_stand_ins::start();
    let home = TempHome::new(
        "role",
        "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\nregion = us-west-2\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n",
    );
    let mut target = target_in(&home);
    target.profile_name = Some("deploy".into());
    target.environment.0.insert("AWS_ENDPOINT_URL_STS".into(), sts.url.clone());
    let (resolved, opens) = connect_counting_opens(&target, &home.files());
    assert_eq!(resolved.region, "us-west-2");
    assert_eq!(resolved.credentials_source, "stored profile named 'deploy'");
    let assumed = aws_stand_ins::sts_calls(&sts.requests());
    assert_eq!(assumed.len(), 1, "the role was assumed through the STS stand-in: {assumed:?}");
    assert_eq!(opens, [1, 1]);
}
