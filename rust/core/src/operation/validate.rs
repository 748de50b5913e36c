//! Client-side checks of inputs, so that malformed values fail with a message naming the parameter
//! before anything is sent.

use crate::error::CallError;

/// Longest region name accepted; real ones are about 15 characters.
const MAX_REGION_LEN: usize = 64;

/// A region system name: lower-case ASCII letters, digits and hyphens, starting with a letter.
pub fn region(name: &str) -> Result<(), CallError> {
    let valid = !name.is_empty()
        && name.len() <= MAX_REGION_LEN
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(CallError::invalid_input(
            "Region",
            format!("'{name}' is not a valid AWS region name. A region name looks like 'us-east-1'."),
        ))
    }
}

/// An absolute `http://` or `https://` URL with a host (`-EndpointUrl`).
pub fn endpoint_url(url: &str) -> Result<(), CallError> {
    endpoint_url_from(url, "EndpointUrl", "")
}

/// [`endpoint_url`] for a URL found elsewhere: the error names `parameter` (the one that would override it)
/// and says where the URL was found (`source`, e.g. `environment variable AWS_ENDPOINT_URL`; empty for
/// the parameter itself).
pub fn endpoint_url_from(url: &str, parameter: &str, source: &str) -> Result<(), CallError> {
    let rest = strip_prefix_ignore_case(url, "https://").or_else(|| strip_prefix_ignore_case(url, "http://"));
    let host_and_port = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    let valid = match host_and_port {
        Some(authority) => {
            let host = authority.rsplit('@').next().unwrap_or_default();
            !host.is_empty() && !host.starts_with(':') && !url.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        let found_in = if source.is_empty() { String::new() } else { format!(" ({source})") };
        Err(CallError::invalid_input(
            parameter,
            format!(
                "'{}'{found_in} is not a valid endpoint URL. Use an absolute http:// or https:// URL, such as 'https://secretsmanager.us-east-1.amazonaws.com'.",
                redact_userinfo(url)
            ),
        ))
    }
}

/// The URL with any `user:password@` part replaced, for use in messages.
pub fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else { return url.to_string() };
    let authority_end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    match url[scheme_end..authority_end].rfind('@') {
        Some(at) => format!("{}***@{}", &url[..scheme_end], &url[scheme_end + at + 1..]),
        None => url.to_string(),
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names() {
        for good in ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "local"] {
            assert!(region(good).is_ok(), "{good}");
        }
        for bad in ["", "US-EAST-1", "us east 1", "us-east-1 ", "1us", "us-east-", "us_east_1", "é"] {
            let err = region(bad).unwrap_err();
            assert_eq!(err.parameter, "Region", "{bad}");
        }
    }

    #[test]
    fn endpoint_urls() {
        for good in ["http://127.0.0.1:5000", "https://secretsmanager.us-east-1.amazonaws.com/", "HTTP://localhost"] {
            assert!(endpoint_url(good).is_ok(), "{good}");
        }
        for bad in ["", "127.0.0.1:5000", "ftp://host", "http://", "http:///path", "http://:80", "http://a b"] {
            let err = endpoint_url(bad).unwrap_err();
            assert_eq!(err.parameter, "EndpointUrl", "{bad}");
        }
    }

    #[test]
    fn userinfo_never_reaches_a_message() {
        assert_eq!(redact_userinfo("http://user:pw@host:1/x"), "http://***@host:1/x");
        assert_eq!(redact_userinfo("http://host/a@b"), "http://host/a@b");
        let err = endpoint_url("http://user:pw@").unwrap_err();
        assert!(!err.message.contains("pw"));
    }

    #[test]
    fn an_endpoint_url_found_elsewhere_is_named_with_its_source() {
        let err = endpoint_url_from("localhost:4566", "ClientConfig", "ServiceURL of ClientConfig").unwrap_err();
        assert_eq!(err.parameter, "ClientConfig");
        assert!(err.message.starts_with("'localhost:4566' (ServiceURL of ClientConfig) is not a valid endpoint URL."));
    }
}
