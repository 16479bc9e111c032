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

/// Sends `req` through `app` as the server would (`testing::call`: an `Err`
/// out of the app becomes its error response), the body as text.
pub async fn send<S, B>(app: &S, req: test::TestRequest) -> Reply
where
    S: Service<Request, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    let reply = actix_api_error::testing::call(app, req).await;
    Reply {
        status: reply.status().as_u16(),
        headers: reply.headers().clone(),
        body: reply.text().to_owned(),
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
