//! Helpers shared by the integration tests: send a request, read the whole
//! response, capture what was logged.

#![allow(dead_code)] // each test file uses a part

use std::{
    io::Write,
    sync::{Arc, Mutex},
};

use actix_http::Request;
use actix_web::{
    Error,
    body::MessageBody,
    dev::{Service, ServiceResponse},
    http::header::HeaderMap,
    test,
};

/// A response, read whole.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

/// Sends `req` through `app` as the server would: an `Err` out of the app becomes
/// its error response.
pub async fn send<S, B>(app: &S, req: test::TestRequest) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    let (status, headers, body) = match app.call(req.to_request()).await {
        Ok(res) => {
            let status = res.status().as_u16();
            let headers = res.headers().clone();
            (status, headers, test::read_body(res).await)
        }
        Err(err) => {
            let res = err.error_response();
            let status = res.status().as_u16();
            let headers = res.headers().clone();
            let body = res.into_body().try_into_bytes().unwrap_or_default();
            (status, headers, body)
        }
    };
    Reply {
        status,
        headers,
        body: String::from_utf8(body.to_vec()).expect("a UTF-8 body"),
    }
}

/// `GET path`.
pub async fn get<S, B>(app: &S, path: &str) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    send(app, test::TestRequest::get().uri(path)).await
}

/// What `tracing` wrote while the guard lives (this thread only).
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn capture_logs() -> (Logs, tracing::subscriber::DefaultGuard) {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    (logs, tracing::subscriber::set_default(subscriber))
}

pub mod example;
pub mod server;
pub mod wire;
