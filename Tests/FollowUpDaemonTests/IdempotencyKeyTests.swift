import Foundation
import Testing
import FollowUpTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `POST /v1/events` with an `Idempotency-Key` applies once (issue 14): a
/// repeat gets the first answer again, another body under the key a 422.
/// Against the real daemon on SQLite here; on PostgreSQL in ``StandbyTests``.
struct IdempotencyKeyTests {
    static func post(_ node: DaemonProcess, _ body: String, key: String?) throws -> APIClient.Reply {
        try APIClient(base: .unix(node.socket)).request("POST", "/v1/events", body: Data(body.utf8),
                                                        headers: key.map { ["Idempotency-Key": $0] } ?? [:])
    }

    static func events(_ node: DaemonProcess) throws -> Int? {
        (try node.get("/v1/status").json["statistics"] as? [String: Any])?["events"] as? Int
    }

    @Test func aRepeatedKeyIsAnsweredAgainWithoutApplyingAgain() throws {
        let node = try DaemonProcess(clockStart: FailoverTests.start)
        #expect(try Self.post(node, FailoverTests.alice, key: nil).status == 200)
        let batch = FailoverTests.captures(1...3)
        let first = try Self.post(node, batch, key: "batch-7f3a")
        #expect(first.status == 200, "\(first.body)")
        #expect(first.body.contains("L1:lead.assigned:1:1"), "\(first.body)")
        let again = try Self.post(node, batch, key: "batch-7f3a")
        #expect(again.status == 200, "\(again.body)")
        #expect(again.body == first.body)
        #expect(try Self.events(node) == 4)
        // The key outlives a restart: it was committed with the events.
        #expect(node.signal(SIGTERM) == 0)
        try node.start()
        #expect(try Self.post(node, batch, key: "batch-7f3a").body == first.body)
        #expect(try Self.events(node) == 4)
        // Without the key (or with another) the same body is a new batch, as always.
        #expect(try Self.post(node, FailoverTests.captures(4...4), key: "batch-8b1c").status == 200)
        #expect(try Self.events(node) == 5)
    }

    @Test func aKeyWithAnotherBodyIsRefused422() throws {
        let node = try DaemonProcess(clockStart: FailoverTests.start)
        #expect(try Self.post(node, FailoverTests.alice, key: "k1").status == 200)
        let other = try Self.post(node, FailoverTests.captures(1...1), key: "k1")
        #expect(other.status == 422, "\(other.body)")
        #expect(other.body.contains(#""field":"Idempotency-Key""#), "\(other.body)")
        #expect(other.body.contains("already used for a different request body"), "\(other.body)")
        #expect(try Self.events(node) == 1)
        let bad = try Self.post(node, FailoverTests.alice, key: "has space")
        #expect(bad.status == 400, "\(bad.body)")
        #expect(bad.body.contains(#""field":"Idempotency-Key""#), "\(bad.body)")
    }
}
