#!/usr/bin/env bash
# Compile-time cost of #[api_error] (BENCHMARKS.md): a crate with 50 error enums
# written with #[api_error], beside the same crate written with thiserror only.
# Both are actix apps (the thiserror one uses actix-web too), so the difference
# is what the attribute costs, not what loading actix-web costs.
# Both are generated under target/compile-bench, their dependencies built once,
# then hyperfine times rebuilding each crate after touching its source.
#
#     bench/compile.sh          # RUNS=10 by default; INSTRUCTIONS=0 skips callgrind
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=$ROOT/target/compile-bench
RUNS=${RUNS:-10}
ENUMS=50

if ! command -v hyperfine > /dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        apt-get install -y -qq hyperfine > /dev/null
    else
        echo "hyperfine is missing: apt-get install hyperfine" >&2
        exit 1
    fi
fi

mkdir -p "$DIR/api_error/src" "$DIR/thiserror/src"

cat > "$DIR/api_error/Cargo.toml" << EOF
[package]
name = "compile-bench-api-error"
version = "0.0.0"
edition = "2024"
publish = false
[dependencies]
actix-api-error = { path = "$ROOT/runtime" }
[workspace]
EOF
cat > "$DIR/thiserror/Cargo.toml" << EOF
[package]
name = "compile-bench-thiserror"
version = "0.0.0"
edition = "2024"
publish = false
[dependencies]
actix-web = { version = "4", default-features = false }
thiserror = "2"
[workspace]
EOF

# The same 50 enums, 5 variants each (a literal, a formatted tuple, a formatted
# struct, a header, a status), once per way of writing them.
{
    echo "#![allow(dead_code)]"
    echo "use actix_api_error::api_error;"
    for i in $(seq $ENUMS); do
        cat << EOF
#[api_error(status = 400)]
#[derive(Debug)]
pub enum Error$i {
    #[api_error(status = 404, detail = "Item $i not found")]
    NotFound,
    #[api_error(status = 409, detail = "Item {0} exists in $i")]
    Exists(String),
    #[api_error(detail = "Field {field} of $i is {reason}")]
    Invalid { field: String, reason: String },
    #[api_error(status = 429, detail = "Slow down on $i", headers(("Retry-After", "30")))]
    RateLimited,
    #[api_error(status = 503, detail = "Service $i unavailable")]
    Unavailable,
}
EOF
    done
} > "$DIR/api_error/src/lib.rs"
{
    echo "#![allow(dead_code)]"
    echo "pub use actix_web::http::StatusCode;"
    for i in $(seq $ENUMS); do
        cat << EOF
#[derive(Debug, thiserror::Error)]
pub enum Error$i {
    #[error("Item $i not found")]
    NotFound,
    #[error("Item {0} exists in $i")]
    Exists(String),
    #[error("Field {field} of $i is {reason}")]
    Invalid { field: String, reason: String },
    #[error("Slow down on $i")]
    RateLimited,
    #[error("Service $i unavailable")]
    Unavailable,
}
EOF
    done
} > "$DIR/thiserror/src/lib.rs"

export CARGO_TARGET_DIR=$DIR/target
for crate in api_error thiserror; do
    (cd "$DIR/$crate" && cargo build --quiet && cargo build --quiet --release)
done

# rustc's own instructions (callgrind), each crate rebuilt after a touch: the
# same on every run, where the times below move by 10% or more on a shared
# machine. Each is built twice under the wrapper and the second counted (the
# first refills the incremental cache that a new wrapper invalidates).
WRAPPER=$DIR/rustc-callgrind.sh
cat > "$WRAPPER" << 'EOF'
#!/usr/bin/env bash
if [[ " $* " == *" --crate-name compile_bench_"* ]]; then
    exec valgrind --tool=callgrind --callgrind-out-file="$CALLGRIND_OUT" "$@" 2> /dev/null
fi
exec "$@"
EOF
chmod +x "$WRAPPER"
instructions() { # crate [--release]
    local out=$DIR/callgrind.$1${2:-}.out
    for _ in 1 2; do
        touch "$DIR/$1/src/lib.rs"
        (cd "$DIR/$1" && CALLGRIND_OUT=$out RUSTC_WRAPPER=$WRAPPER cargo build --quiet ${2:-})
    done
    awk '/^(summary|totals):/ {print $2}' "$out" | sort -n | tail -1
}
if [ "${INSTRUCTIONS:-1}" = 1 ] && command -v valgrind > /dev/null; then
    echo "## rustc instructions: $ENUMS enums of 5 variants, rebuilt after a touch (callgrind)"
    echo "| profile | thiserror | #[api_error] | ratio |"
    echo "|---|---|---|---|"
    for flag in "" --release; do
        t=$(instructions thiserror $flag)
        a=$(instructions api_error $flag)
        echo "| ${flag:---dev} | $t | $a | $(awk "BEGIN { printf \"%.2f\", $a / $t }") |"
    done
    echo
fi

echo "## Compile time: $ENUMS enums of 5 variants, rebuilt after a touch ($RUNS runs each)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(rustc --version)"
for profile in dev release; do
    flag=""
    [ "$profile" = release ] && flag="--release"
    hyperfine --runs "$RUNS" --warmup 1 --style basic --export-markdown "$DIR/$profile.md" \
        --prepare "touch $DIR/api_error/src/lib.rs $DIR/thiserror/src/lib.rs" \
        -n "#[api_error] ($profile)" "cd $DIR/api_error && cargo build --quiet $flag" \
        -n "thiserror ($profile)" "cd $DIR/thiserror && cargo build --quiet $flag" > /dev/null
    cat "$DIR/$profile.md"
    echo
done
