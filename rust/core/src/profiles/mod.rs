//! The shared config and credentials files: where they are, how their sections read, and the
//! locked, atomic edits the companion cmdlets make.

pub(crate) mod file_stamps;
pub(crate) mod profile_edit;
pub mod profile_files;
pub(crate) mod profile_paths;
pub(crate) mod profile_sections;
pub(crate) mod profile_snapshot;
pub(crate) mod replace_file;
