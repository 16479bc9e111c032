//! The catalog as a page: plain HTML and a little CSS, readable without
//! JavaScript, one `<section id="<code>">` per entry.

use std::fmt::Write;

use serde_json::Value;

use super::{Entry, ErrorCatalog, Kind};
use crate::model::reason::reason_phrase;

pub(super) fn page(catalog: &ErrorCatalog) -> String {
    let mut page = String::from(concat!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<title>Errors</title>\n<style>\n",
        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}\n",
        "section{border-top:1px solid #ccc;padding:.5rem 0}\n",
        "pre{background:#f4f4f4;padding:.5rem;overflow-x:auto}\n",
        "code{font-size:.95em}\n",
        "section:target{background:#fffbe6}\n",
        "</style>\n</head>\n<body>\n<h1>Errors</h1>\n",
        "<p>Every error this API sends has a stable <code>code</code>: branch on it, not on the text. ",
        "As problem details (<code>application/problem+json</code>), an error's <code>type</code> is the ",
        "address of its entry here. The same list is at <a href=\"",
    ));
    let json = format!("{}.json", catalog.path);
    let _ = writeln!(page, "{}\">{}</a>.</p>", escape(&json), escape(&json));
    for (kind, heading) in [
        (Kind::Error, "Error responses"),
        (Kind::Validation, "Validation error types"),
    ] {
        let _ = writeln!(page, "<h2>{heading}</h2>");
        if kind == Kind::Validation {
            page.push_str(
                "<p>The <code>type</code> of each item of a 422's <code>detail</code> (pydantic's \
                 types).</p>\n",
            );
        }
        page.push_str("<ul>\n");
        for entry in catalog.entries.iter().filter(|entry| entry.kind == kind) {
            let code = escape(&entry.code);
            let _ = writeln!(
                page,
                "<li><a href=\"#{code}\"><code>{code}</code></a> {}</li>",
                entry.status
            );
        }
        page.push_str("</ul>\n");
        for entry in catalog.entries.iter().filter(|entry| entry.kind == kind) {
            section(&mut page, entry);
        }
    }
    page.push_str("</body>\n</html>\n");
    page
}

fn section(page: &mut String, entry: &Entry) {
    let code = escape(&entry.code);
    let _ = write!(
        page,
        "<section id=\"{code}\">\n<h3><a href=\"#{code}\"><code>{code}</code></a></h3>\n\
         <p><strong>{} {}</strong>",
        entry.status,
        escape(reason_phrase(entry.status)),
    );
    if entry.title != reason_phrase(entry.status) {
        let _ = write!(page, " — {}", escape(&entry.title));
    }
    let _ = write!(page, "</p>\n<p>{}</p>\n", escape(&entry.description));
    if entry.kind == Kind::Error && !entry.type_uri.ends_with(&format!("#{}", entry.code)) {
        let _ = writeln!(
            page,
            "<p>Problem type: <a href=\"{uri}\">{uri}</a></p>",
            uri = escape(&entry.type_uri)
        );
    }
    let examples = [
        ("Body (<code>application/json</code>)", &entry.example),
        (
            "Problem details (<code>application/problem+json</code>)",
            &entry.problem,
        ),
    ];
    for (label, example) in examples {
        if let Some(example) = example {
            let label = if entry.kind == Kind::Validation {
                "An item of <code>detail</code>"
            } else {
                label
            };
            let _ = write!(
                page,
                "<p>{label}</p>\n<pre><code>{}</code></pre>\n",
                pretty(example)
            );
        }
    }
    page.push_str("</section>\n");
}

fn pretty(value: &Value) -> String {
    escape(&serde_json::to_string_pretty(value).unwrap_or_default())
}

/// Text as HTML: `&`, `<`, `>` and both quotes escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
