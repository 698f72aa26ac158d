//! The `pith` command: parses flags (cli/args.rs), runs the library, prints, sets the exit code.
//! Each command's body is a module of `cli/`; this file only dispatches.

mod cli;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use clap::Parser;

use cli::args::{Cli, Command};
use cli::clean::clean;
use cli::diff::diff;
use cli::eval::{eval, train_data};
use cli::explain::explain;
use cli::group::group;
use cli::restore::restore;
use cli::stories::stories;
use cli::Stop;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    let result = match cli.command {
        Command::Clean(args) => clean(args),
        Command::Explain { path, html, url, read } => explain(&path, &url, html, color.paints_stdout(), &read),
        Command::Diff { a, b, words, read } => diff(&a, &b, words, color.paints_stdout(), &read),
        Command::Restore { record, output, input } => restore(&record, output.as_deref(), input.as_deref()),
        Command::Stories(args) => stories(args),
        Command::Group(args) => group(args),
        Command::Eval {
            gold,
            dir,
            words,
            per_doc,
            pred_out,
            cv,
            cv_models,
            set,
            read,
        } => eval(
            &gold,
            &dir,
            words,
            per_doc,
            pred_out,
            cv.map(|f| (f, cv_models, set)),
            &read,
        ),
        Command::TrainData {
            gold,
            set,
            dir,
            out,
            cv,
            cv_models,
            read,
        } => train_data(&gold, &set, &dir, &out, cv.map(|f| (f, cv_models)), &read),
    };
    match result {
        Ok(code) => code,
        Err(Stop::Closed) => ExitCode::from(pith::exit::OK),
        Err(Stop::Fatal(message)) => {
            cli::say(&message);
            ExitCode::from(pith::exit::FAILED)
        }
    }
}
