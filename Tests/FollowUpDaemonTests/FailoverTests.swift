import Foundation
import Testing
import FollowUpTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Three real followupd processes on one real PostgreSQL: one leads (it
/// listens, fires timers, delivers), the others wait for its lease. Losing
/// the leader — kill -9, a pause past its lease, a graceful stop — hands the
/// work to another node without losing an acknowledged event or minting a
/// notification twice, and a paused leader that wakes up writes nothing.
@Suite(.serialized) struct FailoverTests {
    static let start = "2026-11-24T19:00:00Z"

    /// `count` nodes on one new database; none waits to be ready (a standby's /healthz is 503).
    static func nodes(_ count: Int = 3) async throws -> (nodes: [DaemonProcess], cluster: PostgresCluster, database: String) {
        let cluster = try await PostgresCluster.shared()
        let (name, url) = try cluster.makeDatabase()
        var nodes: [DaemonProcess] = []
        for _ in 0..<count {
            nodes.append(try DaemonProcess(clockStart: start, waitUntilReady: false, setUp: { $0.databaseURL = url }))
        }
        return (nodes, cluster, name)
    }

    /// The node that answers `/healthz` (the leader), and how long it took to find one.
    static func leader(of nodes: [DaemonProcess], besides gone: DaemonProcess? = nil,
                       within seconds: Double = 20) throws -> (node: DaemonProcess, after: Double) {
        let begin = Date()
        while Date().timeIntervalSince(begin) < seconds {
            for node in nodes where node !== gone && node.isRunning {
                if let reply = try? node.get("/healthz"), reply.status == 200 { return (node, Date().timeIntervalSince(begin)) }
            }
            usleep(10_000)
        }
        let logs = nodes.map(\.stderr).joined(separator: "\n---\n")
        throw APIClient.Failure(description: "no node led within \(seconds) s:\n\(logs)")
    }

    /// Captures placed at the leader's now (each node's manual clock starts at ``start``).
    static func captures(_ range: ClosedRange<Int>) -> String {
        "[" + range.map { i in
            #"{"type":"lead.captured","lead":{"id":"L\#(i)","source":"web_form","email":"l\#(i)@lead.test","owner":"alice"}}"#
        }.joined(separator: ",") + "]"
    }

    static let alice = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"alice@example.com","team":"sales"}}"#

    /// Notification ids minted more than once for one receiver (must be none).
    static func mintedTwice(_ cluster: PostgresCluster, _ database: String) throws -> String {
        try cluster.psql(database, "SELECT id FROM outbox GROUP BY id, receiver HAVING count(*) > 1")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func killMinus9OfTheLeaderHandsOverAtOnceAndLosesNothing() async throws {
        let (nodes, cluster, database) = try await Self.nodes()
        let (first, _) = try Self.leader(of: nodes)
        #expect(try first.post("/v1/events", Self.alice).status == 200)
        #expect(try first.post("/v1/events", Self.captures(1...20)).status == 200)
        first.signal(SIGKILL)
        let (second, after) = try Self.leader(of: nodes, besides: first)
        #expect(after < 2, "failover took \(after) s")
        // Every acknowledged event is there, and the new leader goes on from them.
        let page = try second.get("/v1/leads?limit=100")
        #expect(page.status == 200)
        #expect((1...20).allSatisfy { page.body.contains(#""id":"L\#($0)""#) }, "\(page.body)")
        #expect(try second.post("/v1/events", Self.captures(21...25)).status == 200)
        #expect(try second.get("/v1/leads/L25").status == 200)
        #expect(try Self.mintedTwice(cluster, database).isEmpty)
        // Its status names it the leader, with the epoch its takeover gave it.
        let status = try second.get("/v1/status")
        #expect(status.body.contains(#""role":"leader""#), "\(status.body)")
        #expect(status.body.contains(#""epoch":2"#), "\(status.body)")
    }

    @Test func aPausedLeaderIsFencedWhenItWakesAndWritesNothing() async throws {
        let (nodes, cluster, database) = try await Self.nodes()
        let (first, _) = try Self.leader(of: nodes)
        #expect(try first.post("/v1/events", Self.alice).status == 200)
        first.send(SIGSTOP)
        let (second, after) = try Self.leader(of: nodes, besides: first)
        #expect(after < 7, "a paused leader was replaced after \(after) s")
        #expect(try second.post("/v1/events", Self.captures(1...3)).status == 200)
        let events = try cluster.psql(database, "SELECT count(*) FROM events").trimmingCharacters(in: .whitespacesAndNewlines)
        first.send(SIGCONT)
        // It finds another node holds the lease, says so and stops, having written nothing.
        let status = first.waitForExit(seconds: 10)
        #expect(status != nil && status != 0, "the woken leader is still running or exited 0")
        #expect(first.stderr.contains("fenced: "), "\(first.stderr)")
        #expect(!first.stderr.contains("Assertion failed"), "it stopped cleanly: \(first.stderr)")
        #expect(try cluster.psql(database, "SELECT count(*) FROM events").trimmingCharacters(in: .whitespacesAndNewlines) == events)
        #expect(try Self.mintedTwice(cluster, database).isEmpty)
    }

    @Test func aGracefulStopHandsTheLeaseOverAtOnce() async throws {
        let (nodes, _, _) = try await Self.nodes(2)
        let (first, _) = try Self.leader(of: nodes)
        #expect(try first.post("/v1/events", Self.alice).status == 200)
        #expect(first.signal(SIGTERM) == 0)
        let (second, after) = try Self.leader(of: nodes, besides: first)
        #expect(after < 1, "hand-over took \(after) s")
        #expect(try second.get("/v1/reps").body.contains("alice"))
    }
}
