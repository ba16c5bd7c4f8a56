#!/usr/bin/env python3
"""A real webhook relay for followupd's end-to-end tests and benchmark.

Listens on 127.0.0.1:PORT (0 picks one; the chosen port is printed as the first
line on stdout), verifies each POST's HMAC-SHA256 signature
(X-Followupd-Signature: v1=hex(HMAC(secret, TIMESTAMP + "." + BODY))) and its
Idempotency-Key, and appends one JSON line per request to --log:
{"key", "id", "ids", "sig_ok", "key_ok", "count", "status", "t", "extra"}.
A body is one notification object (the key must be its "id") or, with the
receiver's `batch:` above 1, a JSON array of them (the key must be the id of an
array of one, else "batch-" + hex SHA-256 of the ids, each followed by "\n";
X-Followupd-Count must be the length). Answers --status (200 by default), or
422 to any request holding a notification for --refuse-lead; --delay N
answers N seconds after logging the request.
With --quiet and no --log it only counts (the benchmark), printing the count
and the first/last arrival times to --count-file on SIGTERM.
"""
import argparse, hmac, hashlib, json, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, default=0)
p.add_argument("--secret-file")
p.add_argument("--log")
p.add_argument("--status", type=int, default=200)
p.add_argument("--count-file")
p.add_argument("--refuse-lead")
p.add_argument("--delay", type=float, default=0, help="seconds to wait before answering (after logging)")
args = p.parse_args()
secret = open(args.secret_file, "rb").read().rstrip(b"\r\n") if args.secret_file else None
lock = threading.Lock()
log = open(args.log, "a", buffering=1) if args.log else None
stats = {"count": 0, "first": None, "last": None, "bad": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        key = self.headers.get("Idempotency-Key")
        sig_ok = None
        if secret is not None:
            ts = self.headers.get("X-Followupd-Timestamp", "")
            want = "v1=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
            sig_ok = hmac.compare_digest(want, self.headers.get("X-Followupd-Signature", ""))
        try:
            parsed = json.loads(body)
        except Exception:
            parsed = None
        batch = isinstance(parsed, list)
        items = parsed if batch else [parsed] if isinstance(parsed, dict) else []
        ids = [n.get("id") for n in items]
        nid = None if batch else (ids[0] if ids else None)
        if len(ids) == 1:
            want = ids[0]
        else:
            want = "batch-" + hashlib.sha256("".join(f"{i}\n" for i in ids).encode()).hexdigest()
        count = self.headers.get("X-Followupd-Count")
        key_ok = key == want and (count is None if not batch else count == str(len(ids)))
        status = args.status if (sig_ok is not False) else 401
        if args.refuse_lead and any(n.get("lead") == args.refuse_lead for n in items):
            status = 422
        now = time.time()
        with lock:
            stats["count"] += len(ids)
            stats["first"] = stats["first"] or now
            stats["last"] = now
            if sig_ok is False or not key_ok:
                stats["bad"] += 1
            if log:
                log.write(json.dumps({"key": key, "id": nid, "ids": ids, "sig_ok": sig_ok, "key_ok": key_ok,
                                      "count": count, "status": status, "t": now,
                                      "extra": self.headers.get("X-Test-Header")}) + "\n")
        if args.delay:
            time.sleep(args.delay)
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


class Server(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 1024


server = Server(("127.0.0.1", args.port), Handler)
print(server.server_address[1], flush=True)


def stop(*_):
    if args.count_file:
        with open(args.count_file, "w") as f:
            json.dump(stats, f)
    threading.Thread(target=server.shutdown).start()


signal.signal(signal.SIGTERM, stop)
server.serve_forever()
