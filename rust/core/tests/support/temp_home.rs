//! A home directory holding `~/.aws/config` and `~/.aws/credentials`, removed on drop. Shared by the
//! profile store's unit tests and `tests/profile_reads.rs` (included with `#[path]`).

use std::path::PathBuf;

pub(crate) struct TempHome(pub(crate) PathBuf);

impl TempHome {
    /// `tag` keeps the folders of tests running at once apart.
    pub(crate) fn new(tag: &str, config: &str, credentials: &str) -> Self {
        let home = std::env::temp_dir().join(format!("sm-home-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(home.join(".aws")).unwrap();
        std::fs::write(home.join(".aws/config"), config).unwrap();
        std::fs::write(home.join(".aws/credentials"), credentials).unwrap();
        Self(home)
    }

    /// The config and credentials files, in that order.
    #[allow(dead_code)]
    pub(crate) fn files(&self) -> [PathBuf; 2] {
        [self.0.join(".aws/config"), self.0.join(".aws/credentials")]
    }

    pub(crate) fn path(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
