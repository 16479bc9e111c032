//! The reason phrases that become the default `detail`.
//!
//! FastAPI's default detail is `http.HTTPStatus(code).phrase`, which changed in
//! CPython 3.13. We use the CPython 3.11/3.12 table, the one behind every
//! FastAPI response in the reference captures: `"I'm a Teapot"`,
//! `"Unprocessable Entity"`, `"Request Entity Too Large"`. A code with no phrase
//! gets `""`, as current Starlette does.

macro_rules! reason_table {
    ($($code:literal => $phrase:literal,)*) => {
        /// The reason phrase FastAPI uses as the default `detail` for `status`.
        ///
        /// The table is CPython 3.11's `http.HTTPStatus`; codes it does not list
        /// give `""`.
        ///
        /// ```
        /// use actix_api_error::reason_phrase;
        ///
        /// assert_eq!(reason_phrase(404), "Not Found");
        /// assert_eq!(reason_phrase(418), "I'm a Teapot");
        /// assert_eq!(reason_phrase(499), "");
        /// ```
        #[must_use]
        pub const fn reason_phrase(status: u16) -> &'static str {
            match status {
                $($code => $phrase,)*
                _ => "",
            }
        }

        /// `{"detail":"<reason phrase>"}`, built at compile time.
        pub const fn reason_body(status: u16) -> &'static [u8] {
            match status {
                $($code => concat!("{\"detail\":\"", $phrase, "\"}").as_bytes(),)*
                _ => b"{\"detail\":\"\"}",
            }
        }
    };
}

reason_table! {
    100 => "Continue",
    101 => "Switching Protocols",
    102 => "Processing",
    103 => "Early Hints",
    200 => "OK",
    201 => "Created",
    202 => "Accepted",
    203 => "Non-Authoritative Information",
    204 => "No Content",
    205 => "Reset Content",
    206 => "Partial Content",
    207 => "Multi-Status",
    208 => "Already Reported",
    226 => "IM Used",
    300 => "Multiple Choices",
    301 => "Moved Permanently",
    302 => "Found",
    303 => "See Other",
    304 => "Not Modified",
    305 => "Use Proxy",
    307 => "Temporary Redirect",
    308 => "Permanent Redirect",
    400 => "Bad Request",
    401 => "Unauthorized",
    402 => "Payment Required",
    403 => "Forbidden",
    404 => "Not Found",
    405 => "Method Not Allowed",
    406 => "Not Acceptable",
    407 => "Proxy Authentication Required",
    408 => "Request Timeout",
    409 => "Conflict",
    410 => "Gone",
    411 => "Length Required",
    412 => "Precondition Failed",
    413 => "Request Entity Too Large",
    414 => "Request-URI Too Long",
    415 => "Unsupported Media Type",
    416 => "Requested Range Not Satisfiable",
    417 => "Expectation Failed",
    418 => "I'm a Teapot",
    421 => "Misdirected Request",
    422 => "Unprocessable Entity",
    423 => "Locked",
    424 => "Failed Dependency",
    425 => "Too Early",
    426 => "Upgrade Required",
    428 => "Precondition Required",
    429 => "Too Many Requests",
    431 => "Request Header Fields Too Large",
    451 => "Unavailable For Legal Reasons",
    500 => "Internal Server Error",
    501 => "Not Implemented",
    502 => "Bad Gateway",
    503 => "Service Unavailable",
    504 => "Gateway Timeout",
    505 => "HTTP Version Not Supported",
    506 => "Variant Also Negotiates",
    507 => "Insufficient Storage",
    508 => "Loop Detected",
    510 => "Not Extended",
    511 => "Network Authentication Required",
}

#[cfg(test)]
mod tests {
    use super::{reason_body, reason_phrase};

    #[test]
    fn bodies_match_phrases() {
        for code in 100..=599 {
            let expected = serde_json::json!({ "detail": reason_phrase(code) }).to_string();
            assert_eq!(reason_body(code), expected.as_bytes(), "status {code}");
        }
    }
}
