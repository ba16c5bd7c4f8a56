import Foundation
import Testing
import FollowUpTestSupport
import FollowUpWire
#if canImport(Glibc)
import Glibc
#endif

/// The rules in force live in the database (issue 14): every node runs them
/// whatever its own files say, a reload asked on any node is validated there
/// and put in force by the leader, and status on every node names the nodes
/// whose files differ. Real followupd processes on one real PostgreSQL.
@Suite(.serialized) struct RulesInForceTests {
    /// The shipped rules with high priority's first touch at 50 minutes instead of 5:
    /// a web-form lead's first deadline tells which rules placed it.
    static func slowerFirstTouch(_ rules: URL) throws {
        let file = rules.appendingPathComponent("20-priorities.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let slower = text.replacingOccurrences(of: "high:   { first_touch: 5m }", with: "high:   { first_touch: 50m }")
        #expect(slower != text, "the shipped priorities changed: this test edits high's first_touch")
        try slower.write(to: file, atomically: true, encoding: .utf8)
    }

    /// A node on `url` with its own copy of the shipped rules (edited by `edit`), advertising its socket.
    static func node(_ url: String, edit: (URL) throws -> Void = { _ in }) throws -> (node: DaemonProcess, rules: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-e2e-\(UUID().uuidString)")
        var rules: URL?
        let node = try DaemonProcess(clockStart: FailoverTests.start, extra: "advertise: unix:\(directory.path)/api.sock",
                                     directory: directory, waitUntilReady: false, setUp: { d in
            d.databaseURL = url
            let copy = try SystemdServiceTests.copyRules(to: d.directory)
            try edit(copy)
            d.rules = copy.path
            rules = copy
        })
        return (node, try #require(rules))
    }

    static func status(_ node: DaemonProcess) throws -> NodeBody {
        let reply = try node.get("/v1/status")
        return try #require(try reply.body(StatusBody.self).node, "\(reply.body)")
    }

    static func deadline(_ node: DaemonProcess, _ lead: String) throws -> String {
        let reply = try node.get("/v1/leads/\(lead)")
        let step = try #require((reply.json["lead"] as? [String: Any])?["step"] as? [String: Any], "\(reply.body)")
        return try #require(step["deadline"] as? String, "\(reply.body)")
    }

    @Test func statusOnEveryNodeNamesTheNodeWhoseFilesDiffer() async throws {
        let cluster = try await PostgresCluster.shared()
        let (_, url) = try cluster.makeDatabase()
        // The first leader's files become the rules in force.
        let (first, _) = try Self.node(url)
        _ = try FailoverTests.leader(of: [first])
        let (odd, _) = try Self.node(url, edit: Self.slowerFirstTouch)
        try StandbyTests.listening(odd)
        let oddNode = try Self.status(odd)
        let inForce = try #require(try Self.status(first).rulesInForce)
        for node in [first, odd] {
            let seen = try Self.status(node)
            #expect(seen.rulesInForce == inForce)
            // Every node reports the rules the leader runs, the odd standby too (its reports use them).
            #expect(try node.get("/v1/status").json["rules_version"] as? String == inForce)
            #expect(seen.nodesWithOtherFiles.map(\.node) == [oddNode.name], "\(seen)")
            #expect(seen.nodesWithOtherFiles.first?.version != inForce)
            let metrics = try node.get("/metrics").body
            #expect(metrics.contains("followupd_nodes_with_other_rule_files 1"))
            // The role and the leader (issue 14), and the count of ids queued again, which stays 0.
            let leads = node === first
            let name = leads ? try Self.status(first).name : oddNode.name
            let leaderName = try Self.status(first).name
            #expect(metrics.contains(#"followupd_node_info{name="\#(name)",role="\#(leads ? "leader" : "standby")",leader="\#(leaderName)"} 1.0\#n"#),
                    "\(metrics)")
            #expect(metrics.contains("followupd_leader \(leads ? "1.0" : "0.0")\n"), "\(metrics)")
            #expect(metrics.contains("followupd_notifications_minted_again 0.0\n"), "\(metrics)")
            let ctl = try Subprocess.run(Subprocess.followupctl, ["status", "--socket", node.socket], directory: node.directory.path)
            #expect(ctl.stdout.contains("rules in force   version \(inForce)"), "\(ctl.stdout)\(ctl.stderr)")
            #expect(ctl.stdout.contains("files differ     \(oddNode.name): its rule files are version \(oddNode.nodesWithOtherFiles.first?.version ?? "?")"),
                    "\(ctl.stdout)")
        }
    }

    @Test func aNewLeaderRunsTheDatabasesRulesNotItsOwnFiles() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let (first, _) = try Self.node(url)
        _ = try FailoverTests.leader(of: [first])
        let (odd, _) = try Self.node(url, edit: Self.slowerFirstTouch)
        try StandbyTests.listening(odd)
        #expect(try first.post("/v1/events", FailoverTests.alice).status == 200)
        #expect(try first.post("/v1/events", FailoverTests.captures(1...1)).status == 200)
        let inForce = try cluster.psql(database, "SELECT version FROM rules_in_force")
        first.signal(SIGKILL)
        _ = try FailoverTests.leader(of: [odd])
        // Captured at the same instant (both clocks stand at the start): the same rules give the same deadline.
        #expect(try odd.post("/v1/events", FailoverTests.captures(2...2)).status == 200)
        #expect(try Self.deadline(odd, "L2") == Self.deadline(odd, "L1"))
        #expect(try cluster.psql(database, "SELECT version FROM rules_in_force") == inForce)
        #expect(odd.stderr.contains("differ from the rules in force in the database"), "\(odd.stderr)")
        #expect(try Self.status(odd).nodesWithOtherFiles.map(\.node) == [try Self.status(odd).name])
    }

    @Test func aReloadOnAStandbyIsValidatedThereAndPutInForceByTheLeader() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let (leader, _) = try Self.node(url)
        _ = try FailoverTests.leader(of: [leader])
        let (standby, standbyRules) = try Self.node(url)
        try StandbyTests.listening(standby)
        #expect(try leader.post("/v1/events", FailoverTests.alice).status == 200)
        #expect(try leader.post("/v1/events", FailoverTests.captures(1...1)).status == 200)
        let before = try Self.deadline(leader, "L1")
        let standbyName = try Self.status(standby).name

        try Self.slowerFirstTouch(standbyRules)
        let reload = try standby.post("/v1/rules/reload", "")
        #expect(reload.status == 200, "\(reload.body)")
        // The leader put the standby's files in force: recorded as the standby's, and the open lead re-planned.
        #expect(try cluster.psql(database, "SELECT files_of FROM rules_in_force") == standbyName)
        let reloaded = try cluster.psql(database, "SELECT version FROM rules_in_force")
        #expect(try cluster.psql(database, "SELECT version FROM node_rules WHERE node = '\(standbyName)'") == reloaded)
        #expect(try Self.deadline(leader, "L1") != before)
        // Now the leader's own files are the odd ones.
        #expect(try Self.status(standby).nodesWithOtherFiles.map(\.node) == [try Self.status(leader).name])

        // A broken file on the standby: refused there with its place, and nothing changes.
        let broken = standbyRules.appendingPathComponent("30-cadence.yaml")
        try "policies: [\n".write(to: broken, atomically: true, encoding: .utf8)
        usleep(1_100_000)  // past the leader's reload cooldown, so a forwarded reload would run
        let refused = try standby.post("/v1/rules/reload", "")
        #expect(refused.status == 422, "\(refused.body)")
        #expect(refused.body.contains("\(broken.path):"), "\(refused.body)")
        #expect(try cluster.psql(database, "SELECT version FROM rules_in_force") == reloaded)
        #expect(try cluster.psql(database, "SELECT version FROM node_rules WHERE node = '\(standbyName)'") == reloaded)
    }

    @Test func aHangupOnAStandbyRecordsItsFilesAndOnTheLeaderPutsThemInForce() async throws {
        let cluster = try await PostgresCluster.shared()
        let (database, url) = try cluster.makeDatabase()
        let (leader, leaderRules) = try Self.node(url)
        _ = try FailoverTests.leader(of: [leader])
        let (standby, standbyRules) = try Self.node(url)
        try StandbyTests.listening(standby)
        let inForce = try cluster.psql(database, "SELECT version FROM rules_in_force")
        let standbyName = try Self.status(standby).name

        // SIGHUP on the standby: its new files are recorded (status names it), nothing is put in force.
        try Self.slowerFirstTouch(standbyRules)
        standby.send(SIGHUP)
        var others: [String] = []
        for _ in 0..<100 where others.isEmpty {
            usleep(50_000)
            others = try Self.status(leader).nodesWithOtherFiles.map(\.node)
        }
        #expect(others == [standbyName])
        #expect(try cluster.psql(database, "SELECT version FROM rules_in_force") == inForce)

        // SIGHUP on the leader with the same change: its files go in force, and no node differs any more.
        try Self.slowerFirstTouch(leaderRules)
        leader.send(SIGHUP)
        var now = inForce
        for _ in 0..<100 where now == inForce {
            usleep(50_000)
            now = try cluster.psql(database, "SELECT version FROM rules_in_force")
        }
        #expect(now == (try cluster.psql(database, "SELECT version FROM node_rules WHERE node = '\(standbyName)'")))
        #expect(try Self.status(standby).nodesWithOtherFiles.isEmpty)
    }
}
