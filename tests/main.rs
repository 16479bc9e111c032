//! The integration tests: each module is one area of the public API, checked
//! through real requests (`support` sends them and reads the replies).

mod support;

mod actix_extractors;
mod api_error;
mod body_params;
mod catalog;
mod constraints;
mod correlation;
mod delegation;
mod edges;
mod examples;
mod exception_handler;
mod extract;
mod extract_fuzz;
mod files;
mod hostile_input;
mod http_exception;
mod hygiene;
mod i18n;
mod metrics;
mod middleware;
mod model;
mod models;
mod openapi;
mod openapi_walk;
mod optional;
mod problem_details;
mod production;
mod pydantic_rules;
mod quickstart;
mod readme;
mod reliability;
mod routes;
mod scopes;
mod security;
mod testing;
mod websocket;
