"""scripts/chaos --nodes N (issue 14): N followupd nodes on one throwaway
PostgreSQL; a client posts batches to random nodes, each with an
Idempotency-Key, and sends a batch again (same key, to another node) after a
503 or a connection error, while the leader is killed (SIGKILL) and started
again as a standby. Then it checks:

- acknowledged events lost: every acknowledged seq is in the event log (bound 0);
- the event log holds nothing unacknowledged: every logged seq was acknowledged
  (a batch that committed but whose answer was lost was answered on a retry);
- notification ids minted twice: an id acknowledged for two seqs, two
  outbox rows for one id and receiver, or a row queued again under an id
  already there (the tally `followupd_notifications_minted_again` shows) (bound 0);
- drained: every acknowledged notification id received by the relay (100 %);
- the outbox's notifications equal `followupctl simulate` over the event log
  (the acknowledged events, as applied), up to the last event.

Not a script: scripts/chaos calls run(args) when --nodes > 1.
"""
import collections, json, os, random, subprocess, sys, threading, time, uuid
import followupd_run as run


def run_nodes(a):
    root = run.ROOT
    os.chdir(root)
    rng = random.Random(a.seed)
    binary = run.binary("chaos", a.configuration, a.followupd)
    ctl = os.path.join(os.path.dirname(binary), "followupctl")
    base, stop_cluster = run.start_postgres("ch-pg-", "chaos")
    url = f"postgres://followupd@/chaos?host={base}"
    procs, nodes, failures = [], [], []
    shared = run.Scratch("followupd-chaos-nodes-")
    try:
        relay, relay_port = run.start_relay(shared, procs)
        for i in range(a.nodes):
            scratch = run.Scratch(f"ch-node{i}-")
            scratch.write_config(a.rules, shared.webhook(relay_port, a.in_flight, a.batch),
                                 extra=f"advertise: unix:{scratch.sock}\n")
            # write_config names a SQLite file: the nodes share the database instead.
            text = open(scratch.config).read().replace(f"database: {scratch.dir}/state.sqlite", f'database: "{url}"')
            open(scratch.config, "w").write(text)
            nodes.append(run.Daemon(f"chaos node{i}", binary, scratch, procs))
        for node in nodes:
            node.start(wait=False)

        def alive(node):
            return node.process.poll() is None

        def leader(besides=None, seconds=60):
            deadline = time.time() + seconds
            while time.time() < deadline:
                for node in nodes:
                    if node is not besides and alive(node) and node.ready():
                        return node
                time.sleep(0.01)
            sys.exit(f"chaos: no node led within {seconds} s; logs: {[n.scratch.daemon_log for n in nodes]}")

        first = leader()
        status, body = first.request("POST", "/v1/events", json.dumps(
            {"type": "rep.upserted", "rep": {"id": "alice", "email": "alice@example.com", "team": "sales"}}))
        if status != 200:
            sys.exit(f"chaos: rep.upserted answered {status}: {body!r}")

        acked = []               # (seq, lead, [notification ids]) per acknowledged event
        acked_leads = []
        retries = collections.Counter()
        stop_client = threading.Event()

        def post_once(events):
            """Sends one batch until a node acknowledges it: the same key every time, a random node each try."""
            key = str(uuid.uuid4())
            payload = json.dumps(events)
            pick = random.Random(key)
            while True:
                node = pick.choice(nodes)
                try:
                    status, body = run.request(node.scratch.sock, "POST", "/v1/events", payload, timeout=30,
                                               headers={"Idempotency-Key": key})
                except OSError as error:
                    retries[type(error).__name__] += 1
                    time.sleep(0.02)
                    continue
                if status == 200:
                    return json.loads(body)["accepted"]
                retries[f"HTTP {status}"] += 1
                if status // 100 == 4:
                    sys.exit(f"chaos: a {status} for a valid batch: {body[:300]!r}")
                time.sleep(0.02)

        def client():
            n = 0
            pick = random.Random(a.seed + 1)
            began, sent = time.time(), 0
            while not stop_client.is_set():
                ahead = began + sent / a.rate - time.time()
                if ahead > 0:
                    time.sleep(ahead)
                sent += a.events
                events = []
                for _ in range(a.events):
                    if acked_leads and pick.random() < 0.4:
                        events.append({"type": "touch.logged", "lead": pick.choice(acked_leads), "rep": "alice",
                                       "channel": "email", "outcome": "sent"})
                    else:
                        n += 1
                        events.append({"type": "lead.captured", "lead": {"id": f"C{n}", "source": "web_form",
                                                                         "email": f"c{n}@x.test", "owner": "alice"}})
                for entry in post_once(events):
                    acked.append((entry["seq"], entry["lead"], entry.get("notifications", [])))
                    if entry["type"] == "lead.captured":
                        acked_leads.append(entry["lead"])

        t_start = time.time()
        thread = threading.Thread(target=client, daemon=True)
        thread.start()
        current, takeovers = first, []
        for k in range(a.kills):
            time.sleep(rng.uniform(a.min_up, a.max_up))
            current.process.kill()
            current.process.wait()
            killed, t_kill = current, time.time()
            current = leader(besides=killed)
            takeovers.append(time.time() - t_kill)
            killed.start(wait=False)  # back as a standby
            print(f"chaos: kill {k + 1}/{a.kills}: {current.name} leads after {takeovers[-1] * 1000:.0f} ms; "
                  f"{len(acked)} events acknowledged", file=sys.stderr)
        time.sleep(rng.uniform(a.min_up, a.max_up))
        stop_client.set()
        thread.join(120)

        # ---- drain: every outbox row delivered
        def pending():
            return int(run.psql(base, "chaos", "SELECT count(*) FROM outbox WHERE state <> 'delivered'").strip())
        t_drain = time.time()
        run.wait_until("chaos", lambda: pending() == 0, 300, "the outbox to drain", current.scratch.daemon_log)
        drain_seconds = time.time() - t_drain
        time.sleep(0.5)  # the relay logs before it answers

        logged = {int(s) for s in run.psql(base, "chaos", "SELECT seq FROM events").split()}
        acked_seqs = {seq for seq, _, _ in acked}
        lost = acked_seqs - logged
        unacknowledged = logged - acked_seqs - {1}  # seq 1: alice, posted before the client
        by_id = collections.defaultdict(set)
        for seq, _, ids in acked:
            for nid in ids:
                by_id[nid].add(seq)
        minted_twice = {nid for nid, seqs in by_id.items() if len(seqs) > 1}
        rows_twice = run.psql(base, "chaos", "SELECT count(*) FROM (SELECT 1 FROM outbox GROUP BY id, receiver "
                                             "HAVING count(*) > 1) d").strip()
        # What followupd_notifications_minted_again shows on every node: rows queued again under an id already there.
        minted_again = run.psql(base, "chaos", "SELECT coalesce((SELECT n FROM tallies WHERE key = 'minted_again'), 0)").strip()
        received = set()
        for line in open(shared.relay_log) if os.path.exists(shared.relay_log) else []:
            if line.strip():
                r = json.loads(line)
                for b in (r["body"] if isinstance(r["body"], list) else [r["body"]]):
                    received.add(b.get("id"))
        not_received = set(by_id) - received

        # ---- the outbox against simulate over the event log, up to where the daemons' clock reached:
        # the last event, or the last timer that fired after it (the leader's clock runs on while it drains).
        log_lines = run.psql(base, "chaos", "SELECT body FROM events ORDER BY seq").splitlines()
        events_file = os.path.join(shared.dir, "events.jsonl")
        open(events_file, "w").write("\n".join(log_lines) + "\n")
        reached = run.psql(base, "chaos", "SELECT value FROM meta WHERE key = 'last_applied_at'").strip()
        last_at = max([json.loads(line)["at"] for line in log_lines]
                      + ([time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(reached)))] if reached.isdigit() else []))
        simulated = subprocess.run([ctl, "simulate", "--rules", a.rules, "--events", events_file, "--until", last_at],
                                   capture_output=True, text=True)
        if simulated.returncode != 0:
            failures.append(f"simulate failed: {simulated.stderr[:500]}")
        expected = {json.loads(l)["id"]: json.loads(l) for l in simulated.stdout.splitlines() if l.strip()}
        actual = {json.loads(p)["id"]: json.loads(p) for p in
                  run.psql(base, "chaos", "SELECT DISTINCT payload FROM outbox").splitlines() if p.strip()}
        differ = sorted(i for i in set(expected) | set(actual) if expected.get(i) != actual.get(i))
        # A known difference of a daemon on a real clock, not of failover: it fires a timer due at T as
        # soon as its clock reads T, so an event at T that arrives after it (same second) applies after
        # the timer, where simulate puts events of an instant before its timers. Such a notification is
        # one the daemon sent for a step that an event of the same lead at the same second met.
        logged_at = collections.defaultdict(set)
        for line in log_lines:
            e = json.loads(line)
            if e.get("type") == "touch.logged":
                logged_at[e["lead"]].add(e["at"])
        same_second = [i for i in differ if i not in expected and actual[i]["kind"] == "touch.due"
                       and actual[i]["at"] in logged_at[actual[i]["lead"]]]
        differ = [i for i in differ if i not in same_second]

        elapsed = time.time() - t_start
        p50 = sorted(takeovers)[len(takeovers) // 2] if takeovers else 0
        print(f"chaos: {a.nodes} followupd nodes ({a.configuration}) on one PostgreSQL, seed {a.seed}, {a.kills} kills of "
              f"the leader every {a.min_up}-{a.max_up} s, {elapsed:.0f} s in all")
        print(f"chaos: takeovers: p50 {p50 * 1000:.0f} ms, max {max(takeovers or [0]) * 1000:.0f} ms")
        print(f"chaos: client: {len(acked)} events acknowledged, {len(by_id)} notification ids; "
              f"tries answered 503 or failed (then sent again, same key, another node): {dict(retries) or 0}")
        print(f"chaos: acknowledged events lost: {len(lost)} (bound 0); logged but never acknowledged: "
              f"{len(unacknowledged)} (bound 0)")
        print(f"chaos: notification ids minted twice: {len(minted_twice)}; outbox rows twice: {rows_twice}; "
              f"followupd_notifications_minted_again: {minted_again} (bound 0)")
        print(f"chaos: drained in {drain_seconds:.1f} s; acknowledged ids received by the relay "
              f"{len(by_id) - len(not_received)}/{len(by_id)}")
        print(f"chaos: outbox vs simulate over the event log: {len(actual)} vs {len(expected)} notifications, "
              f"{len(differ)} differ; besides, {len(same_second)} reminders the daemon sent at the second a touch "
              f"met their step (the timer fired before that second's later request; simulate applies the event first)")
        if lost or unacknowledged:
            failures.append(f"{len(lost)} acknowledged events lost ({sorted(lost)[:5]}), "
                            f"{len(unacknowledged)} logged but never acknowledged ({sorted(unacknowledged)[:5]})")
        if minted_twice or rows_twice != "0" or minted_again != "0":
            failures.append(f"ids minted twice: {sorted(minted_twice)[:5]}, rows twice {rows_twice}, "
                            f"queued again {minted_again}")
        if not_received:
            failures.append(f"{len(not_received)} acknowledged ids never received: {sorted(not_received)[:5]}")
        if differ:
            failures.append(f"{len(differ)} notifications differ from simulate, e.g. "
                            + "; ".join(f"{i}: daemon {actual.get(i)} simulate {expected.get(i)}" for i in differ[:3]))
        if not acked:
            failures.append("no event was acknowledged")
    finally:
        run.stop_all(procs)
        stop_cluster()
    for failure in failures:
        print(f"chaos: FAILED: {failure}")
    print("chaos: " + ("FAILED" if failures else "ok: every bound holds"))
    return 1 if failures else 0
