//! `credential_process` profiles: the command runs as aws-config runs it (`sh -c` on Unix, `cmd.exe /C`
//! on Windows, stdin closed, stdout parsed as the documented JSON), but it can be stopped. aws-config's
//! own provider awaits tokio's `Command::output()` without `kill_on_drop`, so a lookup that times out or
//! is cancelled leaves its process running (for an hour, with `credential_process = sleep 3600`).
//!
//! Here the process is killed when the lookup is dropped before it finished, with whatever it started
//! (`process_tree.rs`: a process group on Unix, a job object on Windows).

use super::process_tree;
use aws_credential_types::Credentials;
use aws_credential_types::credential_feature::AwsCredentialFeature;
use aws_credential_types::provider::error::CredentialsError;
use std::process::Stdio;
use std::time::SystemTime;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Runs `command` and reads the credentials it prints. `account_id` is the profile's `aws_account_id`,
/// used when the output names none.
pub(crate) async fn credentials(command: &str, account_id: Option<&str>) -> Result<Credentials, CredentialsError> {
    let mut shell = shell(command);
    shell.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let (child, mut tree) = process_tree::spawn(shell)
        .map_err(|e| provider_error(format!("Error retrieving credentials from external process: {e}")))?;
    let output = child
        .wait_with_output()
        .await
        .map_err(|e| provider_error(format!("Error retrieving credentials from external process: {e}")))?;
    tree.finished();

    if !output.status.success() {
        let reason = std::str::from_utf8(&output.stderr).unwrap_or("could not decode stderr as UTF-8");
        return Err(provider_error(format!(
            "Error retrieving credentials: external process exited with code {}. Stderr: {reason}",
            output.status
        )));
    }
    let text = std::str::from_utf8(&output.stdout).map_err(|e| {
        provider_error(format!(
            "Error retrieving credentials from external process: could not decode output as UTF-8: {e}"
        ))
    })?;
    parse(text, account_id).map_err(|invalid| {
        provider_error(format!(
            "Error retrieving credentials from external process, could not parse response: {invalid}"
        ))
    })
}

fn provider_error(message: String) -> CredentialsError {
    CredentialsError::provider_error(message)
}

/// The shell that runs `command`, as aws-config runs it.
fn shell(command: &str) -> tokio::process::Command {
    #[cfg(not(windows))]
    let shell = {
        let mut shell = tokio::process::Command::new("sh");
        shell.args(["-c", command]);
        shell
    };
    #[cfg(windows)]
    let shell = {
        // The whole command quoted once more, as `cmd.exe /C` expects, and passed unescaped.
        let mut shell = tokio::process::Command::new("cmd.exe");
        shell.arg("/C");
        shell.raw_arg(format!("\"{command}\""));
        shell
    };
    shell
}

/// The credential process's JSON output, as aws-config reads it: keys in any case, `Version` 1,
/// `AccessKeyId` and `SecretAccessKey` required, `SessionToken`, `Expiration` (RFC 3339) and `AccountId`
/// optional; any other key ignored.
fn parse(text: &str, profile_account_id: Option<&str>) -> Result<Credentials, String> {
    let document: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    // The last occurrence of a key wins, whatever its case, as in aws-config's token loop.
    let field = |name: &str| document.iter().rev().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let text_field = |name: &'static str| -> Result<Option<&str>, String> {
        match field(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(value)) => Ok(Some(value.as_str())),
            Some(_) => Err(format!("field `{name}` is not a string")),
        }
    };
    match field("Version") {
        None => return Err("missing field `Version`".into()),
        Some(version) if version.as_i64() == Some(1) => {}
        Some(version) => return Err(format!("invalid field `version`: unknown version number: {version}")),
    }
    let access_key = text_field("AccessKeyId")?.ok_or("missing field `AccessKeyId`")?;
    let secret_key = text_field("SecretAccessKey")?.ok_or("missing field `SecretAccessKey`")?;
    let expiry = text_field("Expiration")?.map(expiration).transpose()?;
    let account_id = text_field("AccountId")?.or(profile_account_id);

    let mut builder = Credentials::builder()
        .access_key_id(access_key)
        .secret_access_key(secret_key)
        .provider_name("CredentialProcess");
    builder.set_session_token(text_field("SessionToken")?.map(str::to_string));
    builder.set_expiry(expiry);
    builder.set_account_id(account_id.map(Into::into));
    let mut credentials = builder.build();
    credentials
        .get_property_mut_or_default::<Vec<AwsCredentialFeature>>()
        .push(AwsCredentialFeature::CredentialsProcess);
    Ok(credentials)
}

fn expiration(text: &str) -> Result<SystemTime, String> {
    OffsetDateTime::parse(text, &Rfc3339).map(SystemTime::from).map_err(|e| format!("invalid field `Expiration`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[cfg(any(unix, windows))]
    fn block<T>(future: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    #[test]
    fn the_documented_output_is_read_with_keys_in_any_case() {
        let text = r#"{"version": 1, "ACCESSKEYID": "AKIDPROC", "SecretAccessKey": "s", "SessionToken": "t",
            "Expiration": "2030-01-02T03:04:05+00:00", "AccountId": "111122223333", "Other": [1]}"#;
        let credentials = parse(text, Some("999999999999")).unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDPROC");
        assert_eq!(credentials.secret_access_key(), "s");
        assert_eq!(credentials.session_token(), Some("t"));
        assert_eq!(credentials.expiry(), Some(UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
        assert_eq!(credentials.account_id().map(|id| id.as_str()), Some("111122223333"));
        let without_account = parse(r#"{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s"}"#, Some("9")).unwrap();
        assert_eq!(without_account.account_id().map(|id| id.as_str()), Some("9"), "the profile's is the fallback");
        assert_eq!(without_account.expiry(), None);
        assert_eq!(
            parse(r#"{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"2030-01-02T03:04:05Z"}"#, None)
                .unwrap()
                .expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(1_893_553_445))
        );
    }

    #[test]
    fn bad_output_is_refused_with_the_reason() {
        for (text, reason) in [
            (r#"{"AccessKeyId":"a","SecretAccessKey":"s"}"#, "missing field `Version`"),
            (r#"{"Version":2,"AccessKeyId":"a","SecretAccessKey":"s"}"#, "unknown version number: 2"),
            (r#"{"Version":1,"SecretAccessKey":"s"}"#, "missing field `AccessKeyId`"),
            (r#"{"Version":1,"AccessKeyId":"a"}"#, "missing field `SecretAccessKey`"),
            (r#"{"Version":1,"AccessKeyId":"a","SecretAccessKey":"s","Expiration":"soon"}"#, "`Expiration`"),
            ("not json", "invalid JSON"),
        ] {
            let error = parse(text, None).unwrap_err();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_process_reports_its_exit_code_and_stderr() {
        let error = block(credentials("echo nope >&2; exit 3", None)).unwrap_err();
        let text = aws_smithy_types::error::display::DisplayErrorContext(&error).to_string();
        assert!(text.contains("exited with code") && text.contains("nope"), "{text}");
    }

    /// Whether `pid` is still running (a zombie, killed but not yet reaped by its parent, is not).
    #[cfg(unix)]
    fn running(pid: &str) -> bool {
        let state = std::process::Command::new("ps").args(["-o", "stat=", "-p", pid]).output().unwrap();
        let state = String::from_utf8_lossy(&state.stdout);
        !state.trim().is_empty() && !state.trim_start().starts_with('Z')
    }

    #[cfg(unix)]
    #[test]
    fn a_lookup_dropped_before_the_process_finished_kills_it_and_what_it_started() {
        let dir = std::env::temp_dir().join(format!("sm-process-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pids = dir.join("pids");
        // The shell and a background child of it both outlive the lookup unless the group is killed.
        let command = format!("sleep 30 & echo $$ $! > '{}'; wait", pids.display());
        let timed_out = block(async {
            tokio::time::timeout(Duration::from_millis(500), credentials(&command, None)).await.is_err()
        });
        assert!(timed_out);
        let text = std::fs::read_to_string(&pids).unwrap();
        let pids: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(pids.len(), 2, "{text}");
        // SIGKILL is delivered at once, but give a loaded machine a moment to act on it.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while pids.iter().any(|pid| running(pid)) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        for pid in &pids {
            assert!(!running(pid), "process {pid} still runs");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Stands for the program a credential process runs: started by the test below through `cmd.exe`, it
    /// writes its process id to the file that test names, then waits to be killed. Ignored, so that it runs
    /// only when asked for by name.
    #[cfg(windows)]
    #[test]
    #[ignore = "run by a_lookup_dropped_before_the_process_finished_kills_the_program_cmd_started"]
    fn credential_program_stand_in() {
        if let Some(file) = std::env::var_os("SM_TEST_PROGRAM_PID_FILE") {
            std::fs::write(file, std::process::id().to_string()).unwrap();
            std::thread::sleep(Duration::from_secs(30));
        }
    }

    #[cfg(windows)]
    #[test]
    fn a_lookup_dropped_before_the_process_finished_kills_the_program_cmd_started() {
        use std::os::windows::io::{AsRawHandle, FromRawHandle, OwnedHandle};
        use windows_sys::Win32::Foundation::WAIT_OBJECT_0;
        use windows_sys::Win32::System::Threading::{OpenProcess, PROCESS_SYNCHRONIZE, WaitForSingleObject};

        // A new folder: Wine reuses process ids, so a name made of ours alone may hold an old run's file.
        let nanos = std::time::SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("sm-process-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pid_file = dir.join("pid");
        // cmd.exe starts this test binary again, running only the stand-in above, and waits for it.
        let command = format!(
            "set \"SM_TEST_PROGRAM_PID_FILE={}\" && \"{}\" credentials::credential_process::tests::credential_program_stand_in --exact --ignored",
            pid_file.display(),
            std::env::current_exe().unwrap().display()
        );
        // The lookup is dropped as soon as the program runs (Wine starts processes slowly: no fixed delay).
        // Checked before the runtime ends: ending it waits for the blocking reads of the command's output,
        // which a surviving program keeps open.
        block(async {
            let program_started = async {
                while !pid_file.exists() {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            };
            tokio::select! {
                result = credentials(&command, None) => panic!("the lookup ended: {:?}", result.map(|_| ())),
                started = tokio::time::timeout(Duration::from_secs(60), program_started) => {
                    assert!(started.is_ok(), "the program never started");
                }
            }
            // Written before it sleeps; read it again if caught half-written.
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            let pid: u32 = loop {
                if let Ok(pid) = std::fs::read_to_string(&pid_file).unwrap().trim().parse() {
                    break pid;
                }
                assert!(std::time::Instant::now() < deadline, "the program's id was never written whole");
                std::thread::sleep(Duration::from_millis(20));
            };
            // SAFETY: opens a process by id for waiting; null means no such process (it wrote its id and then
            // sleeps, so it was killed); a handle is ours to close.
            let process = unsafe { OpenProcess(PROCESS_SYNCHRONIZE, 0, pid) };
            if !process.is_null() {
                // SAFETY: a handle just returned to us, owned by nothing else.
                let process = unsafe { OwnedHandle::from_raw_handle(process) };
                // SAFETY: a valid process handle opened with SYNCHRONIZE.
                let ended = unsafe { WaitForSingleObject(process.as_raw_handle(), 10_000) };
                assert_eq!(ended, WAIT_OBJECT_0, "process {pid}, started by cmd.exe, still runs");
            }
        });
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
