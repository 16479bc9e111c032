//! Runs an example binary (built by `cargo test`) on a free port and talks raw
//! HTTP/1.1 to it, to check what a user with `curl` would see.

pub use super::wire::RawResponse;
use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{TcpListener, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

pub struct Example {
    child: Child,
    output: Arc<Mutex<String>>,
    pub port: u16,
}

impl Example {
    /// Starts `examples/<name>.rs` with `PORT` set, and waits until it listens.
    pub fn start(name: &str) -> Self {
        let exe = examples_dir().join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        assert!(
            exe.exists(),
            "{} is missing: run `cargo test --workspace --all-features` (it builds the examples) or `cargo build -p actix-api-error-examples --examples --all-features`",
            exe.display()
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(&exe)
            .env("PORT", port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // The example says where it listens: its own line, or actix-server's log.
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let address = format!("127.0.0.1:{port}");
        let mut printed = String::new();
        while !printed
            .lines()
            .any(|line| line.contains("listening on") && line.contains(&address))
        {
            let read = stdout.read_line(&mut printed).unwrap();
            assert!(read > 0, "{name} ended before it listened: {printed}");
        }
        let output = Arc::new(Mutex::new(printed));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let mut sink = sink.lock().unwrap();
                sink.push_str(&line);
                sink.push('\n');
            }
        });
        Self {
            child,
            output,
            port,
        }
    }

    /// Waits (up to 5 s) for the example to print `text`; returns whether it did.
    pub fn printed(&self, text: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.output.lock().unwrap().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// The line printed so far that contains `text`.
    pub fn output_line_with(&self, text: &str) -> String {
        let output = self.output.lock().unwrap();
        let line = output.lines().find(|line| line.contains(text));
        line.unwrap_or_else(|| panic!("no line with {text:?} in:\n{output}"))
            .to_owned()
    }

    pub fn get(&self, path: &str) -> RawResponse {
        self.request("GET", path, &[])
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> RawResponse {
        self.send(method, path, headers, "")
    }

    pub fn request_with_body(
        &self,
        method: &str,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> RawResponse {
        self.send(method, path, &[("Content-Type", content_type)], body)
    }

    pub fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> RawResponse {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        head.push_str(body);
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        RawResponse::parse(&raw)
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn examples_dir() -> PathBuf {
    // target/<profile>/deps/<test binary> -> target/<profile>/examples
    let exe = std::env::current_exe().unwrap();
    exe.parent().unwrap().parent().unwrap().join("examples")
}

impl RawResponse {
    fn parse(raw: &[u8]) -> Self {
        let text = String::from_utf8(raw.to_vec()).expect("a UTF-8 response");
        let (head, body) = text.split_once("\r\n\r\n").expect("a complete response");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .map(|line| {
                let (name, value) = line.split_once(": ").unwrap();
                (name.to_ascii_lowercase(), value.to_owned())
            })
            .collect();
        Self {
            status,
            headers,
            body: body.to_owned(),
        }
    }
}
