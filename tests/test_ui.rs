//! Mistakes are compile errors that point at the mistake and say the fix
//! (`tests/ui/**/*.stderr`); correct uses compile (`tests/ui/pass`).
//!
//! After a deliberate change to a message: `TRYBUILD=overwrite cargo test --test test_ui`,
//! then read the new `.stderr` files.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/api_error/*.rs");
    t.compile_fail("tests/ui/exception_handler/*.rs");
    t.compile_fail("tests/ui/route/*.rs");
    t.compile_fail("tests/ui/mistakes/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
