//! Every command and flag of `pith`, defined once, with its help.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "pith",
    version,
    about = "Strip scraped news pages to the article, record where it came from, and diff its copies.",
    after_help = "Examples:\n  pith clean fixtures/001_2faf6ce82c38984a.txt\n  pith clean --jsonl dumps/ > records.jsonl\n  pith explain page.md\n  pith diff a.txt b.txt --words\n\nExit codes (every command): 0 every input processed (diff: identical; also a closed stdout), 1 some inputs failed and the others were processed (diff: different), 2 nothing done: usage or fatal error, or every input failed."
)]
pub struct Cli {
    /// Colour what pith writes for people (`explain`, `diff`): `auto` when stdout is a
    /// terminal and NO_COLOR is not set, `always` (also into a pipe or a file), `never`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the article body of each input (plain text, markdown, JSON records, CSV, XML or HTML).
    #[command(
        after_help = "Examples:\n  pith clean page.txt\n  pith clean --markdown page.md\n  pith clean --markdown --with-metadata --links --images page.html\n  pith clean --json a.txt b.txt\n  cat page.txt | pith clean --jsonl\n  curl -s URL | pith clean --url URL --xml --links --images\n  pith clean --csv dumps/ > corpus.csv\n  pith clean -q -o cleaned/ dumps/"
    )]
    Clean(CleanArgs),
    /// Show every block of one input with KEEP/DROP, its rule and reason, and the provenance.
    #[command(
        after_help = "Examples:\n  pith explain page.txt\n  pith explain --color always page.md | less -R\n  pith explain --html page.html > report.html\n  curl -s URL | pith explain --url URL"
    )]
    Explain {
        /// The input (`-` for stdin).
        path: PathBuf,
        /// Write one self-contained HTML page instead (inline CSS, no script, nothing fetched):
        /// the segments in order, dropped ones coloured by rule with the reason on hover, a
        /// legend, and the provenance table linked to the bytes its evidence names.
        #[arg(long)]
        html: bool,
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Compare the cleaned bodies of two inputs; exit 0 when identical, 1 when they differ, 2 on error.
    #[command(after_help = "Examples:\n  pith diff scrape1.txt scrape2.md\n  pith diff --words a.txt b.txt")]
    Diff {
        a: PathBuf,
        b: PathBuf,
        /// Show an inline word diff instead of a unified line diff.
        #[arg(long)]
        words: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Find the copies of one article (scraped twice, syndicated, mirrored) and show how they differ.
    #[command(
        after_help = "Examples:\n  pith group dumps/\n  pith group --jsonl a.txt b.md c.html > groups.jsonl\n  pith group --html dumps/ > groups.html\n  pith group --jsonl-in --jsonl corpus.jsonl > groups.jsonl"
    )]
    Group(GroupArgs),
    /// Group articles from different outlets on the same story, with the quotes they share.
    #[command(
        after_help = "Examples:\n  pith stories dumps/\n  pith stories --jsonl a.txt b.md c.html > stories.jsonl"
    )]
    Stories(StoriesArgs),
    /// Write the original input bytes back out of a JSON record (from `pith clean --json`).
    #[command(
        after_help = "Examples:\n  pith clean --json page.txt > page.json && pith restore page.json > page.again.txt\n  pith clean --jsonl dumps/ | pith restore - -o restored/\n  pith clean --json --ledger offsets page.html.gz > page.json && pith restore page.json --input page.html.gz"
    )]
    Restore {
        /// A record written by `pith clean --json` or `--jsonl`; `-` reads stdin. A file of
        /// several records (an array, JSONL) needs `-o DIR`.
        record: PathBuf,
        /// Write here instead of stdout: a file for one record; a folder (below which each
        /// record goes to a file named from its `source`) for several, or when PATH is a folder.
        /// Never the record file or the `--input` file.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// The input the record was made from (gzipped or not; `-` reads stdin): what a record
        /// of `--ledger offsets` restores from. It must be that input, by the record's
        /// `input_sha256`; the ledger must cover it. One record only.
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
    },
    /// Score pith against a gold set: `{id: {"articleBody": ...}}` and a folder of `<id>.*` pages.
    /// Prints n, precision, recall, F1 and accuracy (the share of documents whose words are
    /// exactly the gold's).
    #[command(
        after_help = "Examples:\n  pith eval --gold bench/scrapinghub/ground-truth.json bench/scrapinghub/txt\n  pith eval --words --per-doc 10 --gold bench/wcxb/ground-truth.json bench/wcxb/md"
    )]
    Eval {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// The folder with one page per gold id.
        dir: PathBuf,
        /// Use WCXB's bag-of-words metric instead of word 4-shingles.
        #[arg(long)]
        words: bool,
        /// List the N worst documents.
        #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "20")]
        per_doc: Option<usize>,
        /// Also write the predictions as `{id: {"articleBody": ...}}` (for score.py); not the gold
        /// file, a page or the folds file.
        #[arg(long, value_name = "FILE")]
        pred_out: Option<PathBuf>,
        /// Out of fold: clean each page with the models trained without its fold. FOLDS is a
        /// TSV of `set id domain fold` (`bench/folds.tsv`); the models of fold K are read from
        /// `--cv-models DIR/foldK/`.
        #[arg(long, value_name = "FOLDS")]
        cv: Option<PathBuf>,
        /// Where the fold models are (with --cv).
        #[arg(long, value_name = "DIR", default_value = "data/model/cv")]
        cv_models: PathBuf,
        /// The set's name in FOLDS (default: the gold file's folder name).
        #[arg(long, value_name = "NAME")]
        set: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Training data for the block model (train/train.py): every block's features and its label
    /// from aligning the page with the gold text.
    #[command(hide = true)]
    TrainData {
        #[arg(long)]
        gold: PathBuf,
        /// The set's name written into every row.
        #[arg(long)]
        set: String,
        dir: PathBuf,
        /// Writes OUT.f32 (features, little-endian rows), OUT.tsv (one line per block) and
        /// OUT.names; and OUT.pages.f32, OUT.pages.tsv, OUT.pages.names for the page-type model.
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
        /// As in eval: each page analysed with the models trained without its fold.
        #[arg(long, value_name = "FOLDS")]
        cv: Option<PathBuf>,
        #[arg(long, value_name = "DIR", default_value = "data/model/cv")]
        cv_models: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("shape").multiple(false)))]
#[command(group(ArgGroup::new("marked").multiple(false)))]
pub struct CleanArgs {
    /// Files or folders (walked recursively, in sorted order); `-` or nothing reads stdin.
    pub paths: Vec<PathBuf>,
    /// Print the body as markdown.
    #[arg(long, groups = ["shape", "marked"])]
    pub markdown: bool,
    /// Print one pretty JSON record per input (an array for several inputs).
    #[arg(long, group = "shape")]
    pub json: bool,
    /// Print one compact JSON record per line.
    #[arg(long, group = "shape")]
    pub jsonl: bool,
    /// Print one CSV row per input under one header row: source, title, authors (joined with
    /// `; `), published, url, host, outlet, section, language, page_type, confidence, text.
    #[arg(long, group = "shape")]
    pub csv: bool,
    /// Print each input as a `<doc>` element in trafilatura's shape: provenance as attributes,
    /// the body in `<main>` (`<p>`, `<head>`, `<list>`, `<table>`…); several inside `<docs>`.
    #[arg(long, groups = ["shape", "marked"])]
    pub xml: bool,
    /// Print the cleaned article as a minimal HTML page. One page a document: several inputs
    /// need `-o DIR`.
    #[arg(long, groups = ["shape", "marked"])]
    pub html: bool,
    /// Put the provenance (title, authors, date, url, outlet, language; those known) above a
    /// text or markdown body as YAML front matter between `---` lines. CSV, XML, HTML and JSON
    /// always carry it.
    #[arg(long)]
    pub with_metadata: bool,
    #[command(flatten)]
    pub url: UrlArgs,
    /// With --markdown, --xml or --html: a body from HTML keeps link targets, resolved against
    /// the page's address: `[text](href)`, `<ref target="href">text</ref>`, `<a href>`.
    #[arg(long, requires = "marked")]
    pub links: bool,
    /// With --markdown, --xml or --html: a body from HTML keeps images, resolved against the
    /// page's address: `![alt](src)`, `<graphic src alt/>`, `<img src alt>`.
    #[arg(long, requires = "marked")]
    pub images: bool,
    /// Leave tables out of the body (in every shape; the ledger names them with rule `table`).
    #[arg(long)]
    pub no_tables: bool,
    /// What each segment of a record's ledger (--json, --jsonl) carries: `full`, its input
    /// bytes too, so that `pith restore RECORD` gives the input back from the record alone;
    /// `offsets`, its byte range, rule, reason and path only — a record smaller than its page,
    /// for runs that keep their inputs — which `pith restore RECORD --input FILE` then needs.
    #[arg(long, value_enum, value_name = "SHAPE", default_value_t = LedgerArg::Full)]
    pub ledger: LedgerArg,
    /// Write one output file per input into DIR, at its path below the folder that holds all the
    /// inputs (`-o out a b`: `out/a/x.txt`, `out/b/x.txt`), with the output's extension
    /// (`page.html` → `page.txt`). Refused before anything is written if two would meet, or if
    /// one would be an input. DIR inside a folder given is not read.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores). The output is the same whatever the number.
    #[arg(short = 'j', long, value_name = "N", value_parser = worker_count)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub progress: ProgressArgs,
    /// Leave out records whose confidence (predicted F1 of the extraction, 0–1) is below X;
    /// they are counted in the summary. A record without a confidence is kept.
    #[arg(long, value_name = "X", value_parser = share)]
    pub min_confidence: Option<f64>,
    #[command(flatten)]
    pub input: JsonlInArgs,
    /// First learn each outlet's repeated blocks over the inputs (a first pass), save them to
    /// FILE, then clean with them (rule `repeated-in-outlet`). Needs files, not stdin; FILE may
    /// not be one of them.
    #[arg(long, value_name = "FILE", conflicts_with = "boilerplate")]
    pub learn: Option<PathBuf>,
    /// Clean with outlet boilerplate learned earlier (`--learn FILE`).
    #[arg(long, value_name = "FILE")]
    pub boilerplate: Option<PathBuf>,
    /// With --learn: a block is an outlet's boilerplate from this many documents on.
    /// At least 2: a block seen once is no outlet's boilerplate.
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = clap::value_parser!(u32).range(2..))]
    pub min_repeats: u32,
    #[command(flatten)]
    pub read: ReadArgs,
}

// The flags of `pith group` (its help is the command's, above).
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Files or folders (walked recursively, in sorted order).
    pub paths: Vec<PathBuf>,
    /// One compact JSON group per line (singletons included).
    #[arg(long, conflicts_with = "json")]
    pub jsonl: bool,
    /// One pretty JSON array of groups.
    #[arg(long)]
    pub json: bool,
    /// One self-contained HTML page: each group's copies side by side, each with its word
    /// diff against the canonical copy.
    #[arg(long, conflicts_with_all = ["json", "jsonl"])]
    pub html: bool,
    /// Estimated Jaccard similarity of word 5-shingles from which two bodies are copies.
    #[arg(long, default_value_t = 0.5, value_parser = share_f32)]
    pub threshold: f32,
    /// Estimated share of a shorter body's shingles held in a longer one from which the shorter
    /// is a copy too (truncated, excerpted, or a dump that kept less of the page). It joins the
    /// longer one's group when the two are at least 0.2 alike, it has about fifty words, and no
    /// other group holds it as well.
    #[arg(long, default_value_t = 0.8, value_parser = share_f32, conflicts_with = "no_containment")]
    pub containment: f32,
    /// Join copies by Jaccard similarity (`--threshold`) only.
    #[arg(long)]
    pub no_containment: bool,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", value_parser = worker_count)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub progress: ProgressArgs,
    #[command(flatten)]
    pub input: JsonlInArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

// The flags of `pith stories` (its help is the command's, above).
#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// Files or folders (walked recursively, in sorted order).
    pub paths: Vec<PathBuf>,
    /// One compact JSON story per line.
    #[arg(long, conflicts_with = "json")]
    pub jsonl: bool,
    /// One pretty JSON array of stories.
    #[arg(long)]
    pub json: bool,
    /// Also write the articles no other one reports on, each as a story of one (the same as
    /// `--min-articles 1`).
    #[arg(long, conflicts_with = "min_articles")]
    pub singletons: bool,
    /// Write only stories of at least N articles.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    pub min_articles: u64,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, value_name = "N", value_parser = worker_count)]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub progress: ProgressArgs,
    #[command(flatten)]
    pub input: JsonlInArgs,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `--url`: the address of the one page a command reads (`clean`, `explain`).
#[derive(Debug, Args, Clone, Default)]
pub struct UrlArgs {
    /// The address the input was fetched from (absolute): the record's url when the page gives
    /// none (evidence `cli:url`), and where relative links point from. One input only (a file
    /// or stdin).
    #[arg(long, value_name = "URL", value_parser = absolute_url)]
    pub url: Option<String>,
}

/// What a corpus run (`clean`, `group`, `stories`) shows on stderr besides errors and warnings.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct ProgressArgs {
    /// No progress bar and no summary line (errors and warnings still go to stderr).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// Read the input as this format instead of sniffing it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Decide by the named rules alone, without the learned block model.
    #[arg(long)]
    pub rules_only: bool,
    /// Use the learned models in DIR (`html.json`, `txt.json`, `md.json`) instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Keep a block only when the block model is surer it is content: less boilerplate, some
    /// body text lost (the model's threshold moves up by 0.2).
    #[arg(long, conflicts_with = "favor_recall")]
    pub favor_precision: bool,
    /// Keep a block the block model half believes in: more of the body, more boilerplate (the
    /// model's threshold moves down by 0.2).
    #[arg(long)]
    pub favor_recall: bool,
}

/// `--ledger`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LedgerArg {
    Full,
    Offsets,
}

impl LedgerArg {
    /// The library's ledger shape this flag asks for.
    pub fn shape(self) -> pith::LedgerShape {
        match self {
            LedgerArg::Full => pith::LedgerShape::Full,
            LedgerArg::Offsets => pith::LedgerShape::Offsets,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Markdown,
    Html,
}

/// Reading JSONL documents instead of files.
#[derive(Debug, Args, Clone)]
pub struct JsonlInArgs {
    /// Read JSONL: one JSON object per line with the page in `html` or `text` (stdin for `-`).
    #[arg(long)]
    pub jsonl_in: bool,
    /// JSONL field holding the document id.
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// JSONL field holding the page's URL.
    #[arg(long, default_value = "url", value_name = "NAME")]
    pub url_field: String,
    /// JSONL field holding the page as HTML.
    #[arg(long, default_value = "html", value_name = "NAME")]
    pub html_field: String,
    /// JSONL field holding the page as text or markdown.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
}

/// The most worker threads `-j` starts: pith's work is all computation, so threads past the
/// cores only take turns, and each costs the pool's coordination (10,000 took 87 s to start
/// and stop, more never finished).
const MAX_WORKERS: usize = 1024;

/// `-j N`: 0 (all cores, as not giving it) to [`MAX_WORKERS`].
fn worker_count(value: &str) -> Result<usize, String> {
    let n: usize = value
        .trim()
        .parse()
        .map_err(|e| format!("not a number of threads ({e})"))?;
    if n > MAX_WORKERS {
        return Err(format!(
            "at most {MAX_WORKERS} threads (pith uses the cores it has; 0 or none: all of them)"
        ));
    }
    Ok(n)
}

/// A share from 0 to 1 (`--min-confidence`, `--threshold`): NaN and values outside would
/// keep everything or nothing without saying so.
fn share(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        Ok(_) => Err("a share from 0 to 1".into()),
        Err(e) => Err(format!("not a number ({e})")),
    }
}

fn share_f32(value: &str) -> Result<f32, String> {
    share(value).map(|x| x as f32)
}

/// `--url`: an absolute address (`https://…`), as the URL standard writes it (spaces around it
/// and line breaks in it gone, the host in lower case: `https://Example.com` →
/// `https://example.com/`).
fn absolute_url(value: &str) -> Result<String, String> {
    match url::Url::parse(value) {
        Ok(url) => Ok(url.into()),
        Err(e) => Err(format!("not an absolute URL ({e})")),
    }
}

impl CleanArgs {
    /// The shape each document is written in.
    pub fn shape(&self) -> pith::render::Shape {
        use pith::render::Shape;
        if self.jsonl {
            Shape::Jsonl
        } else if self.json {
            Shape::Json
        } else if self.csv {
            Shape::Csv
        } else if self.xml {
            Shape::Xml
        } else if self.html {
            Shape::Html
        } else if self.markdown {
            Shape::Markdown
        } else {
            Shape::Text
        }
    }
}

impl ColorArg {
    /// Whether what goes to stdout is coloured: `always`, `never`, or for `auto` what the
    /// usual conventions say (anstream reads them): NO_COLOR set (to anything but empty) says
    /// no, CLICOLOR_FORCE yes, else colour on a terminal that shows it.
    pub fn paints_stdout(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        }
    }
}
