//! Mistakes are compile errors that point at the mistake and say the fix
//! (`ui/tests/cases/**/*.stderr`); correct uses compile (`ui/tests/cases/pass`).
//!
//! After a deliberate change to a message: `TRYBUILD=overwrite cargo test -p actix-api-error-ui`,
//! then read the new `.stderr` files.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/cases/api_error/*.rs");
    t.compile_fail("tests/cases/exception_handler/*.rs");
    t.compile_fail("tests/cases/route/*.rs");
    t.compile_fail("tests/cases/mistakes/*.rs");
    t.pass("tests/cases/pass/*.rs");
}
