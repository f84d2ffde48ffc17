//! The textwash command line: one-off files and batches.
//!
//! ```sh
//! cargo run --release --example textwash -- fix examples/samples/mojibake.txt
//! cargo run --release --example textwash -- fix --jsonl --field text --explain < in.jsonl
//! cargo run --release --example textwash -- decode page.html
//! cargo run --release --example textwash -- detect *.html
//! cargo run --release --example textwash -- clean --format json --jobs 2 pages/*.html.gz
//! ```
//!
//! Errors name the path, byte offset and line; what was already written stays
//! written (and valid JSONL in `--jsonl` mode); the exit status is 1 when any input
//! failed.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use textwash::spam::Conversion;
use textwash::{Article, Change, Cleaner, Decoded, Decoder, Fixer};

#[derive(Parser)]
#[command(name = "textwash", version, about = "Repair broken scraped text")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Repair mojibake in UTF-8 text (or a field of JSON lines).
    Fix(FixArgs),
    /// Decode bytes of any encoding to UTF-8 text (and repair mojibake).
    Decode(DecodeArgs),
    /// Report how each input's encoding was decided, one JSON object per input.
    Detect(DecodeArgs),
    /// Decode, repair, undo spam and extract the article.
    Clean(CleanArgs),
}

#[derive(Args)]
struct FixArgs {
    /// Input file, or `-` (the default) for standard input.
    input: Option<String>,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping with an error.
    #[arg(long)]
    lossy: bool,
    /// Read and write JSON lines, repairing one field of each object.
    #[arg(long)]
    jsonl: bool,
    /// The field repaired in `--jsonl` mode.
    #[arg(long, default_value = "text")]
    field: String,
    /// Report the changes: JSON lines on stderr, or a `textwash_changes` field in
    /// `--jsonl` mode.
    #[arg(long)]
    explain: bool,
}

#[derive(Args)]
struct DecodeArgs {
    /// Input files, or `-` for standard input (the default).
    inputs: Vec<String>,
    /// Transport charset hint (the `charset` of an HTTP Content-Type).
    #[arg(long, value_name = "LABEL")]
    charset: Option<String>,
    /// Fail on the first malformed byte sequence instead of replacing it.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Html,
    Json,
}

#[derive(Args)]
struct CleanArgs {
    /// Input files (`.html.gz` read transparently), or `-` for standard input.
    inputs: Vec<String>,
    /// Output format; with several inputs, JSON lines are written whatever the format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The page's URL, to resolve relative links and images.
    #[arg(long)]
    url: Option<String>,
    /// Transport charset hint (the `charset` of an HTTP Content-Type).
    #[arg(long, value_name = "LABEL")]
    charset: Option<String>,
    /// Worker threads.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Never convert Traditional Chinese to Simplified.
    #[arg(long, conflicts_with = "to_simplified")]
    keep_traditional: bool,
    /// Always convert Traditional Chinese to Simplified.
    #[arg(long)]
    to_simplified: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let ok = match cli.command {
        Command::Fix(args) => fix(&args, &mut out),
        Command::Decode(args) => decode(&args, &mut out, false),
        Command::Detect(args) => decode(&args, &mut out, true),
        Command::Clean(args) => clean(&args, &mut out),
    };
    // What was written stays written, whatever failed later.
    let flushed = out.flush().is_ok();
    if ok && flushed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fail(message: impl std::fmt::Display) -> bool {
    eprintln!("textwash: {message}");
    false
}

fn display_name(input: &str) -> &str {
    if input == "-" { "<stdin>" } else { input }
}

fn open(input: &str) -> io::Result<Box<dyn Read>> {
    if input == "-" {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(File::open(input)?))
    }
}

/// Reads a whole input; `.gz` files are decompressed.
fn read_all(input: &str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut reader = open(input)?;
    if input.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(reader).read_to_end(&mut bytes)?;
    } else {
        reader.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn change_json(change: &Change, offset: usize) -> Value {
    json!({
        "start": change.span.start + offset,
        "end": change.span.end + offset,
        "replacement": change.replacement,
        "kind": change.kind.to_string(),
        "reason": change.reason,
    })
}

// ---------------------------------------------------------------------------- fix

fn fix(args: &FixArgs, out: &mut impl Write) -> bool {
    let input = args.input.as_deref().unwrap_or("-");
    let reader = match open(input) {
        Ok(r) => BufReader::with_capacity(1 << 16, r),
        Err(e) => return fail(format_args!("{}: {e}", display_name(input))),
    };
    let fixer = Fixer::new();
    let result = if args.jsonl {
        fix_jsonl(args, &fixer, reader, out)
    } else {
        fix_lines(args, &fixer, reader, out)
    };
    match result {
        Ok(()) => true,
        Err(message) => fail(format_args!("{}: {message}", display_name(input))),
    }
}

/// Line by line, so memory stays constant on files of any size; offsets in errors
/// and explanations are offsets in the whole input.
fn fix_lines(
    args: &FixArgs,
    fixer: &Fixer,
    mut reader: impl BufRead,
    out: &mut impl Write,
) -> Result<(), String> {
    let mut line = Vec::new();
    let mut offset = 0usize;
    let mut line_no = 0usize;
    let stderr = io::stderr();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(e) if args.lossy => {
                let _ = e;
                String::from_utf8_lossy(&line)
            }
            Err(e) => {
                return Err(format!(
                    "invalid UTF-8 at byte offset {} (line {line_no}); use --lossy to replace it",
                    offset + e.valid_up_to()
                ));
            }
        };
        let explained = fixer.explain(&text);
        out.write_all(explained.text.as_bytes())
            .map_err(|e| e.to_string())?;
        if args.explain {
            let mut err = stderr.lock();
            for change in &explained.changes {
                let mut record = change_json(change, offset);
                record["line"] = json!(line_no);
                let _ = writeln!(err, "{record}");
            }
            // Spans left alone for lack of evidence are part of the explanation.
            for doubt in &explained.doubts {
                let record = json!({
                    "start": doubt.span.start + offset,
                    "end": doubt.span.end + offset,
                    "left_alone": true,
                    "considered": doubt.replacement,
                    "chain": doubt.chain.to_string(),
                    "reason": doubt.reason,
                    "line": line_no,
                });
                let _ = writeln!(err, "{record}");
            }
        }
        offset += n;
    }
}

fn fix_jsonl(
    args: &FixArgs,
    fixer: &Fixer,
    mut reader: impl BufRead,
    out: &mut impl Write,
) -> Result<(), String> {
    let mut line = Vec::new();
    let mut line_no = 0usize;
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(());
        }
        line_no += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let mut object: Map<String, Value> = match serde_json::from_slice(&line) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(format!("line {line_no}: not a JSON object")),
            Err(e) => return Err(format!("line {line_no}: invalid JSON: {e}")),
        };
        if let Some(Value::String(text)) = object.get(&args.field) {
            let explained = fixer.explain(text);
            let changes: Vec<Value> = explained
                .changes
                .iter()
                .map(|c| change_json(c, 0))
                .collect();
            let fixed = explained.text.into_owned();
            object.insert(args.field.clone(), Value::String(fixed));
            if args.explain {
                object.insert("textwash_changes".into(), Value::Array(changes));
            }
        } else if args.explain {
            object.insert("textwash_changes".into(), Value::Array(Vec::new()));
        }
        serde_json::to_writer(&mut *out, &object).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
}

// ---------------------------------------------------------------- decode / detect

fn inputs_or_stdin(inputs: &[String]) -> Vec<String> {
    if inputs.is_empty() {
        vec!["-".to_owned()]
    } else {
        inputs.to_vec()
    }
}

fn decoder_for(charset: Option<&str>) -> Result<Decoder, String> {
    let decoder = Decoder::new();
    match charset {
        None => Ok(decoder),
        Some(label) => decoder.charset(label).map_err(|e| e.to_string()),
    }
}

fn detect_json(path: &str, decoded: &Decoded<'_>) -> Value {
    json!({
        "path": path,
        "encoding": decoded.encoding.name(),
        "source": decoded.source.as_str(),
        "overridden": decoded.overridden.map(|(source, encoding)| json!({
            "source": source.as_str(),
            "encoding": encoding.name(),
        })),
        "malformed": decoded.malformed.iter().map(|r| json!([r.start, r.end])).collect::<Vec<_>>(),
        "segments": decoded.segments.iter().map(|s| json!({
            "start": s.bytes.start,
            "end": s.bytes.end,
            "encoding": s.encoding.name(),
        })).collect::<Vec<_>>(),
        "repairs": decoded.repairs.iter().map(|c| change_json(c, 0)).collect::<Vec<_>>(),
    })
}

fn decode(args: &DecodeArgs, out: &mut impl Write, detect: bool) -> bool {
    let decoder = match decoder_for(args.charset.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    let mut ok = true;
    for input in inputs_or_stdin(&args.inputs) {
        let name = display_name(&input);
        let bytes = match read_all(&input) {
            Ok(bytes) => bytes,
            Err(e) => {
                ok = fail(format_args!("{name}: {e}"));
                continue;
            }
        };
        let decoded = if args.strict {
            match decoder.decode_strict(&bytes) {
                Ok(d) => d,
                Err(e) => {
                    ok = fail(format_args!("{name}: {e}"));
                    continue;
                }
            }
        } else {
            decoder.decode(&bytes)
        };
        let written = if detect {
            writeln!(out, "{}", detect_json(name, &decoded))
        } else {
            out.write_all(decoded.text.as_bytes())
        };
        if let Err(e) = written {
            return fail(e);
        }
    }
    ok
}

// --------------------------------------------------------------------------- clean

fn article_json(path: &str, article: &Article) -> Value {
    json!({
        "path": path,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "author": article.author,
        "site_name": article.site_name,
        "language": article.language,
        "canonical_url": article.canonical_url,
        "text": article.text,
        "html": article.html,
        "images": article.images.iter().map(|i| json!({
            "src": i.src,
            "alt": i.alt,
            "caption": i.caption,
        })).collect::<Vec<_>>(),
        "flags": article.flags.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
        "verdict": article.verdict.as_str(),
        "changes": article.changes.iter().map(|c| change_json(c, 0)).collect::<Vec<_>>(),
    })
}

fn clean(args: &CleanArgs, out: &mut impl Write) -> bool {
    let conversion = if args.keep_traditional {
        Conversion::KeepTraditional
    } else if args.to_simplified {
        Conversion::ToSimplified
    } else {
        Conversion::Auto
    };
    let mut cleaner = Cleaner::new().conversion(conversion);
    if let Some(url) = &args.url {
        cleaner = cleaner.url(url);
    }
    if let Some(label) = &args.charset {
        cleaner = match cleaner.charset(label) {
            Ok(c) => c,
            Err(e) => return fail(e),
        };
    }
    let inputs = inputs_or_stdin(&args.inputs);
    let json_lines = args.format == Format::Json || inputs.len() > 1;
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.max(1))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => return fail(e),
    };
    let mut ok = true;
    // Inputs go to the workers a batch at a time so that output keeps input order
    // while memory stays bounded by the batch, not the whole run.
    let batch = args.jobs.max(1) * 8;
    for chunk in inputs.chunks(batch) {
        let results: Vec<Result<Article, String>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    read_all(input)
                        .map(|bytes| cleaner.clean(&bytes))
                        .map_err(|e| e.to_string())
                })
                .collect()
        });
        for (input, result) in chunk.iter().zip(results) {
            let name = display_name(input);
            let article = match result {
                Ok(article) => article,
                Err(e) => {
                    ok = fail(format_args!("{name}: {e}"));
                    continue;
                }
            };
            let written = if json_lines {
                writeln!(out, "{}", article_json(name, &article))
            } else if args.format == Format::Html {
                writeln!(out, "{}", article.html)
            } else {
                write_text(out, &article)
            };
            if let Err(e) = written {
                return fail(e);
            }
        }
    }
    ok
}

fn write_text(out: &mut impl Write, article: &Article) -> io::Result<()> {
    if let Some(title) = &article.title {
        writeln!(out, "{title}\n")?;
    }
    out.write_all(article.text.as_bytes())?;
    if !article.text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    Ok(())
}
