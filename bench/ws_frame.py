"""One client declares a 1 GiB WebSocket text frame and streams its payload;
prints the close code the server answers with and how many payload bytes were
sent before it closed (BENCHMARKS.md, `ONLY=hostile bench/instructions.sh`).

    python3 bench/ws_frame.py PORT PATH
"""
import base64, os, socket, struct, sys

port, path = int(sys.argv[1]), sys.argv[2]
conn = socket.create_connection(("127.0.0.1", port))
key = base64.b64encode(os.urandom(16)).decode()
conn.sendall((f"GET {path} HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
head = b""
while b"\r\n\r\n" not in head:
    head += conn.recv(4096)
assert head.startswith(b"HTTP/1.1 101"), head
rest = head.split(b"\r\n\r\n", 1)[1]
# FIN + text, masked, 64-bit length: 1 GiB.
conn.sendall(bytes([0x81, 0x80 | 127]) + struct.pack(">Q", 1 << 30) + b"\0\0\0\0")
chunk, sent = b"a" * (1 << 20), 0
conn.settimeout(0.05)
while sent < 1 << 30:
    try:
        conn.sendall(chunk)
    except (BrokenPipeError, ConnectionResetError):
        break
    sent += len(chunk)
    try:
        data = conn.recv(4096)
    except socket.timeout:
        continue
    rest += data
    if not data or len(rest) >= 4:  # closed, or the close frame's code is in
        break
conn.settimeout(5)
try:
    while len(rest) < 4:
        data = conn.recv(4096)
        if not data:
            break
        rest += data
except (socket.timeout, ConnectionResetError):
    pass
code = struct.unpack(">H", rest[2:4])[0] if len(rest) >= 4 and rest[0] & 0x0F == 8 else None
print(code, sent)
