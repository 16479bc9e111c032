//! The README stays true: its complete example is `examples/quickstart.rs`, its
//! Testing example is the quickstart's tests, and every row of its request
//! table is what that example answers over HTTP.

use crate::support;

use support::example::Example;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap()
}

#[test]
fn the_complete_example_is_examples_quickstart() {
    let readme = readme();
    let start = readme
        .find("```rust,no_run\n")
        .expect("the complete example")
        + "```rust,no_run\n".len();
    let block = &readme[start..start + readme[start..].find("```\n").unwrap()];
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/quickstart.rs"
    ))
    .unwrap();
    let code: String = example
        .lines()
        .skip_while(|l| l.starts_with("//!") || l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        block, code,
        "README.md's complete example and examples/quickstart.rs differ"
    );
}

#[test]
fn the_testing_example_is_the_quickstart_s_tests() {
    let readme = readme();
    let section = &readme[readme.find("## Testing").expect("a Testing section")..];
    let start = section.find("```rust,ignore\n").unwrap() + "```rust,ignore\n".len();
    let block = &section[start..start + section[start..].find("```\n").unwrap()];
    let tests = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/tests/quickstart.rs"
    ))
    .unwrap();
    assert_eq!(
        block, tests,
        "README.md's Testing example and examples/tests/quickstart.rs differ"
    );
}

/// `` `text` `` pieces of a table cell.
fn code_spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_row_of_the_request_table_is_what_the_example_answers() {
    let readme = readme();
    let rows: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| Request | Status | Body |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() >= 8, "the table has a row per request");

    let example = Example::start("quickstart");
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        let (method, path) = code_spans(cells[0])[0].split_once(' ').unwrap();
        let status: u16 = cells[1][..3].parse().unwrap();
        let body = code_spans(cells[2])[0];

        let res = example.request(method, path, &[]);
        assert_eq!(res.status, status, "{row}");
        assert_eq!(res.body, body, "{row}");
        assert_eq!(
            res.header("content-type"),
            Some("application/json"),
            "{row}"
        );
        for header in code_spans(cells[1]) {
            let (name, value) = header.split_once(": ").unwrap();
            let actual = res
                .header(name)
                .unwrap_or_else(|| panic!("{name} missing: {row}"));
            match value.strip_suffix('…') {
                Some(prefix_free) if prefix_free.len() < value.len() => {
                    assert!(!actual.is_empty(), "{row}");
                }
                _ => assert_eq!(actual, value, "{row}"),
            }
        }
    }
}
