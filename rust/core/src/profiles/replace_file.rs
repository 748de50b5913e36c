//! Replacing a file so that a reader, or a crash, finds either the old file or the new one, never a part
//! of either: the new contents go to a temporary file in the same folder (mode 0600), are flushed to
//! disk, and take the file's place with one rename (on Windows a replacing rename). Writers of the same
//! file take turns through a lock file next to it, so two writers at once cannot lose each other's change.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish (each holds the lock for a few milliseconds).
const LOCK_WAIT: Duration = Duration::from_secs(10);
const LOCK_POLL: Duration = Duration::from_millis(10);

/// How long a replacing rename is tried again on Windows while another program has the file open.
#[cfg(windows)]
const RENAME_WAIT: Duration = Duration::from_secs(1);
#[cfg(windows)]
const RENAME_POLL: Duration = Duration::from_millis(10);

/// Names the temporary files of this process apart.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The exclusive right to rewrite one file, held until dropped (the lock also ends with the process).
pub(crate) struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Waits (at most `LOCK_WAIT`) until no other writer holds `target`'s lock file, `.<name>.lock`.
    pub(crate) fn take(target: &Path) -> io::Result<Self> {
        let file = private_options().read(true).write(true).truncate(false).open(sibling(target, "", ".lock"))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Self { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => std::thread::sleep(LOCK_POLL),
                Err(TryLockError::WouldBlock) => {
                    return Err(io::Error::new(io::ErrorKind::TimedOut, "another writer kept the file locked"));
                }
                Err(TryLockError::Error(error)) => return Err(error),
            }
        }
    }
}

/// Creates `folder` and its missing parents, readable by the user only (0700); existing ones are kept.
pub(crate) fn create_private_folder(folder: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Replaces `target` with `contents`. A new file is created 0600; an existing one keeps its permissions.
/// Call with the `WriteLock` held. On failure `target` is untouched and the temporary file removed.
pub(crate) fn replace(target: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(target, contents, rename_over)
}

/// Puts `from` in `to`'s place in one step.
///
/// On Windows a replacing rename fails ("Access denied", or a sharing violation) while another handle has
/// `to` open, unless the file system gives POSIX rename semantics (NTFS on Windows 10 does; FAT, network
/// shares and Wine do not) and that handle allows deletion (an antivirus scanner, the search indexer or a
/// backup tool may not). Readers hold the file for milliseconds: another writer looking whether it is a
/// link before it takes the lock, or a call reading its profile. So the rename is tried again for a short
/// while, as cargo, rustup and atomic-write libraries do; a failure that outlasts the wait (a read-only
/// file, a folder the user cannot write) is returned as it is.
fn rename_over(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(windows)]
    return retry_while_in_use(RENAME_WAIT, || fs::rename(from, to));
    #[cfg(not(windows))]
    fs::rename(from, to)
}

/// Runs `attempt` until it succeeds, fails otherwise than with "file in use", or `wait` has passed.
#[cfg(windows)]
fn retry_while_in_use(wait: Duration, mut attempt: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    let start = Instant::now();
    loop {
        match attempt() {
            Err(error)
                if matches!(error.raw_os_error(), Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION))
                    && start.elapsed() < wait =>
            {
                std::thread::sleep(RENAME_POLL)
            }
            result => return result,
        }
    }
}

/// `replace`, with the final step given, so that tests can make it fail.
fn replace_with(target: &Path, contents: &[u8], rename: impl FnOnce(&Path, &Path) -> io::Result<()>) -> io::Result<()> {
    let (temp_path, mut temp) = create_temp(target)?;
    let written = (|| {
        temp.write_all(contents)?;
        #[cfg(unix)]
        if let Ok(existing) = fs::metadata(target) {
            temp.set_permissions(existing.permissions())?;
        }
        temp.sync_all()?;
        drop(temp);
        rename(&temp_path, target)
    })();
    match written {
        Ok(()) => {
            sync_folder(target);
            Ok(())
        }
        Err(error) => {
            let _ = fs::remove_file(&temp_path);
            Err(error)
        }
    }
}

/// Removes temporary files that a writer of `target` left behind when it crashed. Call with the lock
/// held: no other writer is between creating its temporary file and renaming it.
pub(crate) fn remove_stale_temp_files(target: &Path) {
    let (Some(folder), Some(prefix)) = (target.parent(), temp_prefix(target)) else { return };
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let middle = name.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp"));
        // `<pid>.<counter>`, as `create_temp` names them, and nothing else.
        let ours = middle.and_then(|m| m.split_once('.')).is_some_and(|(pid, counter)| {
            [pid, counter].iter().all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        });
        if ours {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    let unique = format!("{}.{}", std::process::id(), TEMP_COUNTER.fetch_add(1, Ordering::Relaxed));
    let path = sibling(target, &format!(".{unique}"), ".tmp");
    let file = private_options().write(true).create_new(true).open(&path)?;
    Ok((path, file))
}

/// `.<file name><middle><suffix>` in `target`'s folder.
fn sibling(target: &Path, middle: &str, suffix: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}{middle}{suffix}"))
}

fn temp_prefix(target: &Path) -> Option<String> {
    Some(format!(".{}.", target.file_name()?.to_string_lossy()))
}

/// Options that create a file readable and writable by the user only.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Makes the rename itself durable (Unix; Windows has no folder handle to flush).
fn sync_folder(target: &Path) {
    #[cfg(unix)]
    if let Some(folder) = target.parent() {
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        let _ = File::open(folder).and_then(|f| f.sync_all());
    }
    #[cfg(not(unix))]
    let _ = target;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Folder(PathBuf);

    impl Folder {
        fn new(tag: &str) -> Self {
            let path = std::env::temp_dir().join(format!("sm-replace-{tag}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            Self(path)
        }

        fn names(&self) -> Vec<String> {
            let mut names: Vec<String> =
                fs::read_dir(&self.0).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
            names.sort();
            names
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_failed_rename_leaves_the_file_as_it_was_and_no_temporary_file() {
        let folder = Folder::new("rename");
        let target = folder.0.join("credentials");
        fs::write(&target, "[old]\nx = 1\n").unwrap();
        let failed = replace_with(&target, b"[new]\n", |from, _| {
            assert_eq!(fs::read(from).unwrap(), b"[new]\n", "the new contents were complete before the rename");
            Err(io::Error::other("simulated crash before the rename"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "[old]\nx = 1\n");
        assert_eq!(folder.names(), ["credentials"]);
        replace(&target, b"[new]\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "[new]\n");
        assert_eq!(folder.names(), ["credentials"]);
    }

    #[test]
    fn stale_temporary_files_of_the_same_file_are_removed_and_others_kept() {
        let folder = Folder::new("stale");
        let target = folder.0.join("credentials");
        for name in [
            ".credentials.99.0.tmp",
            ".config.99.0.tmp",
            ".credentials.bak.1.2.tmp",
            ".credentials.lock",
            "credentials",
        ] {
            fs::write(folder.0.join(name), "x").unwrap();
        }
        remove_stale_temp_files(&target);
        assert_eq!(
            folder.names(),
            [".config.99.0.tmp", ".credentials.bak.1.2.tmp", ".credentials.lock", "credentials"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn new_files_and_folders_are_private_and_existing_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let folder = Folder::new("modes");
        let nested = folder.0.join("a").join(".aws");
        create_private_folder(&nested).unwrap();
        assert_eq!((mode(&folder.0.join("a")), mode(&nested)), (0o700, 0o700));
        let target = nested.join("credentials");
        replace(&target, b"x").unwrap();
        assert_eq!(mode(&target), 0o600);
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        replace(&target, b"y").unwrap();
        assert_eq!(mode(&target), 0o640, "a mode the user chose is kept");
    }

    /// Opens `path` as a scanner may: sharing nothing, so that no rename can replace it while open.
    #[cfg(windows)]
    fn open_unshared(path: &Path) -> File {
        use std::os::windows::fs::OpenOptionsExt;
        File::options().read(true).share_mode(0).open(path).unwrap()
    }

    #[cfg(windows)]
    #[test]
    fn a_file_held_open_for_a_moment_is_replaced_once_it_is_closed() {
        let folder = Folder::new("held");
        let target = folder.0.join("credentials");
        fs::write(&target, "[old]\n").unwrap();
        let held = open_unshared(&target);
        assert!(fs::rename(&target, folder.0.join("other")).is_err(), "the open file cannot be renamed over");
        std::thread::scope(|scope| {
            scope.spawn(move || {
                std::thread::sleep(Duration::from_millis(200));
                drop(held);
            });
            replace(&target, b"[new]\n").unwrap();
        });
        assert_eq!(fs::read_to_string(&target).unwrap(), "[new]\n");
        assert_eq!(folder.names(), ["credentials"]);
    }

    #[cfg(windows)]
    #[test]
    fn a_file_held_open_longer_than_the_wait_is_left_as_it_was() {
        let folder = Folder::new("kept-open");
        let target = folder.0.join("credentials");
        fs::write(&target, "[old]\n").unwrap();
        let held = open_unshared(&target);
        assert!(replace(&target, b"[new]\n").is_err());
        drop(held);
        assert_eq!(fs::read_to_string(&target).unwrap(), "[old]\n");
        assert_eq!(folder.names(), ["credentials"]);
    }

    #[test]
    fn the_lock_is_exclusive_until_dropped() {
        let folder = Folder::new("lock");
        let target = folder.0.join("credentials");
        let held = WriteLock::take(&target).unwrap();
        let other = File::options().read(true).write(true).open(folder.0.join(".credentials.lock")).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
