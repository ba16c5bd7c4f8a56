import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the daemon knows and must not pass on: a webhook URL's credentials
/// stay out of the journal and the outbox API, and an exec receiver's program
/// sees only PATH, LANG and the variables its config names.
@Suite(.serialized) struct SecretsInLogsTests {
    @Test func webhookCredentialsAreRedactedInTheJournalAndTheOutbox() throws {
        let (dir, secret) = try NotifyEndToEndTests.scratch()
        let port = try freePort()
        let receivers = NotifyEndToEndTests.webhookReceivers(port: port, secret: secret)
            .replacingOccurrences(of: "url: http://127.0.0.1:\(port)/hook",
                                  with: "url: http://crm:pa55w0rd@127.0.0.1:\(port)/hook?team=sales&token=t0k3n-s3cret")
        #expect(receivers.contains("pa55w0rd"))
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir)
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { daemon.stderr.contains("retry at") }, "\(daemon.stderr)")
        let outbox = try daemon.get("/v1/outbox").body
        for place in [daemon.stderr, outbox] {
            #expect(!place.contains("pa55w0rd") && !place.contains("t0k3n-s3cret"), "\(place)")
        }
        #expect(outbox.contains("POST http://***@127.0.0.1:\(port)/hook?team=***&token=***: connection refused"), "\(outbox)")
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func anExecChildGetsOnlyPathLangAndWhatItsReceiverNames() throws {
        let (dir, _) = try NotifyEndToEndTests.scratch()
        let out = dir.appendingPathComponent("child.env").path
        let receivers = """
            receivers:
              - name: script
                kind: exec
                command: [/bin/sh, -c, "env > \(out)"]
                environment: [CRM_REGION]
            """
        let daemon = try DaemonProcess(clockStart: NotifyEndToEndTests.start, scaledRate: 1, receivers: receivers, directory: dir) {
            $0.environment = ["CRM_REGION": "eu-west", "DATABASE_PASSWORD": "hunter2", "LANG": "C.UTF-8"]
        }
        #expect(try daemon.post("/v1/events", NotifyEndToEndTests.leads(1)).status == 200)
        #expect(RelayProcess.waitUntil(10) { (try? String(contentsOfFile: out, encoding: .utf8))?.isEmpty == false }, "\(daemon.stderr)")
        usleep(200_000)
        let names = Set(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        // sh adds PWD (and may add SHLVL, _) of its own; nothing else of the daemon's reaches it.
        #expect(names.subtracting(["PWD", "SHLVL", "_"]) == ["PATH", "LANG", "CRM_REGION"], "\(names)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("CRM_REGION=eu-west"))
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
