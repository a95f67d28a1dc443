//! One way to run the real `vmcp`: `vmcp(&home).args([...]).stdin(..).run()`, as just's `Test`
//! or uv's snapshot macro. The command runs in a home of its own (the directory given, which is
//! both its working directory and its `VMCP_HOME`), and the user's `VMCP_LOG` and `VISUAL`
//! never leak in. [`Run`] says how it ended, with assertions that show everything on failure.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use super::VMCP;

/// `vmcp` about to run in `home` (see the module doc).
pub fn vmcp(home: impl AsRef<Path>) -> Vmcp {
    vmcp_by(Command::new(VMCP), home)
}

/// [`vmcp`] started by `launcher`, a command that runs `vmcp` with the arguments that follow
/// (e.g. [`super::netns::command`]).
pub fn vmcp_by(launcher: Command, home: impl AsRef<Path>) -> Vmcp {
    let home = home.as_ref();
    let mut command = launcher;
    command
        .current_dir(home)
        .env("VMCP_HOME", home)
        .env_remove("VMCP_LOG")
        .env_remove("VISUAL");
    Vmcp {
        command,
        stdin: Input::Null,
        stdout: None,
        stderr: None,
    }
}

/// A `vmcp` command line being put together.
pub struct Vmcp {
    command: Command,
    stdin: Input,
    stdout: Option<Stdio>,
    stderr: Option<Stdio>,
}

enum Input {
    Null,
    Piped,
    Bytes(Vec<u8>),
}

impl Vmcp {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Vmcp {
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Vmcp
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Vmcp {
        self.command.env(key, value);
        self
    }

    pub fn envs<I, K, V>(mut self, vars: I) -> Vmcp
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        self.command.envs(vars);
        self
    }

    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Vmcp {
        self.command.env_remove(key);
        self
    }

    /// Another `VMCP_HOME` than the directory the command runs in.
    pub fn vmcp_home(self, dir: impl AsRef<Path>) -> Vmcp {
        self.env("VMCP_HOME", dir.as_ref())
    }

    /// Another working directory than the home.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Vmcp {
        self.command.current_dir(dir);
        self
    }

    /// What vmcp reads on stdin. vmcp may exit before reading it all (an invalid definition):
    /// a closed pipe is not an error here.
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Vmcp {
        self.stdin = Input::Bytes(input.into());
        self
    }

    /// A stdin pipe the caller writes to ([`Vmcp::spawn`]).
    pub fn stdin_piped(mut self) -> Vmcp {
        self.stdin = Input::Piped;
        self
    }

    /// Where stdout goes (captured unless said otherwise).
    pub fn stdout(mut self, to: impl Into<Stdio>) -> Vmcp {
        self.stdout = Some(to.into());
        self
    }

    /// Where stderr goes (captured unless said otherwise).
    pub fn stderr(mut self, to: impl Into<Stdio>) -> Vmcp {
        self.stderr = Some(to.into());
        self
    }

    /// The command as set up so far, for what the builder does not offer (another user, a
    /// harness that takes a `Command`). Stdin, stdout and stderr are left to the caller.
    pub fn command(self) -> Command {
        self.command
    }

    /// Starts vmcp and leaves it running: stdin null unless given or piped, stdout and stderr
    /// piped unless redirected. Bytes given as stdin are written, then stdin is closed.
    pub fn spawn(mut self) -> Child {
        let bytes = match self.stdin {
            Input::Null => {
                self.command.stdin(Stdio::null());
                None
            }
            Input::Piped => {
                self.command.stdin(Stdio::piped());
                None
            }
            Input::Bytes(bytes) => {
                self.command.stdin(Stdio::piped());
                Some(bytes)
            }
        };
        self.command
            .stdout(self.stdout.unwrap_or_else(Stdio::piped))
            .stderr(self.stderr.unwrap_or_else(Stdio::piped));
        let mut child = self.command.spawn().expect("spawn vmcp");
        if let Some(bytes) = bytes {
            let _ = child.stdin.take().expect("stdin").write_all(&bytes);
        }
        child
    }

    /// Runs vmcp to its end.
    pub fn run(self) -> Run {
        Run::from(self.spawn().wait_with_output().expect("wait for vmcp"))
    }
}

/// How a run of vmcp ended.
#[derive(Debug)]
pub struct Run {
    /// The exit code (-1 when a signal ended it).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Stdout as written, for output that is not text.
    pub stdout_bytes: Vec<u8>,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            stdout_bytes: out.stdout,
        }
    }
}

impl Run {
    /// (exit code, stdout, stderr).
    pub fn parts(self) -> (i32, String, String) {
        (self.code, self.stdout, self.stderr)
    }

    /// Asserts exit code 0 and returns stdout.
    #[track_caller]
    pub fn success(self) -> String {
        self.code(0).stdout
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "{needle:?} not in stderr:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts exit code 0 and parses stdout as JSON.
    #[track_caller]
    pub fn json(self) -> serde_json::Value {
        let out = self.success();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{out}"))
    }
}

impl AsRef<Path> for super::Home {
    fn as_ref(&self) -> &Path {
        self.dir.path()
    }
}
