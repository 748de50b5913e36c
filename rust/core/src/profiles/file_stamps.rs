//! What the profile files looked like when a call read them (size, times, identity; never their text), so
//! that a client resolved from them can be reused until one of them changes, appears or goes away,
//! at the cost of a `stat` per file instead of a read and a parse.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// A file modified this recently may be written again within the file system's timestamp granularity
/// (a clock tick on Linux, 2 s on FAT) without its stamp changing, so its stamp is not trusted: the
/// client is resolved again until the file has been left alone this long (git's "racy" rule).
const RACY_WINDOW: Duration = Duration::from_secs(3);

/// A file's metadata as far as it tells a change: any write moves the modification or change time, a
/// replacement (the atomic rename editors and `Set-AWSCredential` use) moves the identity.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    #[cfg(unix)]
    identity: (u64, u64, i64, i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    /// Not there, or not readable.
    Missing,
    File(Stamp),
    /// Modified too recently for its stamp to prove anything later (never equal to a later look).
    Racy,
}

impl Seen {
    fn of(path: &Path) -> Self {
        let Ok(metadata) = std::fs::metadata(path) else { return Self::Missing };
        let Ok(modified) = metadata.modified() else { return Self::Racy };
        if SystemTime::now().duration_since(modified).map_or(true, |age| age < RACY_WINDOW) {
            return Self::Racy;
        }
        Self::File(Stamp {
            len: metadata.len(),
            modified,
            #[cfg(unix)]
            identity: {
                use std::os::unix::fs::MetadataExt;
                (metadata.dev(), metadata.ino(), metadata.ctime(), metadata.ctime_nsec())
            },
        })
    }
}

/// The stamps of every profile file one call read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FileStamps(Vec<(PathBuf, Seen)>);

impl FileStamps {
    /// Stamps `path`; taken before the file is read, so a change during the read shows as a change later.
    pub(crate) fn add(&mut self, path: &Path) {
        if !self.0.iter().any(|(stamped, _)| stamped == path) {
            self.0.push((path.to_path_buf(), Seen::of(path)));
        }
    }

    /// Whether every file still looks as it did when it was read.
    pub(crate) fn unchanged(&self) -> bool {
        self.0.iter().all(|(path, seen)| *seen != Seen::Racy && Seen::of(path) == *seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `text` and dates the file back beyond the racy window, as a file edited a while ago.
    fn write_old(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - 2 * RACY_WINDOW).unwrap();
    }

    #[test]
    fn an_edit_a_replacement_a_new_file_or_a_removal_is_a_change() {
        let dir = std::env::temp_dir().join(format!("sm-stamps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (config, missing) = (dir.join("config"), dir.join("credentials"));
        write_old(&config, "[default]\nregion = a\n");
        let stamped = || {
            let mut stamps = FileStamps::default();
            stamps.add(&config);
            stamps.add(&missing);
            stamps
        };

        let stamps = stamped();
        assert!(stamps.unchanged());
        std::fs::write(&config, "[default]\nregion = b\n").unwrap();
        assert!(!stamps.unchanged(), "same size, rewritten in place");

        write_old(&config, "[default]\nregion = b\n");
        let stamps = stamped();
        let replacement = dir.join("config.new");
        write_old(&replacement, "[default]\nregion = c\n");
        std::fs::rename(&replacement, &config).unwrap();
        assert!(!stamps.unchanged(), "replaced by a rename with an old modification time");

        let stamps = stamped();
        std::fs::write(&missing, "").unwrap();
        assert!(!stamps.unchanged(), "a file that was missing appeared");

        let stamps = stamped();
        std::fs::remove_file(&config).unwrap();
        assert!(!stamps.unchanged(), "a file went away");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_written_just_now_is_never_trusted() {
        let dir = std::env::temp_dir().join(format!("sm-stamps-racy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config");
        std::fs::write(&config, "[default]\n").unwrap();
        let mut stamps = FileStamps::default();
        stamps.add(&config);
        assert!(!stamps.unchanged(), "a second write within the timestamp granularity would not show");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
