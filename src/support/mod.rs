//! Leaf utilities any layer may use; nothing domain-specific.

pub mod env_vars;
pub mod hash;
pub mod paths;
pub mod url;
