//! The layer contract: cli → app → registry → session → custom → trust → upstream → process → store →
//! protocol → config → support.
//! A lower layer must never name a higher one.

const LAYERS: &[&str] = &[
    "cli", "app", "registry", "session", "custom", "trust", "upstream", "process", "store",
    "protocol", "config", "support",
];

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn lower_layers_do_not_use_higher_ones() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for (i, layer) in LAYERS.iter().enumerate() {
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for higher in &LAYERS[..i] {
                if text.contains(&format!("crate::{higher}::"))
                    || text.contains(&format!("crate::{higher};"))
                {
                    violations.push(format!("{} uses crate::{higher}", f.display()));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn only_the_cli_prints() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("cli")) && !f.starts_with(src.join("bin")))
        .filter(|f| {
            let t = std::fs::read_to_string(f).unwrap();
            t.contains("println!(")
                || t.contains("print!(")
                || t.contains("eprintln!(")
                || t.contains("dbg!(")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}

#[test]
fn only_vmcp_login_opens_a_browser() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let callers: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("open_browser(")
        })
        .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    // Defined in app/auth/login.rs, called only by the `vmcp login` command: sessions never do.
    assert!(
        callers
            .iter()
            .all(|c| c == "app/auth/login.rs" || c == "cli/auth.rs"),
        "{callers:?}"
    );
}
