//! The committed shell completions and man pages are exactly what the current command line
//! generates (`scripts/generate` rewrites them).

use std::collections::BTreeMap;
use std::path::Path;

use crate::harness;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn artefacts_are_up_to_date() {
    let out = tempfile::tempdir().unwrap();
    harness::vmcp(&out)
        .arg("__generate")
        .arg(out.path())
        .run()
        .success();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for sub in ["completions", "man"] {
        let (want, have) = (files(&out.path().join(sub)), files(&repo.join(sub)));
        assert!(want.len() > 4, "{sub}: too few files generated: {want:?}");
        for (name, bytes) in &want {
            if have.get(name) != Some(bytes) {
                stale.push(format!("{sub}/{name} is missing or outdated"));
            }
        }
        for name in have.keys().filter(|n| !want.contains_key(*n)) {
            stale.push(format!("{sub}/{name} is no longer generated"));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun scripts/generate and commit the result",
        stale.join("\n")
    );
}
