import FollowUpCore
import FollowUpTestSupport
import Foundation
import Testing

@Suite("Unknown paths and wrong methods")
struct RoutingTests {
    @Test("an unknown path is a 404 JSON error")
    func unknownPath() async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.get("/v2/nothing")
            #expect(reply.status == 404)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.body == #"{"error":{"message":"no such endpoint: GET /v2/nothing"}}"#)
        }
    }

    @Test("a wrong method is a 405 JSON error with Allow", arguments: [
        ("GET", "/v1/events", "POST"),
        ("DELETE", "/v1/leads/L1", "GET"),
        ("POST", "/v1/reps/alice/queue", "GET"),
        ("PUT", "/healthz", "GET"),
    ])
    func wrongMethod(method: String, path: String, allow: String) async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.send(method, path, body: method == "GET" ? nil : Data("{}".utf8))
            #expect(reply.status == 405)
            #expect(reply.header("Allow") == allow)
            #expect(reply.header("Content-Type") == "application/json")
            guard case .string(let message)? = reply.error?["message"] else { Issue.record("\(reply.body)"); return }
            #expect(message.contains("not allowed"))
        }
    }
}
