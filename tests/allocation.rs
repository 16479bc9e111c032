//! A success response through `ExceptionHandlers` costs no allocation: the same
//! requests allocate exactly as often with the middleware as without it.

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::Cell,
};

use actix_api_error::{ExceptionHandlers, HttpException, exception_handler};
use actix_web::{App, HttpRequest, HttpResponse, dev::Service, http::StatusCode, test, web};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counter is a thread-local Cell.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[exception_handler(HttpException)]
fn handler(_req: &HttpRequest, exc: &HttpException) -> HttpResponse {
    HttpResponse::build(exc.status()).finish()
}

async fn ok() -> HttpResponse {
    HttpResponse::Ok().body("ok")
}

/// Allocations made by 100 requests to `/`, after a warm-up.
async fn allocations_per_100<S, B>(app: &S) -> u64
where
    S: Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
{
    // Requests are built outside the counted part: only serving is measured.
    let requests = || {
        (0..100)
            .map(|_| test::TestRequest::get().uri("/").to_request())
            .collect::<Vec<_>>()
    };
    for req in requests() {
        assert_eq!(app.call(req).await.ok().unwrap().status(), StatusCode::OK);
    }
    let mut total = 0;
    for req in requests() {
        let before = ALLOCATIONS.with(Cell::get);
        let res = app.call(req).await.ok().unwrap();
        total += ALLOCATIONS.with(Cell::get) - before;
        drop(res);
    }
    total
}

#[actix_web::test]
async fn success_responses_allocate_nothing_more_with_the_middleware() {
    let plain = test::init_service(App::new().route("/", web::get().to(ok))).await;
    let wrapped = test::init_service(
        App::new()
            .wrap(ExceptionHandlers::new().handler(handler))
            .route("/", web::get().to(ok)),
    )
    .await;
    let without = allocations_per_100(&plain).await;
    let with = allocations_per_100(&wrapped).await;
    assert_eq!(
        with, without,
        "allocations for 100 requests: {with} with the middleware, {without} without"
    );
}
