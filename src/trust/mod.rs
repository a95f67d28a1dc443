//! Trust in what upstream servers say about their tools: pins (what each tool looked like when
//! its server was approved, to show what changed since), screening for the marks of tool
//! poisoning (instructions aimed at the model, hidden characters, oversized descriptions), and
//! the one reading of a definition every command shares (`definition`: a tool too deep to
//! screen is refused, never skipped), worked out once per tool list for the sessions' gates
//! (`screened`). Pins and screening report; nothing here rewrites a definition.

pub(crate) mod command;
pub(crate) mod definition;
pub(crate) mod pin;
pub(crate) mod screen;
pub(crate) mod screened;

pub(crate) use command::ServerRef;
pub(crate) use definition::Unscreenable;
pub(crate) use pin::Comparison;
pub(crate) use screen::{Flag, screen_tool};
