//! The handlers registered with `ExceptionHandlers`, and how one is found.

use std::any::{Any, TypeId};

use actix_web::{Error, HttpRequest, HttpResponse, http::StatusCode};
use futures_util::future::LocalBoxFuture;

use crate::{
    HttpException, ServerError, error::api_error::Exception, render::Format,
    render::exception_handler::ExceptionHandler,
};

/// Built once per worker at startup; read on every error.
#[derive(Default)]
pub(super) struct Registry {
    by_type: Vec<TypeEntry>,
    by_status: Vec<StatusEntry>,
    /// The format of every error response this middleware answers.
    pub(super) format: Format,
    /// A scope's: errors none of its handlers answer pass to the next
    /// `ExceptionHandlers` out, untouched.
    pub(super) scoped: bool,
}

struct TypeEntry {
    type_id: TypeId,
    find: fn(&Error) -> Option<&dyn Any>,
    handler: Box<dyn ErasedHandler>,
}

struct StatusEntry {
    status: StatusCode,
    handler: Box<dyn ErasedHandler>,
}

fn find<T: Exception>(error: &Error) -> Option<&dyn Any> {
    T::__find(error).map(|exc| exc as &dyn Any)
}

/// A handler chosen for one response.
#[derive(Clone, Copy)]
pub(super) enum Pick {
    Type(usize),
    Status(usize),
}

impl Registry {
    /// Adds `handler`; a second handler for the same type or status is a mistake
    /// found at startup.
    #[track_caller]
    pub(super) fn add<H: ExceptionHandler>(&mut self, handler: H) {
        let name = handler.name();
        if let Some(status) = handler.status() {
            if let Some(existing) = self.by_status.iter().find(|e| e.status == status) {
                panic!(
                    "exception handlers `{}` and `{name}` are both registered for status {}; \
                     register only one of them",
                    existing.handler.name(),
                    status.as_u16(),
                );
            }
            self.by_status.push(StatusEntry {
                status,
                handler: Box::new(handler),
            });
        } else {
            let type_id = TypeId::of::<H::Exception>();
            let type_name = std::any::type_name::<H::Exception>();
            if let Some(existing) = self.by_type.iter().find(|e| e.type_id == type_id) {
                panic!(
                    "exception handlers `{}` and `{name}` are both registered for `{type_name}`; \
                     register only one of them",
                    existing.handler.name(),
                );
            }
            self.by_type.push(TypeEntry {
                type_id,
                find: find::<H::Exception>,
                handler: Box::new(handler),
            });
        }
    }

    /// Step 1: a handler for the exact type of a returned error. `HttpException`
    /// is the base of all HTTP errors, so its handler waits for step 3; a
    /// returned `ServerError` is answered as every server error is, with the
    /// request's id.
    pub(super) fn for_exact_type(&self, error: &Error) -> Option<usize> {
        let later = [TypeId::of::<HttpException>(), TypeId::of::<ServerError>()];
        self.by_type
            .iter()
            .position(|e| !later.contains(&e.type_id) && (e.find)(error).is_some())
    }

    pub(super) fn for_type<T: Exception>(&self) -> Option<Pick> {
        let id = TypeId::of::<T>();
        self.by_type
            .iter()
            .position(|e| e.type_id == id)
            .map(Pick::Type)
    }

    pub(super) fn for_status(&self, status: StatusCode) -> Option<Pick> {
        self.by_status
            .iter()
            .position(|e| e.status == status)
            .map(Pick::Status)
    }

    /// Steps 2 and 3 for an HTTP error.
    pub(super) fn for_http(&self, status: StatusCode) -> Option<Pick> {
        self.for_status(status)
            .or_else(|| self.for_type::<HttpException>())
    }

    /// The candidate after `pick` declined an HTTP error: a status handler
    /// is followed by the `HttpException` one.
    pub(super) fn after_for_http(&self, pick: Pick) -> Option<Pick> {
        match pick {
            Pick::Status(_) => self.for_type::<HttpException>(),
            Pick::Type(_) => None,
        }
    }

    /// The returned error of type entry `index`.
    pub(super) fn find_returned<'e>(&self, index: usize, error: &'e Error) -> Option<&'e dyn Any> {
        (self.by_type[index].find)(error)
    }

    pub(super) fn handler(&self, pick: Pick) -> &dyn ErasedHandler {
        match pick {
            Pick::Type(i) => &*self.by_type[i].handler,
            Pick::Status(i) => &*self.by_status[i].handler,
        }
    }
}

/// An [`ExceptionHandler`] with its exception type erased.
pub(super) trait ErasedHandler {
    fn name(&self) -> &'static str;

    /// `None` if `exc` is not the handler's type (which the registry rules
    /// out); the future's `None` declines.
    fn handle<'a>(
        &'a self,
        req: &'a HttpRequest,
        exc: &'a dyn Any,
    ) -> Option<LocalBoxFuture<'a, Option<HttpResponse>>>;
}

impl<H: ExceptionHandler> ErasedHandler for H {
    fn name(&self) -> &'static str {
        ExceptionHandler::name(self)
    }

    fn handle<'a>(
        &'a self,
        req: &'a HttpRequest,
        exc: &'a dyn Any,
    ) -> Option<LocalBoxFuture<'a, Option<HttpResponse>>> {
        let exc = exc.downcast_ref::<H::Exception>()?;
        Some(ExceptionHandler::handle(self, req, exc))
    }
}
