//! Definition files are UTF-8. Bytes that are not are refused with the line and column of the
//! first one that is not (reading the file as text used to fail without a position, and exit 1
//! as if the disk had failed).

use std::path::Path;

use super::locate::position_after;
use super::{ConfigError, Diagnostic};

/// The text of a definition file read as `bytes`, or a located error.
pub(crate) fn text(path: &Path, bytes: Vec<u8>) -> Result<String, ConfigError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let position = position_after(&String::from_utf8_lossy(&bytes[..at]));
        let (message, hint) =
            if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
                (
                    "this file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8"
                        .to_string(),
                    "save it as UTF-8",
                )
            } else {
                (
                    format!(
                        "this file is not UTF-8: byte 0x{:02X} is not part of a UTF-8 character",
                        bytes.get(at).copied().unwrap_or_default()
                    ),
                    "save it as UTF-8 (a file written as Latin-1 or Windows-1252 shows this)",
                )
            };
        ConfigError::Invalid(vec![Diagnostic {
            file: path.to_path_buf(),
            position: Some(position),
            path: String::new(),
            message,
            hint: Some(hint.to_string()),
        }])
    })
}

/// The first character YAML does not allow in a file, located (serde_yaml reports it at line 1,
/// column 1): control characters other than tab and line breaks, and U+FFFE, U+FFFF.
pub(crate) fn check_characters(path: &Path, text: &str) -> Result<(), ConfigError> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || ('\u{a0}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    let Some((at, c)) = text.char_indices().find(|(_, c)| !allowed(*c)) else {
        return Ok(());
    };
    Err(ConfigError::Invalid(vec![Diagnostic {
        file: path.to_path_buf(),
        position: Some(position_after(&text[..at])),
        path: String::new(),
        message: format!(
            "U+{:04X} is a control character, which YAML does not allow in a file",
            u32::from(c)
        ),
        hint: Some(format!(
            "remove it, or write it as `\\u{:04x}` inside a double-quoted string",
            u32::from(c)
        )),
    }]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(bytes: &[u8]) -> String {
        text(Path::new("d.yaml"), bytes.to_vec())
            .expect_err("not UTF-8")
            .to_string()
    }

    #[test]
    fn control_characters_are_located() {
        let e = check_characters(Path::new("d.yaml"), "a: 1\nb: \"x\u{7f}\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("d.yaml:2:6: U+007F is a control character"),
            "{e}"
        );
        assert!(e.contains("`\\u007f`"), "{e}");
        for fine in ["a: \"\t\u{85}\u{a0}\u{feff}\u{10ffff}\"\r\n", "é: ≥"] {
            assert!(
                check_characters(Path::new("d.yaml"), fine).is_ok(),
                "{fine:?}"
            );
        }
        for bad in ["\0", "\u{1b}[31m", "\u{9f}", "\u{fffe}", "\u{ffff}"] {
            assert!(
                check_characters(Path::new("d.yaml"), bad).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_first_byte_that_is_not_utf8_is_located() {
        assert_eq!(
            text(Path::new("d.yaml"), "é: ≥\n".into()).unwrap(),
            "é: ≥\n"
        );
        let e = refused(b"servers: {}\nvmcps:\n  v:\n    description: \"caf\xe9\"\n");
        assert!(
            e.starts_with("d.yaml:4:22: this file is not UTF-8: byte 0xE9"),
            "{e}"
        );
        let e = refused(b"a: \"\xc3\xbc\xff\"");
        assert!(e.starts_with("d.yaml:1:6: "), "{e}");
        let e = refused(b"\xff\xfes\x00");
        assert!(e.starts_with("d.yaml:1:1: this file is UTF-16"), "{e}");
        assert!(e.contains("hint: save it as UTF-8"), "{e}");
    }
}
