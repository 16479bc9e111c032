//! The quickstart's own tests (`examples/tests/quickstart.rs`, shown in the
//! README), compiled with the example's code.

#[allow(dead_code)] // its `main` runs the example
#[path = "../examples/quickstart.rs"]
mod quickstart;
