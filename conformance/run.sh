#!/usr/bin/env bash
# The conformance suite: FastAPI (app.py) and its Rust twin (src/main.rs) side
# by side on loopback, every request of corpus.py sent to both, answers compared
# byte for byte (status, body, content-type, allow, x-error, x-error-id).
# From the repository root:
#
#     conformance/run.sh           # summary and every unexplained difference
#     conformance/run.sh --show    # also every documented difference
#
# Also compares the two /openapi.json documents (openapi.py): both valid
# OpenAPI 3.1, the 422 parts and validation schemas equal.
#
# Exits non-zero if a difference is not listed in differences.json (each entry
# is explained in the README's "Where ours differ"). Needs python3 with venv and
# the package registries (PyPI, crates.io).
set -euo pipefail
cd "$(dirname "$0")"
export RUST_BACKTRACE=0
FASTAPI_PORT=${FASTAPI_PORT:-8911}
RUST_PORT=${RUST_PORT:-8912}

if ! .venv/bin/python -c 'import fastapi, uvicorn, multipart, openapi_spec_validator' 2> /dev/null; then
    python3 -m venv .venv
    .venv/bin/pip install --quiet "fastapi==0.165.*" "pydantic==2.14.*" uvicorn python-multipart \
        "openapi-spec-validator==0.7.*"
fi
cargo build --release --quiet -p actix-api-error-conformance

PIDS=()
trap 'kill "${PIDS[@]}" 2> /dev/null || true' EXIT
.venv/bin/uvicorn app:app --host 127.0.0.1 --port "$FASTAPI_PORT" --log-level warning \
    > /dev/null 2>&1 &
PIDS+=($!)
PORT=$RUST_PORT ../target/release/actix-api-error-conformance > /dev/null 2>&1 &
PIDS+=($!)
for port in "$FASTAPI_PORT" "$RUST_PORT"; do
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/ok" && break
        sleep 0.1
    done
done

echo "FastAPI $(.venv/bin/python -c 'import fastapi; print(fastapi.__version__)')," \
    "pydantic $(.venv/bin/python -c 'import pydantic; print(pydantic.VERSION)')"
.venv/bin/python openapi.py "$FASTAPI_PORT" "$RUST_PORT"
.venv/bin/python compare.py "$FASTAPI_PORT" "$RUST_PORT" "$@"
