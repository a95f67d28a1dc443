//! `vmcp check` and configuration errors as the user sees them: located, actionable, exit 3.

use crate::harness::{Home, run_vmcp};

#[test]
fn a_valid_file_is_reported() {
    let home = Home::new();
    let path = home.config("servers:\n  a:\n    command: x\n  b:\n    url: http://127.0.0.1:1/mcp\nvmcps:\n  v:\n    servers: [a, b]\n  w:\n    servers: [a]\n");
    let (code, out, err) = run_vmcp(&["check", "-c", path.to_str().unwrap()], home.dir.path());
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "{}: ok (2 servers, 2 vMCPs)\n  v: 2 servers\n  w: 1 server\n",
            path.display()
        )
    );
}

#[test]
fn errors_name_file_line_column_and_a_fix() {
    let home = Home::new();
    let cases = [
        (
            "servers:\n  a:\n    comand: x\n",
            "vmcp.yaml:3:5: servers.a: unknown field `comand`, expected one of",
            "hint: did you mean `command`?",
        ),
        (
            "servers:\n  a:\n    command: x\nvmcps:\n  v:\n    servers:\n      aa: {}\n",
            "vmcp.yaml:7:7: vmcps.v.servers.aa: unknown server `aa`",
            "hint: did you mean `a`?",
        ),
        (
            "servers:\n  a:\n    command: x\n    startup_timeout: soon\n",
            "vmcp.yaml:4:22: servers.a.startup_timeout: invalid duration `soon`",
            "",
        ),
        (
            "servers:\n  a:\n    args: [x]\n",
            "vmcp.yaml:2:3: servers.a: has neither `command` nor `url`",
            "hint: add `command: <program>` (stdio) or `url: https://…/mcp` (streamable HTTP)",
        ),
        (
            "servers:\n  a: {command: x, env: {T: \"${env:VMCP_TEST_SURELY_UNSET}\"}}\nvmcps:\n  v:\n    servers: [a]\n",
            "servers.a.env.T: environment variable `VMCP_TEST_SURELY_UNSET` is not set",
            "",
        ),
        ("servers: [\n", "vmcp.yaml:", ""),
    ];
    for (yaml, want, hint) in cases {
        let path = home.config(yaml);
        let (code, out, err) = run_vmcp(&["check", "-c", path.to_str().unwrap()], home.dir.path());
        assert_eq!(code, 3, "{yaml}\n{err}");
        assert!(out.is_empty());
        assert!(
            err.starts_with("error: ") && err.contains(want),
            "{yaml}\nwant {want:?}\ngot {err}"
        );
        assert!(err.contains(hint), "{yaml}\nwant {hint:?}\ngot {err}");
    }
}

#[test]
fn stdio_refuses_bad_input_before_serving() {
    let home = Home::new();
    let path =
        home.config("servers:\n  a:\n    command: x\nvmcps:\n  mytools:\n    servers: [a]\n");
    let (code, out, err) = run_vmcp(
        &["stdio", "--vmcp", "mytols", "-c", path.to_str().unwrap()],
        home.dir.path(),
    );
    assert_eq!(code, 4);
    assert!(out.is_empty(), "stdout stays clean: {out}");
    assert!(
        err.contains("no vMCP named `mytols`; defined: mytools"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean `mytools`?"), "{err}");

    let missing = home.path("nope.yaml");
    let (code, _, err) = run_vmcp(
        &["stdio", "--vmcp", "x", "-c", missing.to_str().unwrap()],
        home.dir.path(),
    );
    assert_eq!(code, 4);
    assert!(err.contains("nope.yaml does not exist"), "{err}");
}

#[test]
fn default_location_is_vmcp_home() {
    let home = Home::new();
    home.config("servers:\n  a:\n    command: x\nvmcps:\n  v:\n    servers: [a]\n");
    let (code, out, err) = run_vmcp(&["check"], home.dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("vmcp.yaml: ok"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let home = Home::new();
    let (code, _, err) = run_vmcp(&["stdio"], home.dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("--vmcp <NAME>"), "{err}");
}
