//! An app served on a real port, for tests that need sockets.

use std::{net::TcpListener, sync::mpsc, thread};

use actix_web::{
    App, HttpServer,
    body::MessageBody,
    dev::{ServerHandle, ServiceFactory, ServiceRequest, ServiceResponse},
};

pub struct Server {
    pub port: u16,
    handle: ServerHandle,
}

impl Server {
    /// Serves `app()` with one worker on a free port.
    pub fn start<F, T, B>(app: F) -> Self
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<B>,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
        B: MessageBody + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(app)
                    .workers(1)
                    .listen(listener)
                    .unwrap()
                    .run();
                tx.send(server.handle()).unwrap();
                server.await
            })
        });
        Self {
            port,
            handle: rx.recv().unwrap(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let handle = self.handle.clone();
        let _ =
            thread::spawn(move || actix_web::rt::System::new().block_on(handle.stop(false))).join();
    }
}
