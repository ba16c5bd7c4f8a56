#!/usr/bin/env python3
"""A real webhook relay for followupd's end-to-end tests and benchmark.

Listens on 127.0.0.1:PORT (0 picks one; the chosen port is printed as the first
line on stdout), verifies each POST's HMAC-SHA256 signature
(X-Followupd-Signature: v1=hex(HMAC(secret, TIMESTAMP + "." + BODY))) and its
Idempotency-Key, and appends one JSON line per request to --log:
{"key", "id", "ids", "sig_ok", "key_ok", "count", "status", "t", "extra", "body"}
("body": the parsed JSON, or the text when it is not JSON).
A body is one notification object (the key must be its "id") or, with the
receiver's `batch:` above 1, a JSON array of them (the key must be the id of an
array of one, else "batch-" + hex SHA-256 of the ids, each followed by "\n";
X-Followupd-Count must be the length). Answers --status (200 by default), or
422 to any request holding a notification for --refuse-lead; --delay N
answers N seconds after logging the request; --idle-close N closes a
keep-alive connection idle N seconds.
With --quiet and no --log it only counts (the benchmark), printing the count
and the first/last arrival times to --count-file on SIGTERM.

It also stands in for Slack and Teams incoming webhooks: a POST to a path
starting /slack/ must have the message shape Slack documents for incoming
webhooks ({"text", "blocks"} of Block Kit sections, fields, actions and
context, mrkdwn text with &, < and > escaped); one to /teams/ the shape Teams
documents ({"type": "message", "attachments": [one Adaptive Card 1.4]}).
Such requests are not signed; each is logged with "shape" (slack or teams),
"problems" (what breaks the shape, empty when it holds) and "body" (the parsed
JSON), and answered 400 when the shape breaks, as Slack answers invalid_payload.
"""
import argparse, hmac, hashlib, json, re, signal, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from parent_watch import follow_parent

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, default=0)
p.add_argument("--secret-file")
p.add_argument("--log")
p.add_argument("--status", type=int, default=200)
p.add_argument("--count-file")
p.add_argument("--refuse-lead")
p.add_argument("--delay", type=float, default=0, help="seconds to wait before answering (after logging)")
p.add_argument("--idle-close", type=float, default=0,
               help="close a keep-alive connection idle this many seconds (as relays and proxies do)")
args = p.parse_args()
secret = open(args.secret_file, "rb").read().rstrip(b"\r\n") if args.secret_file else None
lock = threading.Lock()
log = open(args.log, "a", buffering=1) if args.log else None
stats = {"count": 0, "first": None, "last": None, "bad": 0}


def mrkdwn_problems(text, where, limit):
    """Slack reads &, < and > as control characters: user text must carry them as entities."""
    out = []
    if not isinstance(text, str) or not text:
        return [f"{where}: text must be a non-empty string"]
    if len(text) > limit:
        out.append(f"{where}: longer than {limit}")
    if "<" in text or ">" in text:
        out.append(f"{where}: unescaped < or > in {text!r}")
    if re.search(r"&(?!amp;|lt;|gt;)", text):
        out.append(f"{where}: unescaped & in {text!r}")
    return out


def text_object_problems(obj, where, limit):
    if not isinstance(obj, dict) or obj.get("type") not in ("mrkdwn", "plain_text"):
        return [f"{where}: not a text object"]
    if obj["type"] == "plain_text":
        return [] if isinstance(obj.get("text"), str) and obj["text"] else [f"{where}: empty plain_text"]
    return mrkdwn_problems(obj.get("text"), where, limit)


def slack_problems(body):
    """Slack's incoming-webhook message: text (the notification fallback) and blocks."""
    if not isinstance(body, dict):
        return ["body is not an object"]
    out = [f"unknown top-level key {k}" for k in body if k not in ("text", "blocks")]
    out += mrkdwn_problems(body.get("text"), "text", 40000)
    blocks = body.get("blocks")
    if not isinstance(blocks, list) or not blocks or len(blocks) > 50:
        return out + ["blocks must be a list of 1 to 50 blocks"]
    for i, block in enumerate(blocks):
        kind = block.get("type") if isinstance(block, dict) else None
        where = f"blocks[{i}] ({kind})"
        if kind == "section":
            if "text" not in block and "fields" not in block:
                out.append(f"{where}: a section needs text or fields")
            if "text" in block:
                out += text_object_problems(block["text"], where, 3000)
            fields = block.get("fields", [])
            if not isinstance(fields, list) or len(fields) > 10:
                out.append(f"{where}: at most 10 fields")
            for j, field in enumerate(fields if isinstance(fields, list) else []):
                out += text_object_problems(field, f"{where}.fields[{j}]", 2000)
        elif kind == "actions":
            for j, element in enumerate(block.get("elements", [])):
                if element.get("type") != "button" or not isinstance(element.get("url"), str) \
                        or not element["url"].startswith(("http://", "https://")) or len(element["url"]) > 3000:
                    out.append(f"{where}.elements[{j}]: a button needs an http(s) url")
                out += text_object_problems(element.get("text"), f"{where}.elements[{j}].text", 75)
                if element.get("text", {}).get("type") != "plain_text":
                    out.append(f"{where}.elements[{j}]: a button's text is plain_text")
        elif kind == "context":
            elements = block.get("elements")
            if not isinstance(elements, list) or not elements or len(elements) > 10:
                out.append(f"{where}: 1 to 10 elements")
            for j, element in enumerate(elements or []):
                out += text_object_problems(element, f"{where}.elements[{j}]", 3000)
        else:
            out.append(f"{where}: unexpected block type")
    return out


def teams_problems(body):
    """Teams' incoming webhook (and Workflows): a message with one Adaptive Card attachment."""
    if not isinstance(body, dict) or body.get("type") != "message":
        return ['body must be {"type": "message", ...}']
    attachments = body.get("attachments")
    if not isinstance(attachments, list) or len(attachments) != 1:
        return ["attachments must hold one card"]
    a = attachments[0]
    out = []
    if a.get("contentType") != "application/vnd.microsoft.card.adaptive":
        out.append("contentType must be application/vnd.microsoft.card.adaptive")
    card = a.get("content")
    if not isinstance(card, dict) or card.get("type") != "AdaptiveCard" or card.get("version") != "1.4":
        return out + ['content must be {"type": "AdaptiveCard", "version": "1.4", ...}']
    items = card.get("body")
    if not isinstance(items, list) or not items:
        out.append("the card needs a body")
    for i, item in enumerate(items or []):
        kind = item.get("type")
        if kind == "TextBlock":
            if not isinstance(item.get("text"), str) or not item["text"]:
                out.append(f"body[{i}]: a TextBlock needs text")
        elif kind == "FactSet":
            facts = item.get("facts")
            if not isinstance(facts, list) or not all(isinstance(f.get("title"), str) and isinstance(f.get("value"), str)
                                                      for f in facts):
                out.append(f"body[{i}]: facts must be {{title, value}} strings")
        else:
            out.append(f"body[{i}]: unexpected element {kind}")
    for i, action in enumerate(card.get("actions", [])):
        if action.get("type") != "Action.OpenUrl" or not str(action.get("url", "")).startswith(("http://", "https://")) \
                or not action.get("title"):
            out.append(f"actions[{i}]: an Action.OpenUrl needs a title and an http(s) url")
    return out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.startswith(("/slack/", "/teams/")):
            return self.chat(body)
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
                                      "extra": self.headers.get("X-Test-Header"),
                                      "body": parsed if parsed is not None else body.decode("utf-8", "replace")}) + "\n")
        self.answer(status)

    def chat(self, body):
        shape = "slack" if self.path.startswith("/slack/") else "teams"
        try:
            parsed = json.loads(body)
            problems = slack_problems(parsed) if shape == "slack" else teams_problems(parsed)
        except Exception as error:
            parsed, problems = None, [f"not JSON: {error}"]
        if self.headers.get("Content-Type") != "application/json":
            problems.append("Content-Type must be application/json")
        status = args.status if not problems else 400
        with lock:
            stats["count"] += 1
            if log:
                log.write(json.dumps({"key": self.headers.get("Idempotency-Key"), "shape": shape, "path": self.path,
                                      "problems": problems, "body": parsed, "status": status, "t": time.time()}) + "\n")
        self.answer(status)

    def answer(self, status):
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


if args.idle_close:
    # BaseHTTPRequestHandler's socket timeout: a connection idle that long is closed.
    Handler.timeout = args.idle_close
server = Server(("127.0.0.1", args.port), Handler)
print(server.server_address[1], flush=True)


def stop(*_):
    if args.count_file:
        with open(args.count_file, "w") as f:
            json.dump(stats, f)
    threading.Thread(target=server.shutdown).start()


signal.signal(signal.SIGTERM, stop)
follow_parent(stop)
server.serve_forever()
