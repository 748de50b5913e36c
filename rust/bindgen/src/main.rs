//! Writes `Interop.g.cs`, the C# P/Invoke bindings, from the FFI crate's inventory, and `exports.txt`,
//! the symbols every built library must export (one a line, sorted), which the packaging tests compare
//! with each library's export table.
//!
//! Usage: `secretsmanager-native-bindgen <output folder>` (build.ps1 runs it on every build).
//! The files are generated, never edited and never committed.

use interoptopus_csharp::RustLibrary;
use interoptopus_csharp::config::HeaderConfig;
use interoptopus_csharp::dispatch::Dispatch;
use std::path::PathBuf;
use std::process::ExitCode;

/// The native library's base name; .NET adds `lib` and `.so`/`.dylib`/`.dll` per platform.
const NATIVE_LIBRARY: &str = "secretsmanager_native";
const NAMESPACE: &str = "SecretsManager.Native.Interop";
const FILE_NAME: &str = "Interop.g.cs";
const EXPORTS_FILE_NAME: &str = "exports.txt";

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: secretsmanager-native-bindgen <output folder>");
        return ExitCode::from(2);
    };
    match generate(&folder) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generating the C# bindings into {} failed: {e}", folder.display());
            ExitCode::FAILURE
        }
    }
}

fn generate(folder: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let hash = secretsmanager_native_ffi::inventory_hash();
    if hash != secretsmanager_native_ffi::API_HASH {
        return Err(format!("the exports changed: set API_HASH in rust/ffi/src/api_guard.rs to {hash:#x}").into());
    }
    std::fs::create_dir_all(folder)?;
    let inventory = secretsmanager_native_ffi::ffi_inventory();
    let mut exports: Vec<&str> = inventory.functions.values().map(|function| function.name.as_str()).collect();
    exports.sort_unstable();
    std::fs::write(folder.join(EXPORTS_FILE_NAME), exports.iter().map(|name| format!("{name}\n")).collect::<String>())?;
    RustLibrary::builder(inventory)
        .dll_name(NATIVE_LIBRARY)
        .dispatch(Dispatch::custom(|_, _| interoptopus_csharp::output::Target::new(FILE_NAME, NAMESPACE)))
        .headers(HeaderConfig { emit_version: false })
        .build()
        .process()?
        .write_buffers_to(folder)?;
    Ok(())
}
