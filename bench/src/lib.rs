//! The load-benchmark servers share their port handling; see `bench/run.sh`.

/// `$PORT`, or 8000.
pub fn port() -> u16 {
    std::env::var("PORT").map_or(8000, |port| {
        port.parse().expect("PORT must be a port number")
    })
}
