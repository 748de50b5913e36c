//! A profile file's text with one profile removed (Remove-AWSCredentialProfile), or a credentials file's
//! text with one profile's keys replaced (Set-AWSCredential -StoreAs), everything else kept: other profiles,
//! comments, blank lines, line endings, and the profile's own other settings (`region`, ...) where they
//! were. Like AWS Tools (which replaces a profile's credential options and keeps its region and other
//! settings), every setting that decides what credentials the profile gives is replaced, so that the
//! profile then gives exactly the stored keys (a left-over `role_arn` or `aws_session_token` would not).

use crate::credentials::static_profile::OTHER_KINDS;
use crate::credentials::target::ExplicitKeys;
use crate::profiles::profile_sections::{header, is_continuation, profile_name, property_name};
use zeroize::Zeroizing;

// `ProfileFileKind` sits in aws-config's deprecated-named `profile_file` module.
#[allow(deprecated)]
use aws_config::profile::profile_file::ProfileFileKind;

const KEY_SETTINGS: [&str; 3] = ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"];

/// `text` with profile `profile`'s credential settings replaced by `keys`: in the profile's first
/// section, where its first credential setting was (else right after the header), removed from any
/// later section of the same name; a profile that is not there yet is added at the end.
pub(crate) fn with_keys(text: &str, profile: &str, keys: &ExplicitKeys) -> Zeroizing<String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let key_lines = key_lines(keys, newline);
    // Reserved once: a reallocation would leave a copy of the file's secrets behind.
    let mut edited = Zeroizing::new(String::with_capacity(text.len() + key_lines.len() + profile.len() + 8));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (mut in_profile, mut written, mut dropping) = (false, false, false);
    for (index, line) in lines.iter().enumerate() {
        if let Some(name) = header(line) {
            in_profile = name == profile;
            dropping = false;
            push_line(&mut edited, line, newline);
            if in_profile && !written && !sets_credentials(&lines[index + 1..]) {
                edited.push_str(&key_lines);
                written = true;
            }
            continue;
        }
        if in_profile {
            if dropping && is_continuation(line) {
                continue;
            }
            dropping = property_name(line).is_some_and(decides_credentials);
            if dropping {
                if !written {
                    edited.push_str(&key_lines);
                    written = true;
                }
                continue;
            }
        }
        edited.push_str(line);
    }
    if !written {
        if !edited.is_empty() && !edited.ends_with('\n') {
            edited.push_str(newline);
        }
        for part in ["[", profile, "]", newline] {
            edited.push_str(part);
        }
        edited.push_str(&key_lines);
    }
    edited
}

/// `text` without the sections of profile `profile` (each from its header to the next header), as
/// aws-config reads a file of `kind`; `None` when there is none.
#[allow(deprecated)]
pub(crate) fn without(text: &str, profile: &str, kind: ProfileFileKind) -> Option<Zeroizing<String>> {
    let mut kept = Zeroizing::new(String::with_capacity(text.len()));
    let (mut in_profile, mut removed) = (false, false);
    for line in text.split_inclusive('\n') {
        if let Some(name) = header(line) {
            in_profile = profile_name(name, kind) == Some(profile);
            removed |= in_profile;
        }
        if !in_profile {
            kept.push_str(line);
        }
    }
    removed.then_some(kept)
}

/// Whether the section whose lines start at `lines[0]` sets any credential setting.
fn sets_credentials(lines: &[&str]) -> bool {
    lines
        .iter()
        .take_while(|line| header(line).is_none())
        .any(|line| property_name(line).is_some_and(decides_credentials))
}

fn decides_credentials(name: &str) -> bool {
    KEY_SETTINGS.iter().chain(OTHER_KINDS).any(|setting| setting.eq_ignore_ascii_case(name))
}

/// A header line, given a line end when it is the file's last line without one.
fn push_line(edited: &mut String, line: &str, newline: &str) {
    edited.push_str(line);
    if !line.ends_with('\n') {
        edited.push_str(newline);
    }
}

/// The key settings as lines (`name = value`), in memory that is wiped when dropped.
fn key_lines(keys: &ExplicitKeys, newline: &str) -> Zeroizing<String> {
    let values = [
        Some(keys.access_key.as_str()),
        Some(keys.secret_key.as_str()),
        keys.session_token.as_deref().map(String::as_str),
    ];
    let length: usize = KEY_SETTINGS
        .iter()
        .zip(&values)
        .map(|(name, value)| value.map_or(0, |v| name.len() + v.len() + 3 + newline.len()))
        .sum();
    let mut lines = Zeroizing::new(String::with_capacity(length));
    for (name, value) in KEY_SETTINGS.iter().zip(values) {
        if let Some(value) = value {
            for part in [name, " = ", value, newline] {
                lines.push_str(part);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(access_key: &str, token: Option<&str>) -> ExplicitKeys {
        ExplicitKeys {
            access_key: access_key.into(),
            secret_key: Zeroizing::new("NEWSECRET".into()),
            session_token: token.map(|t| Zeroizing::new(t.to_string())),
        }
    }

    #[test]
    fn a_new_profile_is_added_at_the_end_and_the_rest_is_kept_byte_for_byte() {
        let text = "# my profiles\n[a]\naws_access_key_id = A\n\n[b]  ; team\nregion=eu-west-1";
        let edited = with_keys(text, "new", &keys("NEW", None));
        assert_eq!(*edited, format!("{text}\n[new]\naws_access_key_id = NEW\naws_secret_access_key = NEWSECRET\n"));
        assert_eq!(
            *with_keys("", "p", &keys("K", Some("T"))),
            "[p]\naws_access_key_id = K\naws_secret_access_key = NEWSECRET\naws_session_token = T\n"
        );
    }

    #[test]
    fn an_existing_profile_is_replaced_in_place_keeping_its_comments_and_other_settings() {
        let text = "[a]\r\nx = 1\r\n[p]\r\n# work account\r\nregion = eu-west-1\r\nAWS_Access_Key_Id = OLD\r\naws_secret_access_key = OLDSECRET\r\naws_session_token = OLDTOKEN\r\noutput = json\r\n\r\n[b]\r\ny = 2\r\n";
        let edited = with_keys(text, "p", &keys("NEW", None));
        assert_eq!(
            *edited,
            "[a]\r\nx = 1\r\n[p]\r\n# work account\r\nregion = eu-west-1\r\naws_access_key_id = NEW\r\naws_secret_access_key = NEWSECRET\r\noutput = json\r\n\r\n[b]\r\ny = 2\r\n"
        );
    }

    #[test]
    fn settings_that_make_the_profile_another_kind_go_and_later_sections_of_the_same_name_lose_theirs() {
        let text = "[p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\nregion = us-east-1\n[q]\nrole_arn = keep\n[p]\naws_session_token = OLD\n  nested = 1\ncredential_process = x\nmore = kept\n";
        let edited = with_keys(text, "p", &keys("NEW", None));
        assert_eq!(
            *edited,
            "[p]\naws_access_key_id = NEW\naws_secret_access_key = NEWSECRET\nregion = us-east-1\n[q]\nrole_arn = keep\n[p]\nmore = kept\n"
        );
    }

    #[test]
    fn a_section_without_credentials_gets_them_after_its_header_even_at_the_end_of_the_file() {
        let edited = with_keys("[p]\nregion = x\n[other]\n", "p", &keys("NEW", None));
        assert_eq!(*edited, "[p]\naws_access_key_id = NEW\naws_secret_access_key = NEWSECRET\nregion = x\n[other]\n");
        let edited = with_keys("[a]\n[p]", "p", &keys("NEW", None));
        assert_eq!(*edited, "[a]\n[p]\naws_access_key_id = NEW\naws_secret_access_key = NEWSECRET\n");
    }

    #[test]
    #[allow(deprecated)]
    fn a_removed_profile_takes_every_section_of_its_name_and_nothing_else() {
        let credentials = "# top\n[a]\nx = 1\n[p]\naws_access_key_id = A\n# p's comment\n\n[b]\n[p]\ny = 2\n";
        assert_eq!(*without(credentials, "p", ProfileFileKind::Credentials).unwrap(), "# top\n[a]\nx = 1\n[b]\n");
        assert!(without(credentials, "pp", ProfileFileKind::Credentials).is_none());
        let config = "[default]\nregion = a\n[profile default]\nregion = b\n[sso-session default]\nsso_region = c\n[profile  x y ]\n";
        assert_eq!(
            *without(config, "default", ProfileFileKind::Config).unwrap(),
            "[sso-session default]\nsso_region = c\n[profile  x y ]\n"
        );
        assert_eq!(
            *without(config, "x y", ProfileFileKind::Config).unwrap(),
            "[default]\nregion = a\n[profile default]\nregion = b\n[sso-session default]\nsso_region = c\n"
        );
    }

    #[test]
    fn names_are_matched_exactly_not_as_prefixes_or_in_comments() {
        let text = "[AWS PS Defaults]\naws_access_key_id = OTHER\n#[AWS PS Default]\n";
        let edited = with_keys(text, "AWS PS Default", &keys("NEW", None));
        assert!(edited.starts_with(text), "{}", *edited);
        assert!(edited.ends_with("[AWS PS Default]\naws_access_key_id = NEW\naws_secret_access_key = NEWSECRET\n"));
    }
}
