//! A chat room over WebSocket: errors before the upgrade are HTTP errors, after
//! it close frames.
//!
//! ```sh
//! cargo run --example websocket --features websocket
//! curl -i http://127.0.0.1:8000/ws/general            # 422: `token` is missing
//! curl -i 'http://127.0.0.1:8000/ws/general?token=x'  # 403 {"detail":"Invalid token"}
//! websocat 'ws://127.0.0.1:8000/ws/general?token=secret'   # echoes what you type
//! websocat 'ws://127.0.0.1:8000/ws/kitchen?token=secret'   # closed: 1008 "unknown room"
//! ```

use actix_api_error::{
    ExceptionHandlers, HttpException,
    extract::{Path, Query},
    get,
    websocket::{Message, WebSocket, WebSocketException},
};
use actix_web::{App, HttpResponse, HttpServer};
use serde::Deserialize;

const ROOMS: &[&str] = &["general"];

#[derive(Deserialize)]
struct Auth {
    token: String,
}

/// Joins a room: every text message comes back.
#[get("/ws/{room}")]
async fn chat(
    ws: WebSocket,
    room: Path<String>,
    auth: Query<Auth>,
) -> Result<HttpResponse, HttpException> {
    // Before the upgrade: an ordinary HTTP error (FastAPI sends an empty 403).
    if auth.token != "secret" {
        return Err(WebSocketException::new("Invalid token").into());
    }
    ws.accept(move |mut session, mut messages| async move {
        // After it: a close frame with the code (1008) and the reason.
        if !ROOMS.contains(&room.as_str()) {
            return Err(WebSocketException::new("unknown room").into());
        }
        while let Some(message) = messages.recv().await {
            match message? {
                Message::Text(text) if &*text == "boom" => panic!("the room caught fire"),
                Message::Text(text) => session.text(text).await?,
                Message::Ping(bytes) => session.pong(&bytes).await?,
                Message::Close(_) => break,
                _ => {}
            }
        }
        Ok(())
    })
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init();
    let port = std::env::var("PORT").map_or(8000, |port| port.parse().expect("PORT is a number"));
    let server = HttpServer::new(|| App::new().wrap(ExceptionHandlers::new()).service(chat))
        .bind(("127.0.0.1", port))?;
    println!("listening on http://127.0.0.1:{port}");
    server.run().await
}
