//! Every example in `examples/` is valid, and the self-contained ones run: `demo.yaml`,
//! `custom.yaml` and `shaped.yaml` pass a live `vmcp check`, and `ci-check.sh` passes against
//! the demo.

use std::path::{Path, PathBuf};

use crate::harness::{Home, UPSTREAM, vmcp};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// PATH with the directory holding `vmcp` and `vmcp-test-upstream` first.
fn path_with_binaries() -> std::ffi::OsString {
    let bin = Path::new(UPSTREAM).parent().expect("binary directory");
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).expect("PATH")
}

#[test]
fn every_example_definition_is_valid() {
    let home = Home::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "{files:?}");
    for file in &files {
        let (code, out, err) = vmcp(&home)
            .args(["check", "--offline", "--config", file.to_str().unwrap()])
            // The remote example keeps its token in the environment.
            .env("GITHUB_TOKEN", "example-token")
            .run()
            .parts();
        assert_eq!(code, 0, "{}: {out}{err}", file.display());
        assert!(out.lines().skip(1).all(|l| l.starts_with("ok ")), "{out}");
    }
}

#[test]
fn the_demo_example_starts_and_the_ci_script_passes() {
    let home = Home::new();
    let path = path_with_binaries();
    for (file, want) in [
        ("demo.yaml", "ok    demo  2/2 servers ready, 4 tools"),
        ("custom.yaml", "ok    team  1/1 servers ready, 7 tools"),
        // A live check also judges the `args` rules against the tools' schemas.
        ("shaped.yaml", "ok    issues  1/1 servers ready, 2 tools"),
    ] {
        let file = examples_dir().join(file);
        let (code, out, err) = vmcp(&home)
            .args(["check", "--config", file.to_str().unwrap()])
            .env("PATH", &path)
            .run()
            .parts();
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains(want), "{out}");
    }

    let out = std::process::Command::new(examples_dir().join("ci-check.sh"))
        .env("PATH", &path)
        .env("VMCP_HOME", home.dir.path())
        .output()
        .expect("run ci-check.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.ends_with("vMCP demo: all checks passed\n"),
        "{stdout}"
    );
}

#[test]
fn the_custom_example_tools_run() {
    let home = Home::new();
    let path = path_with_binaries();
    let file = examples_dir().join("custom.yaml");
    for (args, want) in [
        (vec!["wordcount", "text=one two three"], "3"),
        (
            vec![
                "count_characters",
                "word=Strawberry",
                "character=s",
                "ignore_case=true",
            ],
            "1",
        ),
        (vec!["sum_and_say", "a=2", "b=3"], "The sum is 5.0"),
    ] {
        let mut all = vec!["call", "--config", file.to_str().unwrap(), "--vmcp", "team"];
        all.extend(args.iter().copied());
        let (code, out, err) = vmcp(&home).args(&all).env("PATH", &path).run().parts();
        assert_eq!((code, out.trim()), (0, want), "{args:?}: {err}");
    }
}
