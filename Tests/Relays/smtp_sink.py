#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd, Debian's python3-aiosmtpd) for followupd's
end-to-end tests: listens on 127.0.0.1:PORT (0 picks one; printed as the first
line on stdout) and writes each message it accepts to DIR/N.eml, with the
envelope in DIR/N.json. Run with /usr/bin/python3 (Debian's)."""
import json, os, signal, socket, sys, threading, time
from aiosmtpd.controller import Controller

directory = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
if port == 0:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
counter = {"n": 0}
lock = threading.Lock()


class Sink:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            counter["n"] += 1
            n = counter["n"]
        path = os.path.join(directory, "%d" % n)
        with open(path + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        with open(path + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path + ".eml")
        return "250 Message accepted for delivery"


controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
done = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: done.set())
done.wait()
controller.stop()
