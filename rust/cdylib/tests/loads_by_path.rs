//! The library as its host loads it: by absolute path, under the file name `platforms.csv` gives for this
//! platform, with every function of the FFI inventory found by name and its API guard answering
//! `API_HASH`. Runs wherever the Rust suites run: natively, under Wine (win-x64) and under qemu-user
//! (linux-arm64), so each platform's own loader and naming are exercised.

use std::ffi::{CString, c_char, c_void};
use std::path::PathBuf;

const PLATFORMS: &str = include_str!("../../../platforms.csv");

/// This platform's row of platforms.csv, by the names the table (and .NET) use.
fn file_name_for_this_platform() -> String {
    let os = if cfg!(windows) {
        "Windows"
    } else if cfg!(target_os = "macos") {
        "OSX"
    } else {
        "Linux"
    };
    let architecture = if cfg!(target_arch = "aarch64") { "Arm64" } else { "X64" };
    let mut lines = PLATFORMS.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|c| *c == name).unwrap();
    lines
        .map(|line| line.split(',').collect::<Vec<_>>())
        .find(|row| row[column("Os")] == os && row[column("Architecture")] == architecture)
        .unwrap_or_else(|| panic!("platforms.csv has no row for {os} {architecture}"))[column("FileName")]
    .to_string()
}

#[cfg(windows)]
mod loader {
    use std::ffi::{c_char, c_void};
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn LoadLibraryW(name: *const u16) -> *mut c_void;
        fn GetProcAddress(module: *mut c_void, name: *const c_char) -> *mut c_void;
    }
    pub fn open(path: &std::path::Path) -> *mut c_void {
        use std::os::windows::ffi::OsStrExt;
        let wide: Vec<u16> = path.as_os_str().encode_wide().chain(Some(0)).collect();
        // SAFETY: a NUL-terminated UTF-16 path that outlives the call.
        unsafe { LoadLibraryW(wide.as_ptr()) }
    }
    pub fn symbol(library: *mut c_void, name: *const c_char) -> *mut c_void {
        // SAFETY: a loaded module and a NUL-terminated name.
        unsafe { GetProcAddress(library, name) }
    }
}

#[cfg(unix)]
mod loader {
    use std::ffi::{c_char, c_int, c_void};
    const RTLD_NOW: c_int = 2;
    unsafe extern "C" {
        fn dlopen(path: *const c_char, flags: c_int) -> *mut c_void;
        fn dlsym(library: *mut c_void, name: *const c_char) -> *mut c_void;
    }
    pub fn open(path: &std::path::Path) -> *mut c_void {
        use std::os::unix::ffi::OsStrExt;
        let path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: a NUL-terminated path that outlives the call.
        unsafe { dlopen(path.as_ptr(), RTLD_NOW) }
    }
    pub fn symbol(library: *mut c_void, name: *const c_char) -> *mut c_void {
        // SAFETY: a handle from dlopen and a NUL-terminated name.
        unsafe { dlsym(library, name) }
    }
}

#[test]
fn the_library_loads_by_absolute_path_under_its_platform_file_name_and_exports_the_inventory() {
    // Cargo builds the cdylib next to this test's executable (target/<triple>/debug/deps/).
    let folder: PathBuf = std::env::current_exe().unwrap().parent().unwrap().to_path_buf();
    let path = folder.join(file_name_for_this_platform());
    assert!(path.is_absolute() && path.is_file(), "cargo built no {}", path.display());
    let library = loader::open(&path);
    assert!(!library.is_null(), "{} did not load", path.display());

    let inventory = secretsmanager_native_ffi::ffi_inventory();
    assert!(inventory.functions.len() > 10, "the inventory was read");
    for function in inventory.functions.values() {
        let name = CString::new(function.name.as_str()).unwrap();
        assert!(!loader::symbol(library, name.as_ptr()).is_null(), "{} is not exported", function.name);
    }

    let guard = loader::symbol(library, c"__api_guard".as_ptr().cast::<c_char>());
    // SAFETY: `__api_guard` is `extern "C" fn() -> Version`, and Version is a transparent u64.
    let guard: extern "C" fn() -> u64 = unsafe { std::mem::transmute::<*mut c_void, extern "C" fn() -> u64>(guard) };
    assert_eq!(guard(), secretsmanager_native_ffi::API_HASH);
}
