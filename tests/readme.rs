//! The front page stays true. The README and the crate's root docs
//! (`runtime/docs/crate.md`, docs.rs's front page) say the same, except where
//! their links point; their program is `examples/quickstart.rs`, complete with
//! its dependency block; every row of its request table, and the log line it
//! promises, is what that example does over HTTP; the testing guide shows the
//! quickstart's tests as they are.

use std::{collections::BTreeSet, path::Path};

use crate::support::example::Example;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// `text` without its link reference definitions (`[label]: target` lines).
fn without_link_definitions(text: &str) -> String {
    text.lines()
        .filter(|line| !(line.starts_with('[') && line.contains("]: ")))
        .map(|line| format!("{line}\n"))
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// The first fenced block that opens with `fence`.
fn block<'a>(text: &'a str, fence: &str) -> &'a str {
    let start = text
        .find(fence)
        .unwrap_or_else(|| panic!("no {fence} block"))
        + fence.len();
    &text[start..start + text[start..].find("```\n").unwrap()]
}

#[test]
fn the_readme_and_the_crate_docs_say_the_same() {
    let readme = read("README.md");
    let body = readme
        .strip_prefix("# actix-api-error\n\n")
        .expect("the title");
    let body = &body[..body
        .find("## This repository")
        .expect("the repository's section")];
    assert_eq!(
        without_link_definitions(body),
        without_link_definitions(&read("runtime/docs/crate.md")),
        "README.md (up to its repository section) and runtime/docs/crate.md differ"
    );
}

#[test]
fn every_link_of_the_readme_resolves_in_the_repository() {
    let readme = read("README.md");
    for line in readme
        .lines()
        .filter(|line| line.starts_with('[') && line.contains("]: "))
    {
        let target = line.split_once("]: ").unwrap().1;
        let file = target.split('#').next().unwrap();
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(file)
                .exists(),
            "{line}: no such file"
        );
    }
}

#[test]
fn the_program_shown_is_examples_quickstart() {
    let program = read("examples/quickstart.rs");
    assert_eq!(block(&read("README.md"), "```rust,no_run\n"), program);
    assert_eq!(
        block(&read("runtime/docs/crate.md"), "```rust,no_run\n"),
        program
    );
}

/// Each crate the program names is in the dependency block shown above it.
#[test]
fn the_dependency_block_is_complete_for_the_program() {
    let readme = read("README.md");
    let dependencies: BTreeSet<String> = block(&readme, "```toml\n")
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, _)| name.trim().replace('-', "_"))
        .collect();
    let program = read("examples/quickstart.rs");
    // A crate is named by a `use` or by a path in the code (inside a `use`'s
    // braces, `extract::Path` is the crate's module, not a crate).
    let named: BTreeSet<String> = program
        .lines()
        .flat_map(|line| match line.strip_prefix("use ") {
            Some(path) => vec![path],
            None => line
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .collect(),
        })
        .filter_map(|path| path.split_once("::").map(|(krate, _)| krate.to_owned()))
        .filter(|krate| krate.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .filter(|krate| {
            !["std", "core", "alloc", "crate", "self", "super"].contains(&krate.as_str())
        })
        .collect();
    assert!(
        named.contains("actix_api_error") && named.contains("tracing_subscriber"),
        "{named:?}"
    );
    let missing: Vec<_> = named.difference(&dependencies).collect();
    assert!(
        missing.is_empty(),
        "the README's [dependencies] lack {missing:?}"
    );
}

/// `` `text` `` pieces of a table cell.
fn code_spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_row_of_the_request_table_is_what_the_example_answers() {
    let readme = read("README.md");
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| Request | Status | Body |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() >= 7, "the table has a row per request");

    let example = Example::start("quickstart");
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let (method, path) = code_spans(cells[0])[0].split_once(' ').unwrap();
        let status: u16 = cells[1][..3].parse().unwrap();
        let body = code_spans(cells[2])[0];

        let res = example.request(method, path, &[]);
        assert_eq!(res.status, status, "{row}");
        assert_eq!(res.body, body, "{row}");
        let content_type = if status >= 400 {
            "application/json"
        } else {
            "text/plain; charset=utf-8"
        };
        assert_eq!(res.header("content-type"), Some(content_type), "{row}");
        for header in code_spans(cells[1]) {
            let (name, value) = header.split_once(": ").unwrap();
            let actual = res
                .header(name)
                .unwrap_or_else(|| panic!("{name} missing: {row}"));
            match value.strip_suffix('…') {
                Some(_) => assert!(!actual.is_empty(), "{row}"),
                None => assert_eq!(actual, value, "{row}"),
            }
        }
    }
}

/// The 500's cause appears on the terminal, with the response's error id, as
/// the line the README shows.
#[test]
fn the_log_line_shown_is_printed() {
    let readme = read("README.md");
    let shown = block(&readme, "```text\nERROR").trim_end();
    let example = Example::start("quickstart");
    let res = example.get("/items/3");
    let id = res.header("x-error-id").expect("an error id");
    assert!(example.printed(id), "no log line with {id}");
    let line = example.output_line_with(id);
    let (before, after) = shown.split_once("3f2c…").expect("the id's place");
    let plain = strip_ansi(&line);
    assert!(plain.contains(before), "{plain}\n  shown: {shown}");
    // The id is the error's and the request's.
    assert!(
        plain.ends_with(&format!("{id}{}", after.replace("3f2c…", id))),
        "{plain}\n  shown: {shown}"
    );
}

/// `text` without terminal colours (tracing-subscriber writes them).
fn strip_ansi(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|c| c.is_ascii_alphabetic());
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn the_testing_guide_shows_the_quickstart_s_tests() {
    let guide = read("runtime/docs/testing.md");
    let tests = read("tests/quickstart.rs");
    let tests = &tests[tests.find("\n#[cfg(test)]\n").expect("the tests") + 1..];
    assert_eq!(block(&guide, "```rust,ignore\n"), tests);
}
