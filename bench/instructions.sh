#!/usr/bin/env bash
# Instructions per request, server side, counted by valgrind's callgrind: the
# same for every run of the same binary and requests, whatever else the machine
# is doing. Each server answers 200 requests to warm up, then N more on one
# keep-alive connection with the counters on (BENCHMARKS.md).
#
#     bench/instructions.sh                    # N=2000, every section
#     ONLY=vocabulary bench/instructions.sh    # one section: errors, i18n, macros, vocabulary or hostile
set -euo pipefail
cd "$(dirname "$0")/.."
# A panic's backtrace would be captured on every panicking request: servers in
# production run without, and so do the figures here.
export RUST_BACKTRACE=0
N=${N:-2000}
OUT=target/instructions
mkdir -p "$OUT"
# One codegen unit: with the default 16, which unit a generic function lands in
# decides what can be inlined into it, and an unrelated change moved one figure
# by 13% (serde_json's loop for a list, split from its caller). Both servers are
# built alike, in a target directory of their own.
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
BIN=target/bench/release
# FEATURES=observed: request ids and metrics on (the bench crate's feature).
CARGO_TARGET_DIR=target/bench cargo build --release --quiet -p actix-api-error-bench ${FEATURES:+--features "$FEATURES"}

# send PORT ROUTE COUNT: COUNT requests on one connection, each response read
# whole. ROUTE is a path (GET) or "POST path body".
send() {
    python3 - "$@" << 'EOF'
import os, socket, sys
port, route, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
method, path, body = ("GET", route, "") if " " not in route else (route.split(" ", 2) + [""])[:3]
if body.startswith("@"):  # the body is a file's contents
    body = open(body[1:], encoding="latin-1").read()
content_type = "application/json"
if method == "FORM":  # a URL-encoded form
    method, content_type = "POST", "application/x-www-form-urlencoded"
elif method in ("MULTIPART", "UPLOAD"):  # the same fields as multipart, or a 1 KiB file
    parts = ([("username", "ann", ""), ("password", "secret", "")] if method == "MULTIPART"
             else [("file", "x" * 1024, '; filename="a.txt"\r\nContent-Type: text/plain')])
    body = "".join(f'--XyZ\r\nContent-Disposition: form-data; name="{name}"{extra}\r\n\r\n{value}\r\n'
                   for name, value, extra in parts) + "--XyZ--\r\n"
    method, content_type = "POST", "multipart/form-data; boundary=XyZ"
language = f"accept-language: {os.environ['ACCEPT_LANGUAGE']}\r\n" if os.environ.get("ACCEPT_LANGUAGE") else ""
request = (f"{method} {path} HTTP/1.1\r\nHost: bench\r\ncontent-type: {content_type}\r\n"
           f"x-token: secret\r\n{language}content-length: {len(body.encode())}\r\n\r\n{body}").encode()
connection = reader = None


def exchange():
    """One request and its whole response; False if the connection was closed."""
    global connection, reader
    if connection is None:
        connection = socket.create_connection(("127.0.0.1", port))
        reader = connection.makefile("rb")
    try:
        connection.sendall(request)
        status = reader.readline()
    except (BrokenPipeError, ConnectionResetError):
        status = b""
    if not status:
        connection.close()
        connection = None
        return False
    length, close = 0, False
    while (line := reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
        close |= line.lower().startswith(b"connection: close")
    reader.read(length)
    if close:  # answered before the body was read: the next request reconnects
        connection.close()
        connection = None
    return True


for _ in range(count):
    exchange() or exchange()
EOF
}

# count SERVER ROUTE: instructions per request.
count() {
    local server=$1 route=$2 port=8700 file
    file=$OUT/$server.$(echo "$route" | tr -c 'a-z0-9\n' _).out
    rm -f "$file"*
    PORT=$port ROUTE=${ROUTE:-} valgrind --tool=callgrind --callgrind-out-file="$file" \
        "$BIN/$server" > /dev/null 2>&1 &
    local pid=$!
    for _ in $(seq 300); do
        curl -s -o /dev/null "http://127.0.0.1:$port/ok" && break
        sleep 0.2
    done
    send $port "$route" "${WARM:-200}"
    callgrind_control --zero $pid > /dev/null 2>&1
    send $port "$route" "$N"
    callgrind_control --dump $pid > /dev/null 2>&1
    kill $pid
    wait $pid 2> /dev/null || true
    local total
    total=$(cat "$file"* | awk '/^(summary|totals):/ {print $2}' | sort -n | tail -1)
    echo $((total / N))
}

ONLY=${ONLY:-all}
section() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }

if section errors; then
echo "## Instructions per request (callgrind, $N requests after 200 to warm up)"
echo "| route | hand-written actix | ours | ours / hand-written |"
echo "|---|---|---|---|"
# One request per line: a path (GET), or "METHOD path [body]".
while read -r route; do
    [ -n "$route" ] || continue
    ours=$(count ours "$route")
    hand=$(count handwritten "$route")
    echo "| $route | $hand | $ours | $(awk "BEGIN { printf \"%.3f\", $ours / $hand }") |"
    if [ "$route" = /panic ]; then
        # Unwinding itself (libgcc: raising, and resuming from each landing
        # pad) and std's panic hook (the message on stderr) are not ours to
        # make cheaper: measured apart, and the rest beside the static 500.
        inclusive() {
            for part in "$OUT"/ours._panic.out*; do
                callgrind_annotate --inclusive=yes "$part" 2> /dev/null
            done | awk -v name="$1" 'index($0, "???:" name " ") {gsub(",", "", $1); sum += $1} END {print sum + 0}'
        }
        unwind=$(($(inclusive _Unwind_RaiseException) + $(inclusive _Unwind_Resume)))
        hook=$(inclusive std::panicking::default_hook)
        rest=$((ours - (unwind + hook) / N))
        echo "| /panic: unwinding (libgcc) | — | $((unwind / N)) | — |"
        echo "| /panic: std's panic hook | — | $((hook / N)) | — |"
        echo "| /panic: the rest (ours, actix) | $hand | $rest | $(awk "BEGIN { printf \"%.3f\", $rest / $hand }") |"
    fi
done <<< "${ROUTES:-/ok
/items/404
/exception/404
/items/foo
/macro/items/foo
/actix-path/foo
POST /macro/items/1
/secure
/unicorns/yolo
/problem/items/404
/nowhere
/guarded/x
/panic}"
fi

if section i18n; then
echo
echo "## A 422 in the client's language (ours server, a scope with Languages::builtin())"
echo "| request | no languages (/nested) | languages, English | languages, German (accept-language: de) | German / English | German / no languages |"
echo "|---|---|---|---|---|---|"
plain=$(count ours /nested/items/foo)
english=$(count ours /i18n/items/foo)
german=$(ACCEPT_LANGUAGE=de count ours /i18n/items/foo)
echo "| GET …/items/foo | $plain | $english | $german | $(awk "BEGIN { printf \"%.3f\", $german / $english }") | $(awk "BEGIN { printf \"%.3f\", $german / $plain }") |"
fi

if section macros; then
echo
echo "## The same route through actix's #[post] and ours (both in the ours server)"
echo "| request | actix's #[post] | our #[post] | ours / actix's |"
echo "|---|---|---|---|"
valid='{"name": "towel", "price": 9.5}'
for request in "/products/1?limit=5 $valid" '/products/x?limit=y {"name": 1}'; do
    path=${request%% *}
    body=${request#* }
    actix=$(count ours "POST /actix$path $body")
    ours=$(count ours "POST /macro$path $body")
    echo "| POST $path $body | $actix | $ours | $(awk "BEGIN { printf \"%.3f\", $ours / $actix }") |"
done
fi

if section vocabulary; then
echo
echo "## FastAPI's vocabulary on the success path: each extractor beside the one it is measured against (vocabulary server)"
echo "| route | extractor | instructions | against | instructions | ratio |"
echo "|---|---|---|---|---|---|"
product='{"name": "towel", "price": 9.5}'
# /vocabulary/query-model?limit=5 -> query-model
route_name() { local path=${1#* }; path=${path%% *}; path=${path#/vocabulary/}; echo "${path%%\?*}"; }
while IFS='|' read -r new what old against; do
    # Each route alone beside /ok in its server: all cost the same to find.
    n=$(ROUTE=$(route_name "$new") count vocabulary "$new")
    o=$(ROUTE=$(route_name "$old") count vocabulary "$old")
    echo "| ${new%% {*} | $what | $n | $against | $o | $(awk "BEGIN { printf \"%.3f\", $n / $o }") |"
done << ROUTES
/vocabulary/query-model?limit=5|QueryModel<Limit>|/vocabulary/query?limit=5|Query<Limit>
/vocabulary/header-model|HeaderModel<Token>|/vocabulary/header|Header<Token>
POST /vocabulary/body $product|Body<Product>|POST /vocabulary/json $product|Json<Product>
POST /vocabulary/optional $product|Option<Json<Product>>|POST /vocabulary/json $product|Json<Product>
FORM /vocabulary/form-model username=ann&password=secret|FormModel<Login>|FORM /vocabulary/form username=ann&password=secret|Form<Login>
MULTIPART /vocabulary/multipart|Form<Login> (multipart)|FORM /vocabulary/form username=ann&password=secret|Form<Login>
UPLOAD /vocabulary/upload|Form<Upload> (a 1 KiB UploadFile)|MULTIPART /vocabulary/multipart|Form<Login> (multipart)
ROUTES
fi

if section hostile; then
echo
echo "## A hostile body: ours beside actix's web::Json (20 requests after 5)"
echo "| body | actix's web::Json | our Json | ours / actix's |"
echo "|---|---|---|---|"
python3 -c "import sys; sys.stdout.write('[' * (2 << 20))" > "$OUT/deep.json"
hand=$(N=20 WARM=5 count handwritten "POST /deep @$OUT/deep.json")
ours=$(N=20 WARM=5 count ours "POST /deep @$OUT/deep.json")
echo "| 2 MiB of \`[\` | $hand | $ours | $(awk "BEGIN { printf \"%.3f\", $ours / $hand }") |"

echo
echo "## A failing body beside its valid parse: our Json<Vec<i64>> (20 requests after 5)"
echo "| body | valid | last item bad | every item bad | last bad / valid | every bad / valid |"
echo "|---|---|---|---|---|---|"
for items in 10000 100000; do
    # The same list three ways: every item valid, the last one bad, all bad.
    python3 -c "
import sys
n, out = int(sys.argv[1]), sys.argv[2]
for kind, items in (('valid', ['1'] * n), ('last', ['1'] * (n - 1) + ['\"x\"']), ('every', ['\"x\"'] * n)):
    open(f'{out}/numbers.{kind}.json', 'w').write('[' + ','.join(items) + ']')" "$items" "$OUT"
    valid=$(N=20 WARM=5 count ours "POST /numbers @$OUT/numbers.valid.json")
    last=$(N=20 WARM=5 count ours "POST /numbers @$OUT/numbers.last.json")
    every=$(N=20 WARM=5 count ours "POST /numbers @$OUT/numbers.every.json")
    echo "| $items items ($(wc -c < "$OUT/numbers.valid.json") bytes) | $valid | $last | $every | $(awk "BEGIN { printf \"%.2f\", $last / $valid }") | $(awk "BEGIN { printf \"%.2f\", $every / $valid }") |"
done
echo
echo "## A WebSocket frame declaring 1 GiB (the websocket example, outside callgrind)"
CARGO_TARGET_DIR=target/bench cargo build --release --quiet -p actix-api-error-examples --example websocket --features websocket
PORT=8932 $BIN/examples/websocket > /dev/null 2>&1 &
ws=$!
for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:8932/" && break
    sleep 0.1
done
before=$(awk '/VmHWM/ {print $2}' "/proc/$ws/status")
read -r code sent < <(python3 bench/ws_frame.py 8932 "/ws/general?token=secret")
after=$(awk '/VmHWM/ {print $2}' "/proc/$ws/status")
kill $ws
wait $ws 2> /dev/null || true
echo "| close code | payload sent before the close | server peak RSS before | after |"
echo "|---|---|---|---|"
echo "| $code | $sent bytes | $before KiB | $after KiB |"
fi
