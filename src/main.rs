//! The `vmcp` binary: everything happens in `vmcp::cli`.

fn main() -> std::process::ExitCode {
    vmcp::cli::main()
}
