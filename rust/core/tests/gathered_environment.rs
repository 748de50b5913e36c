//! The module gathers only the environment variables it lists (pwsh's `$env:` is invisible to `getenv`,
//! and looking names up one by one is much cheaper than enumerating the environment on every call).
//! A variable the core reads but the module does not list would silently never arrive: this test reads
//! every `"AWS_..."`, `"..._PROXY"`, `"HOME"` and `"USERPROFILE"` literal in the core's sources (all folders)
//! and checks that the module's list has it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MODULE_LIST: &str = "../../pwsh/src/Cmdlets/Common/ShellCredentials.cs";

fn quoted_names(text: &str) -> BTreeSet<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            let variable = s.starts_with("AWS_")
                || s.to_ascii_uppercase().ends_with("_PROXY")
                || *s == "HOME"
                || *s == "USERPROFILE";
            variable && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(str::to_string)
        .collect()
}

fn rust_sources(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn every_variable_the_core_reads_is_gathered_by_the_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let module = std::fs::read_to_string(root.join(MODULE_LIST)).expect("the module's list of variables");
    let list_start = module.find("GatheredVariables =").expect("ShellCredentials.GatheredVariables");
    let list = &module[list_start..module[list_start..].find("};").map(|end| list_start + end).unwrap()];
    let gathered = quoted_names(list);
    assert!(gathered.contains("AWS_PROFILE") && gathered.contains("no_proxy"), "the list was found and read");

    let mut sources = Vec::new();
    rust_sources(&root.join("src"), &mut sources);
    let mut read_by_core = BTreeSet::new();
    for path in &sources {
        read_by_core.extend(quoted_names(&std::fs::read_to_string(path).unwrap()));
    }
    for expected in ["AWS_ACCESS_KEY_ID", "HOME", "USERPROFILE"] {
        assert!(read_by_core.contains(expected), "the core's sources were read: {expected} is among them");
    }
    let missing: Vec<_> = read_by_core.difference(&gathered).collect();
    assert!(missing.is_empty(), "add these to ShellCredentials.GatheredVariables: {missing:?}");
}
