//! `Accept-Language` (RFC 9110 §12.5.4): language ranges by quality.

/// At most this many ranges are read: a header is a short list, and one
/// that is not must not cost more.
const MAX_RANGES: usize = 16;

/// The ranges of `header` a client accepts, best first: by quality value,
/// ties in the order written; `q=0` (not acceptable) and malformed ranges
/// left out.
pub(crate) fn preferences(header: &str) -> Vec<&str> {
    let mut ranges: Vec<(&str, u16)> = header
        .split(',')
        .take(MAX_RANGES)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let range = parts.next()?.trim();
            if range.is_empty()
                || !range
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'*')
            {
                return None;
            }
            let mut quality = 1000;
            for parameter in parts {
                let (name, value) = parameter.trim().split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    quality = parse_quality(value.trim())?;
                }
            }
            (quality > 0).then_some((range, quality))
        })
        .collect();
    ranges.sort_by_key(|&(_, quality)| std::cmp::Reverse(quality)); // stable: ties keep their order
    ranges.into_iter().map(|(range, _)| range).collect()
}

/// RFC 9110's `qvalue` in thousandths: `0`, `0.5`, `1.000`; else `None`.
fn parse_quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::preferences;

    #[test]
    fn ranges_by_quality_then_order() {
        assert_eq!(
            preferences("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
            ["fr-CH", "fr", "en", "de", "*"]
        );
        assert_eq!(preferences("de;q=0.5, fr;q=0.9, it"), ["it", "fr", "de"]);
        assert_eq!(preferences("de;q=0.5, fr;q=0.5"), ["de", "fr"]);
        assert_eq!(preferences("de;q=0, fr"), ["fr"]);
        assert_eq!(
            preferences("de;q=1.0, fr;q=1.5, it;q=abc, es;q=0.1234"),
            ["de"]
        );
        assert_eq!(preferences(" DE ; Q=0.3 "), ["DE"]);
        assert_eq!(preferences(""), Vec::<&str>::new());
        assert_eq!(preferences("<script>, en"), ["en"]);
        let long = "xx, ".repeat(1000);
        assert_eq!(preferences(&long).len(), 16);
    }
}
