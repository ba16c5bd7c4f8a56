import Foundation
import FollowUpTestSupport
import Testing

/// `sslmode=require` on the real daemon against a real PostgreSQL that takes
/// TCP only over TLS (`hostssl`, plain TCP rejected): every connection of the
/// node is encrypted, and a server it cannot verify is no connection at all.
@Suite(.serialized) struct PostgresTLSTests {
    @Test func sslmodeRequireEncryptsEveryConnectionAndChecksTheServer() async throws {
        let cluster = try await PostgresCluster.ownServingTLS()
        defer { cluster.remove() }
        let listener = try #require(cluster.tls)
        let (name, _) = try cluster.makeDatabase()
        let base = "postgres://followupd@localhost:\(listener.port)/\(name)"

        let daemon = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", setUp: {
            $0.databaseURL = base + "?sslmode=require&sslrootcert=\(listener.caFile)"
        })
        let posted = try daemon.post("/v1/events", """
            [{"type":"rep.upserted","rep":{"id":"alice","email":"alice@x.test","team":"sales"}},
             {"type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"l1@lead.test","owner":"alice"}}]
            """)
        #expect(posted.status == 200, "\(posted.body)\n\(daemon.stderr)")
        #expect(try daemon.get("/v1/leads/L1").status == 200)
        // The writer, the lease and the pool: each session of the node, and none in clear.
        let sessions = try cluster.psql(name, """
            SELECT a.application_name || ':' || s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)
            WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() ORDER BY 1
            """)
        let lines = sessions.split(separator: "\n")
        #expect(lines.count >= 2 && lines.allSatisfy { $0.hasSuffix(":true") }, "\(sessions)")
        _ = daemon.signal(SIGTERM)

        // A CA that did not sign the server's certificate (the system's roots): refused, saying why.
        let untrusted = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", waitUntilReady: false, setUp: {
            $0.databaseURL = base + "?sslmode=require"
        })
        #expect(untrusted.waitForExit(seconds: 30) != nil, "a node that cannot verify the server kept running")
        #expect(untrusted.stderr.lowercased().contains("certificate"), "\(untrusted.stderr)")

        // A CA file that is not there: the start stops naming it.
        let missing = try DaemonProcess(clockStart: "2026-12-08T15:00:00Z", waitUntilReady: false, setUp: {
            $0.databaseURL = base + "?sslmode=require&sslrootcert=/nonexistent/ca.pem"
        })
        #expect(missing.waitForExit(seconds: 30) != nil)
        #expect(missing.stderr.contains("/nonexistent/ca.pem"), "\(missing.stderr)")
    }
}
