"""Sends every request of the corpus to FastAPI and to the Rust twin, and
reports which answers are identical: status, body bytes and the headers that
carry meaning (content-type, allow, x-error; x-error-id by presence).

    python compare.py FASTAPI_PORT RUST_PORT [--show] [--only PREFIX]"""

import http.client
import json
import sys

from corpus import cases

COMPARED = ["content-type", "allow", "x-error", "www-authenticate"]
# Differences we keep on purpose, each explained in the README's
# "Where ours differ": a prefix of the case name -> the reason.
EXPLAINED = json.load(open(__file__.replace("compare.py", "differences.json")))


def send(port, method, target, headers, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    # One Host for both servers: a header model echoes every header it received.
    connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    connection.putheader("host", "conformance")
    for name, value in headers.items():
        connection.putheader(name, value.encode("latin-1"))
    if body is not None:
        connection.putheader("content-length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    data = response.read()
    kept = {name: response.getheader(name) for name in COMPARED if response.getheader(name)}
    if response.getheader("x-error-id"):
        kept["x-error-id"] = "<present>"
    connection.close()
    return response.status, kept, data


def main():
    fastapi_port, rust_port = int(sys.argv[1]), int(sys.argv[2])
    show = "--show" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    identical, explained, unexplained = 0, [], []
    for name, method, target, headers, body in cases():
        if not name.startswith(only):
            continue
        theirs = send(fastapi_port, method, target, headers, body)
        ours = send(rust_port, method, target, headers, body)
        if theirs == ours:
            identical += 1
            continue
        reason = next((why for prefix, why in EXPLAINED.items() if name.startswith(prefix)), None)
        (explained if reason else unexplained).append((name, reason, theirs, ours))
    total = identical + len(explained) + len(unexplained)
    print(f"{total} requests: {identical} identical, {len(explained)} different as documented, "
          f"{len(unexplained)} unexplained")
    for name, reason, theirs, ours in (explained if show else []) + unexplained:
        print(f"\n## {name}" + (f"  [{reason}]" if reason else "  [UNEXPLAINED]"))
        print(f"  FastAPI: {theirs[0]} {theirs[1]} {theirs[2][:400]!r}")
        print(f"  ours:    {ours[0]} {ours[1]} {ours[2][:400]!r}")
    sys.exit(1 if unexplained else 0)


if __name__ == "__main__":
    main()
