//! The AWS services a credential or region source asks, stood in on one loopback server (see
//! `loopback.rs`), each on its own paths as the real one has them:
//!
//! - STS (`POST /`, Query protocol): `AssumeRole` and `AssumeRoleWithWebIdentity` hand out the access key
//!   `ASIA` + the role's name in capitals (`role/deploy` → `ASIADEPLOY`), so a test can follow a chain;
//! - the container credentials endpoint (`GET /container-credentials`): `CONTAINER_KEY`;
//! - EC2 instance metadata, IMDSv2 (`PUT /latest/api/token`, then role, credentials and region):
//!   `METADATA_KEY` and `METADATA_REGION`;
//! - Secrets Manager (`POST /` with `X-Amz-Target`): a fixed `PutSecretValue` answer, so that the key a
//!   connection really signs with can be read from the request.
#![allow(dead_code)] // Included by several test crates (`mod support`), each using a part.

use super::loopback::{Loopback, Reply, Request};

pub(crate) const CONTAINER_KEY: &str = "AKIDCONTAINER";
pub(crate) const METADATA_KEY: &str = "AKIDMETADATA";
pub(crate) const METADATA_REGION: &str = "ap-northeast-3";

const METADATA_TOKEN: &str = "stand-in-metadata-token";
const METADATA_ROLE: &str = "stand-in-role";
const EXPIRATION: &str = "2099-01-01T00:00:00Z";
const PUT_SECRET_VALUE_ANSWER: &str = r#"{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:stand-in-AbCdEf","Name":"stand-in","VersionId":"v1","VersionStages":["AWSCURRENT"]}"#;

/// Starts the stand-ins on a fresh port.
pub(crate) fn start() -> Loopback {
    Loopback::start(answer)
}

/// The access key STS hands out for `role_arn`.
pub(crate) fn role_key(role_arn: &str) -> String {
    let name = role_arn.rsplit('/').next().unwrap_or(role_arn);
    format!("ASIA{}", name.to_uppercase().replace('-', ""))
}

/// The STS actions received, with the role each asked for and the key that signed it, in order.
pub(crate) fn sts_calls(requests: &[Request]) -> Vec<(String, String, String)> {
    requests
        .iter()
        .filter_map(|r| {
            let action = r.form("Action")?;
            Some((action, r.form("RoleArn").unwrap_or_default(), r.signed_by().unwrap_or_default().to_string()))
        })
        .collect()
}

fn answer(request: &Request) -> Reply {
    match (request.method.as_str(), request.path.as_str()) {
        ("PUT", "/latest/api/token") => {
            let ttl = request.header("x-aws-ec2-metadata-token-ttl-seconds").unwrap_or("21600");
            Reply::ok("text/plain", METADATA_TOKEN).with_header("x-aws-ec2-metadata-token-ttl-seconds", ttl)
        }
        ("GET", path) if path.starts_with("/latest/") => metadata(request, path),
        ("GET", "/container-credentials") => Reply::ok("application/json", credentials_document(CONTAINER_KEY)),
        ("POST", "/") if request.header("x-amz-target").is_some() => {
            Reply::ok("application/x-amz-json-1.1", PUT_SECRET_VALUE_ANSWER).with_header("x-amzn-RequestId", "r1")
        }
        ("POST", "/") => sts(request),
        _ => Reply::not_found(),
    }
}

fn metadata(request: &Request, path: &str) -> Reply {
    if request.header("x-aws-ec2-metadata-token") != Some(METADATA_TOKEN) {
        return Reply::not_found();
    }
    const ROLES: &str = "/latest/meta-data/iam/security-credentials/";
    match path.strip_prefix(ROLES) {
        Some("") => Reply::ok("text/plain", METADATA_ROLE),
        Some(METADATA_ROLE) => Reply::ok("text/plain", credentials_document(METADATA_KEY)),
        _ if path == "/latest/meta-data/placement/region" => Reply::ok("text/plain", METADATA_REGION),
        _ => Reply::not_found(),
    }
}

/// The JSON the container endpoint and instance metadata answer with.
fn credentials_document(access_key: &str) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{access_key}","SecretAccessKey":"stand-in-secret","Token":"stand-in-token","Expiration":"{EXPIRATION}","LastUpdated":"2024-01-01T00:00:00Z"}}"#
    )
}

fn sts(request: &Request) -> Reply {
    let (Some(action), Some(role_arn)) = (request.form("Action"), request.form("RoleArn")) else {
        return Reply::not_found();
    };
    let key = role_key(&role_arn);
    let body = format!(
        r#"<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><{action}Result><Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>stand-in-secret</SecretAccessKey><SessionToken>stand-in-token</SessionToken><Expiration>{EXPIRATION}</Expiration></Credentials><AssumedRoleUser><Arn>{role_arn}/session</Arn><AssumedRoleId>AROA:session</AssumedRoleId></AssumedRoleUser></{action}Result><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></{action}Response>"#
    );
    Reply::ok("text/xml", body)
}
