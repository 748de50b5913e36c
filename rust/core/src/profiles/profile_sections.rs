//! The lines of a profile file as aws-config reads them: section headers and property names. Shared by
//! the code that renames, lists and writes sections, so that all three see the same sections.
// `ProfileFileKind` sits in aws-config's deprecated-named `profile_file` module.
#![allow(deprecated)]

use aws_config::profile::profile_file::ProfileFileKind;

/// The text between `[` and `]` of a section header line (`[default] # comment` too), trimmed. As for
/// aws-config, a header starts at the line's first character (an indented line continues a property).
pub(crate) fn header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let end = rest.find(']')?;
    Some(rest[..end].trim())
}

/// The profile a header names: in a credentials file every section is a profile; in a config file
/// `[profile x]` is profile x, `[default]` is `default`, and anything else (`[sso-session x]`,
/// `[services x]`, a bare `[x]` that aws-config ignores) is not a profile.
pub(crate) fn profile_name(header: &str, kind: ProfileFileKind) -> Option<&str> {
    match kind {
        ProfileFileKind::Config if header == "default" => Some(header),
        ProfileFileKind::Config => {
            header.strip_prefix("profile").filter(|rest| rest.starts_with([' ', '\t'])).map(str::trim)
        }
        _ => Some(header),
    }
    .filter(|name| !name.is_empty())
}

/// The name of the property a line sets (`aws_access_key_id = ...`), if it sets one at the top level.
/// aws-config lower-cases property names: compare with `eq_ignore_ascii_case`.
pub(crate) fn property_name(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t']) {
        return None;
    }
    let line = line.trim();
    if line.starts_with(['#', ';', '[']) {
        return None;
    }
    let (name, _) = line.split_once('=')?;
    Some(name.trim()).filter(|name| !name.is_empty())
}

/// A line that continues the property above it: indented and not blank (aws-config's sub-properties).
pub(crate) fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_with_spacing_and_trailing_comments() {
        assert_eq!(header("[default]\n"), Some("default"));
        assert_eq!(header("[ profile  a b ]  # note\r\n"), Some("profile  a b"));
        assert_eq!(header("  [indented]"), None);
        assert_eq!(header("key = [x]"), None);
        assert_eq!(header("[unclosed"), None);
    }

    #[test]
    fn only_profile_sections_name_profiles_in_a_config_file() {
        let config = ProfileFileKind::Config;
        assert_eq!(profile_name("default", config), Some("default"));
        assert_eq!(profile_name("profile  a b", config), Some("a b"));
        assert_eq!(profile_name("sso-session corp", config), None);
        assert_eq!(profile_name("services local", config), None);
        assert_eq!(profile_name("bare", config), None);
        assert_eq!(profile_name("profiled", config), None);
        assert_eq!(profile_name("profile ", config), None);
        assert_eq!(profile_name("sso-session corp", ProfileFileKind::Credentials), Some("sso-session corp"));
    }

    #[test]
    fn property_names_skip_comments_headers_and_continuations() {
        assert_eq!(property_name("aws_access_key_id = A\n"), Some("aws_access_key_id"));
        assert_eq!(property_name("region=eu-west-1"), Some("region"));
        assert_eq!(property_name("# aws_access_key_id = A"), None);
        assert_eq!(property_name("; x = 1"), None);
        assert_eq!(property_name("  max_attempts = 3"), None);
        assert!(is_continuation("  max_attempts = 3\n"));
        assert!(!is_continuation("   \n"));
    }
}
