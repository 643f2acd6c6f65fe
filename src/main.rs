//! The `ticket-insights` command-line tool (native only; the browser uses the library).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    ticket_insights::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
