//! Helpers shared by the integration tests: send a request, read the whole
//! response. (Logs are captured with `actix_api_error::testing::Logs`.)

#![allow(dead_code)] // each test file uses a part

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

pub mod example;
pub mod server;
pub mod wire;
