#!/usr/bin/env bash
# Load benchmarks, as reported in BENCHMARKS.md. From the repository root:
#
#     bench/run.sh                 # both parts
#     bench/run.sh mix             # 1. the load mix on our server: errors, statuses, RSS
#     bench/run.sh routes          # 2. each route side by side: hand-written actix, ours, FastAPI
#
# Settings (environment): MIX_SECONDS (45), ROUTE_SECONDS (10), ROUNDS (3),
# CONNECTIONS (256), THREADS (wrk threads, 1), WORKERS (server workers, 1).
# Needs wrk (Debian: apt-get install wrk) and python3 with venv for FastAPI.
set -euo pipefail
cd "$(dirname "$0")/.."
# A panic's backtrace would be captured on every panicking request: servers in
# production run without, and so do the figures here.
export RUST_BACKTRACE=0

MIX_SECONDS=${MIX_SECONDS:-45}
ROUTE_SECONDS=${ROUTE_SECONDS:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-256}
THREADS=${THREADS:-1}
export WORKERS=${WORKERS:-1}
PART=${1:-all}

if ! command -v wrk > /dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        apt-get install -y -qq wrk > /dev/null
    else
        echo "wrk is missing: apt-get install wrk" >&2
        exit 1
    fi
fi

cargo build --release --quiet -p actix-api-error-bench
PIDS=()
trap 'kill "${PIDS[@]}" 2> /dev/null || true' EXIT

# start NAME PORT COMMAND...: run a server in the background, wait until it answers.
start() {
    local name=$1 port=$2
    shift 2
    PORT=$port "$@" > /dev/null 2>&1 &
    PIDS+=($!)
    eval "PID_$name=$!"
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/ok" && return
        sleep 0.1
    done
    echo "$name did not start" >&2
    exit 1
}

# load PORT SECONDS PATHS...: prints wrk's RESULT line (requests, rps, socket errors, statuses).
load() {
    local port=$1 seconds=$2
    shift 2
    PATHS=$(IFS=,; echo "$*") wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" \
        -s bench/wrk.lua "http://127.0.0.1:$port" | grep '^RESULT'
}

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
# cpu PID: the process's user+system CPU time, in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
calc() { awk "BEGIN { printf \"%.${2:-0}f\", $1 }"; }
rss() { ps -o rss= -p "$1" | tr -d ' '; }

machine() {
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
        "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -r)"
    echo "wrk -t$THREADS -c$CONNECTIONS, server workers: $WORKERS; $(rustc --version)"
}

mix() {
    echo "## 1. Load mix on ours: ${MIX_SECONDS}s"
    machine
    start ours 8101 target/release/ours
    local paths=(/ok /items/404 /items/foo /unicorns/yolo /panic)
    local started warmed after result
    started=$(rss "$PID_ours")
    load 8101 5 "${paths[@]}" > /dev/null # warm up
    warmed=$(rss "$PID_ours")
    result=$(load 8101 "$MIX_SECONDS" "${paths[@]}")
    after=$(rss "$PID_ours")
    echo
    echo "paths, in turn: ${paths[*]}"
    echo "| requests | requests/s | socket errors | statuses | RSS at start | after 5 s warm-up | after the run |"
    echo "|---|---|---|---|---|---|---|"
    echo "| $(echo "$result" | field requests) | $(echo "$result" | field rps) |" \
        "$(echo "$result" | field socket_errors) | $(echo "$result" | field statuses) |" \
        "${started} KiB | ${warmed} KiB | ${after} KiB |"
    kill "$PID_ours"
}

routes() {
    echo "## 2. Routes side by side: ${ROUNDS} rounds of ${ROUTE_SECONDS}s per server and route (medians)"
    machine
    if [ ! -x bench/.venv/bin/uvicorn ]; then
        python3 -m venv bench/.venv
        bench/.venv/bin/pip install --quiet fastapi 'uvicorn[standard]'
    fi
    echo "FastAPI $(bench/.venv/bin/python -c 'import fastapi; print(fastapi.__version__)')," \
        "uvicorn $(bench/.venv/bin/python -c 'import uvicorn; print(uvicorn.__version__)')"
    start handwritten 8201 target/release/handwritten
    start ours 8202 target/release/ours
    start fastapi 8203 bench/.venv/bin/uvicorn fastapi_app:app --app-dir bench --host 127.0.0.1 \
        --port 8203 --workers "$WORKERS" --log-level warning --no-access-log
    local -A pid=([8201]=$PID_handwritten [8202]=$PID_ours [8203]=$PID_fastapi)
    local ticks
    ticks=$(getconf CLK_TCK)
    echo
    echo "requests/s (and server CPU µs per request; FastAPI's is its worker's, not its master's)"
    echo
    echo "| route | status | hand-written actix | ours | FastAPI | ours / hand-written | ours / FastAPI |"
    echo "|---|---|---|---|---|---|---|"
    for route in /ok /items/404 /items/foo /unicorns/yolo; do
        local -A rps=([8201]="" [8202]="" [8203]="") cost=([8201]="" [8202]="" [8203]="")
        local status=""
        for round in $(seq "$ROUNDS"); do
            # Alternate the order, so that drift on a shared machine cancels out.
            local ports=(8201 8202 8203)
            [ $((round % 2)) = 0 ] && ports=(8203 8202 8201)
            for port in "${ports[@]}"; do
                load "$port" 2 "$route" > /dev/null # warm up
                local server=${pid[$port]} before after result
                [ "$port" = 8203 ] && server=$(pgrep -P "$server" | head -1 || echo "$server")
                before=$(cpu "$server")
                result=$(load "$port" "$ROUTE_SECONDS" "$route")
                after=$(cpu "$server")
                rps[$port]+="$(echo "$result" | field rps) "
                cost[$port]+="$(calc "($after - $before) * 1000000 / $ticks / $(echo "$result" | field requests)" 2) "
                [ "$port" = 8202 ] && status=$(echo "$result" | field statuses)
                [ "$(echo "$result" | field socket_errors)" = 0 ] || echo "socket errors on $port: $result" >&2
            done
        done
        local -A r c
        for port in 8201 8202 8203; do
            r[$port]=$(echo "${rps[$port]}" | tr ' ' '\n' | grep . | median)
            c[$port]=$(echo "${cost[$port]}" | tr ' ' '\n' | grep . | median)
        done
        echo "| $route | ${status%%=*} | $(calc "${r[8201]}") (${c[8201]} µs) |" \
            "$(calc "${r[8202]}") (${c[8202]} µs) | $(calc "${r[8203]}") (${c[8203]} µs) |" \
            "$(calc "${r[8202]} / ${r[8201]}" 3) | $(calc "${r[8202]} / ${r[8203]}" 1) |"
    done
}

case $PART in
    mix) mix ;;
    routes) routes ;;
    all) mix; echo; routes ;;
    *) echo "usage: bench/run.sh [mix|routes]" >&2; exit 2 ;;
esac
