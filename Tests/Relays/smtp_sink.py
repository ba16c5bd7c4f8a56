#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) for followupd's
end-to-end tests: listens on 127.0.0.1:PORT (0 picks one; printed as the first
line on stdout) and writes each message it accepts to DIR/N.eml, with the
envelope in DIR/N.json (with "tls": whether STARTTLS was on, and "login":
who authenticated), and the message as Python's email package reads it:
"content_type", "from_header" (RFC 2047 words decoded), "from_name" and
"from_address" (the sender's display name and address), "defects" and "parts" (each
leaf part's type and decoded body). Run with /usr/bin/python3 (Debian's).

usage: smtp_sink.py DIR [PORT] [--tls CERT KEY] [--auth USER:PASSWORD]
With --tls it offers STARTTLS and refuses mail before it; with --auth it
offers AUTH PLAIN and LOGIN (after STARTTLS) and refuses mail without it."""
import argparse, email, email.policy, json, os, signal, socket, ssl, sys, threading, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from parent_watch import follow_parent

ap = argparse.ArgumentParser()
ap.add_argument("directory")
ap.add_argument("port", type=int, nargs="?", default=0)
ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
ap.add_argument("--auth", metavar="USER:PASSWORD")
a = ap.parse_args()
directory = a.directory
port = a.port
if port == 0:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
counter = {"n": 0}
lock = threading.Lock()


def mime(raw):
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = [{"type": part.get_content_type(), "body": part.get_content()}
                 for part in message.walk() if not part.is_multipart()]
        sender = getattr(message["From"], "addresses", ())
        return {"content_type": message.get_content_type(), "from_header": str(message["From"]), "parts": parts,
                "from_name": sender[0].display_name if sender else None,
                "from_address": sender[0].addr_spec if sender else None,
                "defects": [str(d) for part in message.walk() for d in part.defects]}
    except Exception as error:
        return {"parse_error": str(error)}


class Sink:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            counter["n"] += 1
            n = counter["n"]
        path = os.path.join(directory, "%d" % n)
        raw = envelope.original_content or envelope.content
        # Written aside and renamed, like the .eml: a test polling for N.json never reads half of it.
        with open(path + ".json.tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "tls": session.ssl is not None,
                       "login": session.auth_data if session.authenticated else None, **mime(raw)}, f)
        os.rename(path + ".json.tmp", path + ".json")
        with open(path + ".tmp", "wb") as f:
            f.write(raw)
        os.rename(path + ".tmp", path + ".eml")
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    user, _, password = a.auth.partition(":")
    ok = auth_data.login == user.encode() and auth_data.password == password.encode()
    return AuthResult(success=ok, auth_data=f"{mechanism} {user}" if ok else None)


options = {}
if a.tls:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*a.tls)
    options.update(tls_context=context, require_starttls=True)
if a.auth:
    options.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(a.tls))
controller = Controller(Sink(), hostname="127.0.0.1", port=port, **options)
controller.start()
print(port, flush=True)

done = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: done.set())
follow_parent(done.set)
done.wait()
controller.stop()
