//! One module per user intent. Turns command-line options, files and the environment into plans
//! for the layers below, and coordinates them. Never prints: it returns data and errors.

pub mod check;
pub mod context;
pub mod resolve;
pub mod source;
pub mod stdio;
