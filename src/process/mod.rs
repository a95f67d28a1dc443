//! Every program vmcp starts — stdio upstreams and the programs of `command` and `python` custom
//! tools — is started and ended here, one way: the environment it is given (and vmcp's tag), its
//! own process group, a signal if vmcp dies (`PR_SET_PDEATHSIG`, Linux), the group watched by the
//! reaper (`vmcp __reaper`, which outlives a SIGKILLed vmcp), bounded output, and the whole group
//! killed when the child is stopped, times out or is cancelled. Once vmcp supervises children it
//! is a child subreaper (Linux): what they detach comes back to it and is ended at exit.

mod group;
pub(crate) mod output;
pub(crate) mod reaper;
mod run;
mod spawn;
mod supervisor;
mod tree;

pub(crate) use group::Group;
pub(crate) use run::{Finished, RunError, run};
pub(crate) use spawn::{Child, Spawn, spawn};
pub(crate) use supervisor::{supervise, sweep};
