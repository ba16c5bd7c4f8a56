"""What the reliability scripts (scripts/chaos, scripts/outage, scripts/hostile)
share: the real followupd started on a temp dir, its API over the Unix socket,
and the webhook relay of the tests (Tests/Relays/webhook_relay.py).

Not a script: imported by them (`sys.path` holds scripts/ when one runs).
"""
import http.client, os, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary(name, configuration, explicit=None):
    """The real followupd: `explicit`, else .build/CONFIGURATION/followupd, built
    with `swift build` when a debug binary is missing."""
    path = explicit or os.path.join(ROOT, ".build", configuration, "followupd")
    if not os.path.exists(path):
        if explicit or configuration != "debug":
            sys.exit(f"{name}: no binary at {path}")
        subprocess.run(["swift", "build", "--product", "followupd"], check=True, stdout=sys.stderr, cwd=ROOT)
    return path


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=30):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)


class Scratch:
    """A temp dir with the API socket, the config, a webhook secret (mode 0600:
    the daemon refuses secrets others can read) and the logs."""

    def __init__(self, prefix):
        self.dir = tempfile.mkdtemp(prefix=prefix)
        self.sock = os.path.join(self.dir, "api.sock")
        self.config = os.path.join(self.dir, "followupd.yaml")
        self.relay_log = os.path.join(self.dir, "relay.jsonl")
        self.daemon_log = os.path.join(self.dir, "followupd.log")
        self.secret = os.path.join(self.dir, "webhook.secret")
        fd = os.open(self.secret, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"reliability-secret\n")
        os.close(fd)

    def write_config(self, rules, receivers, extra=""):
        open(self.config, "w").write(f"""database: {self.dir}/state.sqlite
rules: {os.path.abspath(rules)}
listen: [unix:{self.sock}]
receivers:
{receivers}{extra}""")

    def webhook(self, port, in_flight=8, batch=1):
        """A webhook receiver (YAML list item) pointing at the relay on `port`."""
        return f"""  - name: relay
    kind: webhook
    url: http://127.0.0.1:{port}/reliability
    secret_file: {self.secret}
    in_flight: {in_flight}
    batch: {batch}
"""


def request(sock, method, path, body=None, timeout=30, headers=None):
    c = UnixHTTPConnection(sock, timeout)
    try:
        c.request(method, path, body=body, headers=({"Content-Type": "application/json"} if body else {}) | (headers or {}))
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def wait_until(name, cond, seconds, what, log):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if cond():
            return
        time.sleep(0.05)
    sys.exit(f"{name}: timed out waiting for {what}; the daemon's log: {log}")


class Daemon:
    """The real followupd on a scratch dir: started, killed, started again."""

    def __init__(self, name, path, scratch, procs):
        self.name, self.path, self.scratch, self.procs = name, path, scratch, procs
        self.process = None

    def ready(self):
        try:
            return request(self.scratch.sock, "GET", "/healthz", timeout=2)[0] == 200
        except OSError:
            return False

    def start(self, wait=True):
        """Starts followupd; with `wait`, until it answers /healthz 200 (a standby
        on PostgreSQL answers it 503 until it leads: pass False)."""
        if os.path.exists(self.scratch.sock):
            os.remove(self.scratch.sock)  # a killed daemon leaves its socket behind
        self.process = subprocess.Popen([self.path, "--config", self.scratch.config], stdout=subprocess.DEVNULL,
                                        stderr=open(self.scratch.daemon_log, "a"))
        self.procs.append(self.process)
        if not wait:
            return

        def up():
            if self.process.poll() is not None:  # refused its config, say: no use waiting two minutes
                sys.exit(f"{self.name}: followupd exited {self.process.returncode} at start: "
                         f"{open(self.scratch.daemon_log).read()[-2000:]}")
            return self.ready()
        wait_until(self.name, up, 120, "followupd to start", self.scratch.daemon_log)

    def request(self, method, path, body=None, timeout=30):
        return request(self.scratch.sock, method, path, body, timeout)


PG_BIN = "/usr/lib/postgresql/15/bin"


def as_postgres(argv):
    """`argv` as the postgres user when run as root (initdb refuses root)."""
    return (["runuser", "-u", "postgres", "--"] + argv) if os.getuid() == 0 else argv


def start_postgres(prefix, database):
    """A throwaway PostgreSQL cluster (initdb/pg_ctl in a short temp dir, on a
    Unix socket only) with one empty database; returns (socket dir, stop)."""
    import shutil
    base = tempfile.mkdtemp(prefix=prefix, dir="/tmp")  # short: the socket path must fit 107 bytes
    if os.getuid() == 0:
        shutil.chown(base, "postgres")
    tool = lambda t: os.path.join(PG_BIN, t) if os.path.exists(os.path.join(PG_BIN, t)) else t
    subprocess.run(as_postgres([tool("initdb"), "-D", f"{base}/data", "-A", "trust", "-U", "followupd", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(as_postgres([tool("pg_ctl"), "-D", f"{base}/data", "-l", f"{base}/log", "-w",
                                "-o", f"-k {base} -c listen_addresses=''", "start"]), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["psql", "-h", base, "-U", "followupd", "-d", "postgres", "-qc", f"CREATE DATABASE {database}"], check=True)

    def stop():
        subprocess.run(as_postgres([tool("pg_ctl"), "-D", f"{base}/data", "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(base, ignore_errors=True)
    return base, stop


def psql(base, database, sql):
    """One query's rows, as psql -At prints them."""
    return subprocess.run(["psql", "-h", base, "-U", "followupd", "-d", database, "-Atc", sql],
                          capture_output=True, text=True, check=True).stdout


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_relay(scratch, procs, port=0):
    """The webhook relay of the tests, logging to scratch.relay_log; returns (process, port)."""
    relay = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Relays/webhook_relay.py"),
                              "--log", scratch.relay_log, "--secret-file", scratch.secret, "--port", str(port)],
                             stdout=subprocess.PIPE, text=True,
                             # a killed daemon resets connections mid-request: the relay's tracebacks go to a file
                             stderr=open(os.path.join(scratch.dir, "relay.stderr"), "a"))
    procs.append(relay)
    return relay, int(relay.stdout.readline())


def stop_all(procs):
    for p in procs:
        if p.poll() is None:
            p.kill()
            p.wait()
