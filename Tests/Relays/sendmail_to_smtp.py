#!/usr/bin/python3
"""A sendmail for followupd's end-to-end tests: reads the message on stdin
and submits it, byte for byte, to the SMTP server on 127.0.0.1:PORT (the
aiosmtpd sink, smtp_sink.py) for the recipients after `--`, as a real
sendmail would queue it. A receiver's `path` takes no arguments, so a test
names a two-line shell script that runs this one with the sink's PORT first.
Exits 75 (EX_TEMPFAIL) when the sink cannot be reached, 64 without `--`.

usage: sendmail_to_smtp.py PORT [-oi] -- RECIPIENT..."""
import smtplib, sys

args = sys.argv[1:]
if len(args) < 2 or "--" not in args:
    sys.exit(64)
port = int(args[0])
recipients = args[args.index("--") + 1:]
message = sys.stdin.buffer.read()
try:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.sendmail("sendmail@followupd.test", recipients, message)
except (OSError, smtplib.SMTPException) as error:
    print(error, file=sys.stderr)
    sys.exit(75)
