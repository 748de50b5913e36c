//! Link flags for the shipped library only (the other crates and the tests link as usual).
//!
//! `--icf=all` folds functions whose machine code is identical (generic code instantiated for types
//! of the same layout), 44 KB off the release library. Only where the linker is rustc's default for
//! x86_64 Linux, LLD: GNU ld would reject the flag, and so does zig's linker driver, which
//! `cargo zigbuild` (the glibc-floor build in build.ps1) names as the linker (`RUSTC_LINKER`).

fn main() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let linux_x64 = var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_ENV") == "gnu";
    let default_linker = var("RUSTC_LINKER").is_empty();
    if linux_x64 && default_linker && var("PROFILE") == "release" {
        println!("cargo:rustc-link-arg-cdylib=-Wl,--icf=all");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
