//! Leaf utilities any layer may use; nothing domain-specific.

pub mod clock;
pub mod env_vars;
#[cfg(test)]
pub(crate) mod fuzz_inputs;
pub mod hash;
pub mod paths;
pub mod shell;
pub mod url;
