//! The example CLI's contract: commands, flags, JSON fields, errors that say where,
//! and output already written kept when a later input fails.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Once;

static BUILD: Once = Once::new();

/// The example binary, which `cargo test` builds next to the test binaries.
fn textwash() -> Command {
    let mut dir = std::env::current_exe().expect("test binary path");
    dir.pop();
    if dir.ends_with("deps") {
        dir.pop();
    }
    let exe = dir
        .join("examples")
        .join(format!("textwash{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        // `cargo test` builds examples, but `cargo test --test cli` does not.
        BUILD.call_once(|| {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut cargo = Command::new(cargo);
            cargo.args(["build", "--example", "textwash"]);
            if dir.ends_with("release") {
                cargo.arg("--release");
            }
            let status = cargo.status().expect("run cargo");
            assert!(status.success(), "building the example failed");
        });
    }
    Command::new(exe)
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = textwash()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn textwash");
    // The command may exit before reading its input (an error up front).
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/samples/mojibake.txt")
}

#[test]
fn fix_keeps_clean_lines_and_line_count() {
    let o = run(&["fix", sample().to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let input = std::fs::read_to_string(sample()).unwrap();
    assert_eq!(out.lines().count(), input.lines().count());
    let clean = "This line was never broken and stays as it is: 正常的中文也不会被改动。";
    assert!(out.lines().any(|l| l == clean));
}

#[test]
fn fix_reads_stdin_and_passes_clean_text_through() {
    let text = "Grüße\n你好，世界\n";
    let o = run(&["fix", "-"], text.as_bytes());
    assert!(o.status.success());
    assert_eq!(stdout(&o), text);
}

#[test]
fn fix_names_the_offset_of_invalid_utf8_and_keeps_earlier_lines() {
    let o = run(&["fix"], b"first line\nsecond \xff line\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("byte offset 18"), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "first line\n");
}

#[test]
fn fix_lossy_replaces_invalid_utf8() {
    let o = run(&["fix", "--lossy"], b"a\xffb\n");
    assert!(o.status.success());
    assert_eq!(stdout(&o), "a\u{fffd}b\n");
}

#[test]
fn fix_jsonl_repairs_the_field_and_passes_the_rest_in_order() {
    let input = "{\"id\":1,\"text\":\"clean\",\"z\":[1,2]}\n{\"body\":\"x\",\"id\":2}\n";
    let o = run(&["fix", "--jsonl"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "{\"id\":1,\"text\":\"clean\",\"z\":[1,2]}\n{\"body\":\"x\",\"id\":2}\n"
    );

    let o = run(
        &["fix", "--jsonl", "--field", "body", "--explain"],
        input.as_bytes(),
    );
    assert!(o.status.success());
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["textwash_changes"].is_array());
    }
}

#[test]
fn fix_jsonl_names_a_bad_line_and_keeps_valid_jsonl_before_it() {
    let input = "{\"text\":\"a\"}\n{\"text\":\"b\"}\nnot json\n{\"text\":\"c\"}\n";
    let o = run(&["fix", "--jsonl"], input.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2);
    for line in out.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn decode_reports_an_unreadable_file_and_processes_the_others() {
    let o = run(
        &[
            "decode",
            "/nonexistent/file.txt",
            sample().to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/file.txt"));
    assert!(stdout(&o).contains("This line was never broken"));
}

#[test]
fn detect_prints_one_json_object_per_input() {
    let o = run(
        &["detect", sample().to_str().unwrap(), "-"],
        "纯文本".as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let objects: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 2);
    for field in [
        "path",
        "encoding",
        "source",
        "malformed",
        "segments",
        "repairs",
    ] {
        assert!(objects[0].get(field).is_some(), "missing {field}");
    }
    assert_eq!(objects[1]["path"], "<stdin>");
}

#[test]
fn unknown_charset_is_an_error() {
    let o = run(&["decode", "--charset", "no-such-charset", "-"], b"x");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-charset"));
}

#[test]
fn clean_json_has_the_contract_fields() {
    let o = run(
        &["clean", "--format", "json", "-"],
        "一段正文。\n".as_bytes(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    for field in [
        "path",
        "title",
        "published",
        "source",
        "author",
        "text",
        "flags",
        "verdict",
        "changes",
        "html",
        "images",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
}

#[test]
fn clean_several_inputs_gives_json_lines_in_input_order_and_reports_failures() {
    let dir = std::env::temp_dir().join(format!("textwash-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.txt");
    let b = dir.join("b.txt.gz");
    std::fs::write(&a, "第一篇。\n").unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all("第二篇。\n".as_bytes()).unwrap();
    std::fs::write(&b, gz.finish().unwrap()).unwrap();
    let o = run(
        &[
            "clean",
            "--jobs",
            "2",
            a.to_str().unwrap(),
            "/nonexistent.html",
            b.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent.html"));
    let texts: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .trim()
                .to_owned()
        })
        .collect();
    assert_eq!(texts, ["第一篇。", "第二篇。"]);
    let _ = std::fs::remove_dir_all(&dir);
}
