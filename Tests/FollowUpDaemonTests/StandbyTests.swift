import Foundation
import Synchronization
import Testing
import FollowUpTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Standbys on PostgreSQL listen too (issue 14): they answer reads from the
/// database, send writes on to the leader's `advertise:` address, and answer
/// 503 with `Retry-After` while no leader can take them.
@Suite(.serialized) struct StandbyTests {
    /// `count` nodes on one new database, each advertising its Unix socket.
    static func nodes(_ count: Int, advertise: Bool = true) async throws
        -> (nodes: [DaemonProcess], cluster: PostgresCluster, database: String) {
        let cluster = try await PostgresCluster.shared()
        let (name, url) = try cluster.makeDatabase()
        var nodes: [DaemonProcess] = []
        for _ in 0..<count {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-e2e-\(UUID().uuidString)")
            let extra = advertise ? "advertise: unix:\(directory.path)/api.sock" : ""
            nodes.append(try DaemonProcess(clockStart: FailoverTests.start, extra: extra, directory: directory,
                                           waitUntilReady: false, setUp: { $0.databaseURL = url }))
        }
        return (nodes, cluster, name)
    }

    /// Waits until `node` answers at all (a standby binds once it migrated).
    static func listening(_ node: DaemonProcess) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? node.get("/v1/status")) != nil { return }
            usleep(20_000)
        }
        throw APIClient.Failure(description: "the node never answered: \(node.stderr)")
    }

    /// The leader and the others, once one leads and every other answers.
    static func roles(_ nodes: [DaemonProcess]) throws -> (leader: DaemonProcess, standbys: [DaemonProcess]) {
        let (leader, _) = try FailoverTests.leader(of: nodes)
        let standbys = nodes.filter { $0 !== leader }
        for standby in standbys { try listening(standby) }
        return (leader, standbys)
    }

    @Test func aStandbyAnswersReadsFromTheDatabase() async throws {
        let (nodes, _, _) = try await Self.nodes(3)
        let (leader, standbys) = try Self.roles(nodes)
        #expect(try leader.post("/v1/events", FailoverTests.alice).status == 200)
        #expect(try leader.post("/v1/events", FailoverTests.captures(1...3)).status == 200)
        let leaderName = try #require(leader.get("/v1/status").json["node"] as? [String: Any])["name"] as? String
        for standby in standbys {
            let lead = try standby.get("/v1/leads/L2")
            #expect(lead.status == 200, "\(lead.body)")
            #expect(lead.body.contains(#""id":"L2""#), "\(lead.body)")
            #expect(try standby.get("/v1/leads?limit=10").body.contains(#""id":"L3""#))
            #expect(try standby.get("/v1/reps/alice/queue").status == 200)
            let status = try standby.get("/v1/status")
            #expect(status.status == 200, "\(status.body)")
            let node = try #require(status.json["node"] as? [String: Any], "\(status.body)")
            #expect(node["role"] as? String == "standby", "\(status.body)")
            #expect(node["leader"] as? String == leaderName, "\(status.body)")
            // A load balancer that checks /healthz sends the work to the leader.
            #expect(try standby.get("/healthz").status == 503)
        }
    }

    @Test func aWriteToAStandbyIsForwardedToTheLeader() async throws {
        let (nodes, cluster, database) = try await Self.nodes(3)
        let (leader, standbys) = try Self.roles(nodes)
        let alice = try standbys[0].post("/v1/events", FailoverTests.alice)
        #expect(alice.status == 200, "\(alice.body)")
        let answer = try standbys[1].post("/v1/events", FailoverTests.captures(1...2))
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.body.contains("L1:lead.assigned:1:1"), "\(answer.body)")
        // The leader applied it: its store has the leads, and the event log has each once.
        #expect(try leader.get("/v1/leads/L2").status == 200)
        #expect(try cluster.psql(database, "SELECT count(*) FROM events") == "3")
        // A write the leader refuses comes back as the leader answered it.
        let bad = try standbys[0].post("/v1/events", #"{"type":"lead.captured"}"#)
        #expect(bad.status == 400, "\(bad.body)")
    }

    @Test func anIdempotencyKeyAppliesOnceWhicheverNodeGetsIt() async throws {
        let (nodes, cluster, database) = try await Self.nodes(2)
        let (leader, standbys) = try Self.roles(nodes)
        func post(_ node: DaemonProcess, _ body: String, key: String) throws -> APIClient.Reply {
            try APIClient(base: .unix(node.socket)).request("POST", "/v1/events", body: Data(body.utf8),
                                                            headers: ["Idempotency-Key": key])
        }
        #expect(try post(standbys[0], FailoverTests.alice, key: "alice-1").status == 200)
        let batch = FailoverTests.captures(1...3)
        let first = try post(standbys[0], batch, key: "captures-1")
        #expect(first.status == 200, "\(first.body)")
        // The client's retry reaches the leader itself: answered again, applied once.
        let again = try post(leader, batch, key: "captures-1")
        #expect(again.status == 200, "\(again.body)")
        #expect(again.body == first.body)
        #expect(try cluster.psql(database, "SELECT count(*) FROM events") == "4")
        let other = try post(standbys[0], FailoverTests.captures(4...4), key: "captures-1")
        #expect(other.status == 422, "\(other.body)")
        #expect(other.body.contains(#""field":"Idempotency-Key""#), "\(other.body)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM events") == "4")
        #expect(try cluster.psql(database, "SELECT count(*) FROM idempotency_keys") == "2")
    }

    @Test func aTakeoverRefusesNoConnection() async throws {
        let (nodes, _, _) = try await Self.nodes(2)
        let (leader, standbys) = try Self.roles(nodes)
        let standby = standbys[0]
        #expect(try leader.post("/v1/events", FailoverTests.alice).status == 200)
        // Ask the standby all through the takeover: every answer is a 200, or a 503 to retry; never a refused connection.
        let stop = Atomic<Bool>(false)
        let answers = Mutex<[String]>([])
        let asking = Thread {
            var n = 0
            while !stop.load(ordering: .relaxed) {
                n += 1
                let client = APIClient(base: .unix(standby.socket))
                for (method, body) in [("GET", nil), ("POST", FailoverTests.captures(n...n))] {
                    let line: String
                    do {
                        let reply = try client.request(method, method == "GET" ? "/v1/leads?limit=1" : "/v1/events",
                                                       body: body.map { Data($0.utf8) }, headers: ["Idempotency-Key": "c\(n)"])
                        line = "\(method) \(reply.status) \(reply.header("Retry-After") ?? "-")"
                    } catch {
                        line = "\(method) failed: \(error)"
                    }
                    answers.withLock { $0.append(line) }
                }
            }
        }
        asking.start()
        usleep(200_000)
        leader.signal(SIGKILL)
        _ = try FailoverTests.leader(of: [standby])
        usleep(300_000)
        stop.store(true, ordering: .relaxed)
        while !asking.isFinished { usleep(10_000) }
        let seen = answers.withLock { $0 }
        #expect(seen.contains("POST 200 -"), "\(seen)")
        let bad = seen.filter { !["GET 200 -", "POST 200 -", "GET 503 1", "POST 503 1"].contains($0) }
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func aStandbyWithoutAReachableLeaderAnswers503WithRetryAfter() async throws {
        let (nodes, cluster, database) = try await Self.nodes(2)
        let (leader, standbys) = try Self.roles(nodes)
        // A holder that is gone where the database cannot see it yet (its connection
        // still open): its lease has not lapsed, so the standby cannot take over.
        let ghost = try cluster.session(database, applicationName: "followupd-lease:ghost:1")
        defer { ghost.end() }
        usleep(300_000)
        _ = try cluster.psql(database, """
            UPDATE lease SET holder = 'ghost:1', advertise = 'unix:/nonexistent/api.sock', epoch = epoch + 1,
                expires_at = now() + interval '1 hour' WHERE name = 'leader'
            """)
        #expect(leader.waitForExit(seconds: 10) != nil, "the fenced leader still runs")
        let standby = standbys[0]
        var refused = try standby.post("/v1/events", FailoverTests.alice)
        for _ in 0..<50 where !refused.body.contains("ghost") {  // until the standby's poll saw the new holder
            usleep(100_000)
            refused = try standby.post("/v1/events", FailoverTests.alice)
        }
        #expect(refused.status == 503, "\(refused.body)")
        #expect(refused.header("Retry-After") == "1")
        #expect(refused.body.contains("no leader yet: the leader ghost:1 at unix:/nonexistent/api.sock did not answer"),
                "\(refused.body)")
        // A leader that advertises no address: the standby names it.
        _ = try cluster.psql(database, "UPDATE lease SET advertise = NULL WHERE name = 'leader'")
        var named = try standby.post("/v1/events", FailoverTests.alice)
        for _ in 0..<50 where named.body.contains("did not answer") {
            usleep(100_000)
            named = try standby.post("/v1/events", FailoverTests.alice)
        }
        #expect(named.status == 503, "\(named.body)")
        #expect(named.header("Retry-After") == "1")
        #expect(named.body.contains("ghost:1 leads without an `advertise:` address: post writes to ghost:1"), "\(named.body)")
        // Reads still come from the database.
        #expect(try standby.get("/v1/reps").status == 200)
        #expect(try cluster.psql(database, "SELECT count(*) FROM events") == "0")
    }

    /// A write forwarded to a leader that is paused (SIGSTOP: its socket still
    /// takes the connection, nothing answers) ends within a few seconds as
    /// 503 + `Retry-After: 1`, by the forward's timeout or this standby's
    /// takeover, whichever comes first; it does not hang for the client's 30 s.
    @Test func aWriteForwardedToAPausedLeaderIsRefused503WithinSeconds() async throws {
        let (nodes, _, _) = try await Self.nodes(2)
        let (leader, standbys) = try Self.roles(nodes)
        #expect(try leader.post("/v1/events", FailoverTests.alice).status == 200)
        leader.send(SIGSTOP)
        defer { leader.send(SIGCONT) }
        let sent = Date()
        let answer = try standbys[0].post("/v1/events", FailoverTests.captures(1...1))
        let took = Date().timeIntervalSince(sent)
        #expect(answer.status == 503, "\(answer.body)")
        #expect(answer.header("Retry-After") == "1")
        #expect(answer.body.contains("no leader yet: "), "\(answer.body)")
        // The lease's TTL (5 s) plus a loaded 2-core machine's slack.
        #expect(took < 15, "the standby answered after \(took) s")
    }
}
