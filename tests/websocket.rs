//! WebSocket errors with a real client over TCP (awc): HTTP errors before the
//! upgrade, close frames after it, read from the wire.

use crate::support;

use std::time::Duration;

use actix_api_error::{
    ExceptionHandlers, HttpException, get,
    websocket::{Message as ServerMessage, WebSocket, WebSocketException},
};
use actix_web::{App, HttpResponse};
use awc::ws::{CloseCode, CloseReason, Frame, Message};
use futures_util::{SinkExt as _, StreamExt as _};
use support::{example::Example, server::Server};

/// The raw headers of a WebSocket handshake, for answers that are not a 101.
const HANDSHAKE: &[(&str, &str)] = &[
    ("connection", "Upgrade"),
    ("upgrade", "websocket"),
    ("sec-websocket-version", "13"),
    ("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ=="),
];

type Connection = actix_codec::Framed<awc::BoxedSocket, awc::ws::Codec>;

async fn connect(url: &str) -> Connection {
    let (res, connection) = awc::Client::new()
        .ws(url)
        .connect()
        .await
        .unwrap_or_else(|error| panic!("{url}: {error}"));
    assert_eq!(res.status(), 101);
    connection
}

/// The next frame, within 5 s.
async fn next(connection: &mut Connection) -> Frame {
    actix_web::rt::time::timeout(Duration::from_secs(5), connection.next())
        .await
        .expect("a frame within 5 s")
        .expect("the connection to stay open until a close frame")
        .unwrap()
}

fn close(code: CloseCode, description: &str) -> Frame {
    Frame::Close(Some(CloseReason {
        code,
        description: Some(description.to_owned()),
    }))
}

#[actix_web::test]
async fn the_example_answers_before_and_after_the_upgrade() {
    let example = Example::start("websocket");
    let base = format!("ws://127.0.0.1:{}", example.port);

    // Before the upgrade: the route's extractors and its errors answer HTTP.
    let res = example.request("GET", "/ws/general", HANDSHAKE);
    assert_eq!(res.status, 422, "{res:?}");
    assert_eq!(
        res.body,
        r#"{"detail":[{"type":"missing","loc":["query","token"],"msg":"Field required","input":null}]}"#
    );
    let res = example.request("GET", "/ws/general?token=guess", HANDSHAKE);
    assert_eq!(
        (res.status, res.body.as_str()),
        (403, r#"{"detail":"Invalid token"}"#)
    );
    // Not a handshake at all: what is missing.
    let res = example.get("/ws/general?token=secret");
    assert_eq!(
        (res.status, res.body.as_str()),
        (400, r#"{"detail":"WebSocket upgrade is expected"}"#)
    );

    // After it: echo, and a normal close answered with 1000.
    let mut ws = connect(&format!("{base}/ws/general?token=secret")).await;
    ws.send(Message::Text("hello".into())).await.unwrap();
    assert_eq!(next(&mut ws).await, Frame::Text("hello".into()));
    ws.send(Message::Close(Some(CloseCode::Normal.into())))
        .await
        .unwrap();
    assert_eq!(
        next(&mut ws).await,
        Frame::Close(Some(CloseCode::Normal.into()))
    );

    // An unknown room: 1008 and the reason.
    let mut ws = connect(&format!("{base}/ws/kitchen?token=secret")).await;
    assert_eq!(
        next(&mut ws).await,
        close(CloseCode::Policy, "unknown room")
    );

    // A panic: 1011 with the error id; the cause is logged with it, not sent.
    let mut ws = connect(&format!("{base}/ws/general?token=secret")).await;
    ws.send(Message::Text("boom".into())).await.unwrap();
    let Frame::Close(Some(reason)) = next(&mut ws).await else {
        panic!("a close frame")
    };
    assert_eq!(reason.code, CloseCode::Error);
    let description = reason.description.unwrap();
    let id = description
        .strip_prefix("Internal Server Error (error id ")
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{description}"));
    assert_eq!(id.len(), 32, "{description}");
    assert!(example.printed(id), "the error id is logged");
    assert!(example.printed("the room caught fire"), "with its cause");

    // The server goes on.
    let mut ws = connect(&format!("{base}/ws/general?token=secret")).await;
    ws.send(Message::Text("still here".into())).await.unwrap();
    assert_eq!(next(&mut ws).await, Frame::Text("still here".into()));
}

#[get("/long")]
async fn long(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|_, _| async {
        // 100 two-byte characters: 200 bytes.
        Err(WebSocketException::with_code(4001, "é".repeat(100)).into())
    })
}

#[get("/unsendable")]
async fn unsendable(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|_, _| async { Err(WebSocketException::with_code(1006, "abnormal").into()) })
}

#[get("/failing")]
async fn failing(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|_, _| async {
        std::fs::read("/no/such/file/anywhere")?;
        Ok(())
    })
}

#[get("/done")]
async fn done(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|mut session, _| async move {
        session.text("bye").await?;
        Ok(())
    })
}

/// Served for POST too: the handshake refuses it.
#[actix_api_error::route("/any", method = "GET", method = "POST")]
async fn any_method(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|_, _| async { Ok(()) })
}

#[get("/refused")]
async fn refused() -> Result<HttpResponse, WebSocketException> {
    Err(WebSocketException::with_code(4003, ""))
}

/// FastAPI's empty 403, for who wants it: a handler like any other.
#[actix_api_error::exception_handler(WebSocketException)]
async fn empty_403(_req: &actix_web::HttpRequest, _exc: &WebSocketException) -> HttpResponse {
    HttpResponse::Forbidden().finish()
}

#[actix_web::test]
async fn a_refusal_goes_through_the_handlers() {
    let server = Server::start(|| {
        App::new()
            .wrap(ExceptionHandlers::new().handler(empty_403))
            .service(refused)
    });
    let mut connection = support::wire::Connection::open(server.port);
    connection.send("GET", "/refused", HANDSHAKE, "");
    let res = connection.read();
    assert_eq!((res.status, res.body.as_str()), (403, ""));

    // Documented: its 403.
    use utoipa::IntoResponses;
    let responses = serde_json::to_value(WebSocketException::responses()).unwrap();
    assert_eq!(
        responses["403"]["content"]["application/json"]["example"],
        serde_json::json!({"detail": "Forbidden"})
    );
}

#[actix_web::test]
async fn every_ending_is_a_close_frame() {
    let server = Server::start(|| {
        App::new()
            .wrap(ExceptionHandlers::new())
            .service((long, unsendable, failing, done, refused, any_method))
    });
    let base = format!("ws://127.0.0.1:{}", server.port);

    // A reason past 123 bytes is cut on a character boundary: 61 characters.
    let mut ws = connect(&format!("{base}/long")).await;
    assert_eq!(
        next(&mut ws).await,
        close(CloseCode::Other(4001), &"é".repeat(61))
    );

    // A code no endpoint may send, or another error: 1011.
    for path in ["/unsendable", "/failing"] {
        let mut ws = connect(&format!("{base}{path}")).await;
        let Frame::Close(Some(reason)) = next(&mut ws).await else {
            panic!("{path}: a close frame")
        };
        assert_eq!(reason.code, CloseCode::Error, "{path}");
        let description = reason.description.unwrap();
        assert!(
            description.starts_with("Internal Server Error (error id "),
            "{path}: {description}"
        );
        assert!(!description.contains("/no/such"), "{description}");
    }

    // A session that returns: 1000.
    let mut ws = connect(&format!("{base}/done")).await;
    assert_eq!(next(&mut ws).await, Frame::Text("bye".into()));
    assert_eq!(
        next(&mut ws).await,
        Frame::Close(Some(CloseCode::Normal.into()))
    );

    // A handshake by POST: 405, `Allow: GET`.
    let mut connection = support::wire::Connection::open(server.port);
    connection.send("POST", "/any", HANDSHAKE, "");
    let res = connection.read();
    assert_eq!(res.status, 405, "{res:?}");
    assert_eq!(res.header("allow"), Some("GET"));

    // A WebSocketException before the upgrade, without a reason: 403 and the
    // reason phrase.
    let mut connection = support::wire::Connection::open(server.port);
    connection.send("GET", "/refused", HANDSHAKE, "");
    let res = connection.read();
    assert_eq!(
        (res.status, res.body.as_str()),
        (403, r#"{"detail":"Forbidden"}"#)
    );
}

/// Reads every message until the client closes; an error ends the session.
#[get("/read")]
async fn read(ws: WebSocket) -> Result<HttpResponse, HttpException> {
    ws.accept(|_session, mut messages| async move {
        while let Some(message) = messages.recv().await {
            if let ServerMessage::Close(_) = message? {
                break;
            }
        }
        Ok(())
    })
}

/// A raw connection upgraded to `/read`: frames are written as bytes.
fn upgraded(port: u16) -> support::wire::Connection {
    let mut connection = support::wire::Connection::open(port);
    connection.send("GET", "/read", HANDSHAKE, "");
    let res = connection.read();
    assert_eq!(res.status, 101, "{res:?}");
    connection
}

/// The close code of the next frame, which must be a close frame.
fn close_code(connection: &mut support::wire::Connection) -> u16 {
    let mut head = [0; 2];
    connection.read_exact(&mut head);
    assert_eq!(head[0], 0x88, "a close frame");
    let mut body = vec![0; usize::from(head[1] & 0x7f)];
    connection.read_exact(&mut body);
    u16::from_be_bytes([body[0], body[1]])
}

/// A masked client frame: FIN, `opcode`, the declared `length`, then `payload`.
fn frame(opcode: u8, length: u64, payload: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0x80 | opcode, 0x80 | 0x7f];
    bytes.extend(length.to_be_bytes());
    bytes.extend([0; 4]); // a zero mask leaves the payload as it is
    bytes.extend(payload);
    bytes
}

#[actix_web::test]
async fn a_frame_over_the_limit_is_refused_by_its_header_and_bad_text_is_1007() {
    let server = Server::start(|| App::new().wrap(ExceptionHandlers::new()).service(read));

    // A frame declaring a gigabyte: refused when its header arrives (1009,
    // message too big), not after a gigabyte is buffered.
    let mut stream = upgraded(server.port);
    stream.write(&frame(0x2, 1 << 30, &[0; 16 * 1024]));
    assert_eq!(close_code(&mut stream), 1009);

    // Text that is not UTF-8: 1007 (invalid frame payload data), not 1002.
    let mut stream = upgraded(server.port);
    stream.write(&frame(0x1, 2, &[0xff, 0xfe]));
    assert_eq!(close_code(&mut stream), 1007);

    // A frame within the limit is read as usual: the session goes on.
    let mut stream = upgraded(server.port);
    stream.write(&frame(0x2, 1024, &[7; 1024]));
    stream.write(&frame(0x8, 2, &1000u16.to_be_bytes()));
    assert_eq!(close_code(&mut stream), 1000);
}
