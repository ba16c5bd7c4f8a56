import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// docs/openapi.yaml against the real daemon (issue 15): every operation of
/// the spec is called on a running followupd — answers and refusals — and
/// each answer's status, media type and JSON body are checked against the
/// spec by Tests/OpenAPI/check_responses.py (python3-jsonschema), which also
/// fails when the spec has an operation the test never called.
@Suite(.serialized) struct OpenAPIConformanceTests {
    /// One request made and what came back, as check_responses.py reads it.
    struct Exchange: Encodable {
        var method: String
        var path: String
        var status: Int
        var content_type: String
        var body: String
    }

    final class Recorder: @unchecked Sendable {
        let daemon: DaemonProcess
        var exchanges: [Exchange] = []
        init(daemon: DaemonProcess) { self.daemon = daemon }

        /// Sends `method target` (over the socket, or TCP with `token`) and records it under the spec's `path`.
        @discardableResult
        func call(_ method: String, _ target: String, as path: String, body: String? = nil, tcp token: String?? = nil) throws -> APIClient.Reply {
            let client: APIClient
            if let token {
                client = APIClient(base: .tcp(port: Int(try daemon.tcpBaseURL.split(separator: ":").last!)!), token: token)
            } else {
                client = APIClient(base: .unix(daemon.socket))
            }
            let reply = try client.request(method, target, body: body.map { Data($0.utf8) })
            exchanges.append(Exchange(method: method, path: path, status: reply.status,
                                      content_type: reply.header("content-type") ?? "", body: reply.body))
            return reply
        }
    }

    @Test func everyAnswerOfTheRunningDaemonMatchesTheSpec() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z", tcp: true)
        defer { _ = daemon.signal(SIGTERM) }
        let api = Recorder(daemon: daemon)
        let events = """
            [{"type":"rep.upserted","rep":{"id":"alice","name":"Alice","email":"a@x.test","team":"sales","backup":"bob","timezone":"America/Los_Angeles","capacity":5}},
             {"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}},
             {"type":"lead.captured","lead":{"id":"L1","source":"web_form","name":"Dana","email":"d@acme.test","owner":"alice","country":"US"}},
             {"type":"lead.captured","lead":{"id":"L2","source":"referral","phone":"+1 555 0102","owner":"bob"}},
             {"type":"lead.captured","lead":{"id":"L3","source":"web_form","email":"e@acme.test","owner":"alice"}},
             {"type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"no_answer"},
             {"type":"lead.snoozed","lead":"L3","until":"2026-12-01T15:00:00Z","reason":"budget"},
             {"type":"rep.availability","rep":"bob","available":false,"from":"2026-11-25T15:00:00Z","until":"2026-11-27T15:00:00Z","reason":"holiday"}]
            """
        #expect(try api.call("POST", "/v1/events", as: "/v1/events", body: events).status == 200)
        try daemon.advance(to: "2026-11-24T16:00:00Z")  // L1 step 2 due, L2's first touch breached
        #expect(try api.call("POST", "/v1/events", as: "/v1/events", body: #"{"type":"lead.status","lead":"L2","status":"won"}"#).status == 200)
        try api.call("POST", "/v1/events", as: "/v1/events", body: #"{"type":"lead.captured","lead":{"id":"L9","company_size":"big"}}"#)
        try api.call("POST", "/v1/events", as: "/v1/events", body: "[]")
        try api.call("POST", "/v1/events", as: "/v1/events", body: "not json")

        for target in ["/v1/leads", "/v1/leads?limit=1", "/v1/leads?status=open&overdue=true", "/v1/leads?owner=alice&after=1", "/v1/leads?limt=1"] {
            try api.call("GET", target, as: "/v1/leads")
        }
        for id in ["L1", "L2", "L3", "NOPE"] {
            try api.call("GET", "/v1/leads/\(id)", as: "/v1/leads/{id}")
            try api.call("GET", "/v1/leads/\(id)/events", as: "/v1/leads/{id}/events")
        }
        // An id with a control character names no lead or rep: a 400 naming `id`.
        for (target, path) in [("/v1/leads/L1%00x", "/v1/leads/{id}"), ("/v1/leads/L1%0A/events", "/v1/leads/{id}/events"),
                               ("/v1/reps/alice%1B/queue", "/v1/reps/{id}/queue")] {
            let refused = try api.call("GET", target, as: path)
            #expect(refused.status == 400 && refused.body.contains(#""field":"id""#), "\(target): \(refused.body)")
        }
        #expect(try api.call("POST", "/v1/leads/L1%7F/erase", as: "/v1/leads/{id}/erase").status == 400)
        // A parameter given twice is refused by name, not read once and the rest dropped.
        let twice = try api.call("GET", "/v1/leads?limit=2&limit=x", as: "/v1/leads")
        #expect(twice.status == 400 && twice.body.contains(#""field":"limit""#), "\(twice.body)")
        try api.call("GET", "/v1/reps", as: "/v1/reps")
        try api.call("GET", "/v1/reps?x=1", as: "/v1/reps")
        for rep in ["alice", "bob", "nobody"] {
            try api.call("GET", "/v1/reps/\(rep)/queue", as: "/v1/reps/{id}/queue")
            try api.call("GET", "/v1/reps/\(rep)/calendar.ics", as: "/v1/reps/{id}/calendar.ics")
        }
        for target in ["/v1/report", "/v1/report?by=source", "/v1/report?by=team&since=2026-11-01T00:00:00Z", "/v1/report?by=priority",
                       "/v1/report?by=color", "/v1/report?since=yesterday"] {
            try api.call("GET", target, as: "/v1/report")
        }
        try api.call("GET", "/dashboard", as: "/dashboard")
        // The dashboard's refusals are pages a person reads, not JSON.
        let badSince = try api.call("GET", "/dashboard?since=yesterday", as: "/dashboard")
        #expect(badSince.status == 400 && badSince.header("content-type")?.hasPrefix("text/html") == true, "\(badSince.body)")
        #expect(try api.call("GET", "/dashboard", as: "/dashboard", tcp: .some(nil)).status == 401)
        try api.call("GET", "/v1/outbox", as: "/v1/outbox")
        try api.call("GET", "/v1/outbox?state=pending&limit=5", as: "/v1/outbox")
        try api.call("GET", "/v1/outbox?state=lost", as: "/v1/outbox")
        try api.call("POST", "/v1/outbox/L1:lead.assigned:1:1/retry", as: "/v1/outbox/{id}/retry")
        try api.call("DELETE", "/v1/outbox/none:x:0:1", as: "/v1/outbox/{id}")
        try api.call("POST", "/v1/rules/reload", as: "/v1/rules/reload")
        try api.call("POST", "/v1/rules/reload", as: "/v1/rules/reload")  // within a second: 429
        let files = try FileManager.default.contentsOfDirectory(atPath: daemon.rules).sorted().filter { $0.hasSuffix(".yaml") }.map { name in
            let path = "\(daemon.rules)/\(name)"
            return ["path": path, "text": try String(contentsOfFile: path, encoding: .utf8)]
        }
        let preview = String(decoding: try JSONSerialization.data(withJSONObject: ["files": files]), as: UTF8.self)
        #expect(try api.call("POST", "/v1/rules/preview?limit=5", as: "/v1/rules/preview", body: preview).status == 200)
        #expect(try api.call("POST", "/v1/rules/preview", as: "/v1/rules/preview",
                             body: #"{"files":[{"path":"/tmp/x.yaml","text":"calendars: {}\n"}]}"#).status == 422)
        try api.call("POST", "/v1/rules/preview", as: "/v1/rules/preview", body: #"{"files":3}"#)
        try api.call("GET", "/v1/status", as: "/v1/status")
        try api.call("GET", "/healthz", as: "/healthz")
        try api.call("GET", "/metrics", as: "/metrics")
        #expect(try api.call("POST", "/v1/backup", as: "/v1/backup").status == 200)
        try api.call("POST", "/v1/backup?x=1", as: "/v1/backup")
        #expect(try api.call("POST", "/v1/leads/L3/erase", as: "/v1/leads/{id}/erase").status == 200)
        try api.call("POST", "/v1/leads/NOPE/erase", as: "/v1/leads/{id}/erase")

        // Over TCP: the probe without a token, refusals without one or with a weak one.
        #expect(try api.call("GET", "/healthz", as: "/healthz", tcp: .some(nil)).status == 200)
        try api.call("GET", "/healthz", as: "/healthz", tcp: "wrong")
        try api.call("GET", "/v1/leads", as: "/v1/leads", tcp: .some(nil))
        try api.call("GET", "/v1/status", as: "/v1/status", tcp: DaemonProcess.token)
        try api.call("POST", "/v1/backup", as: "/v1/backup", tcp: "wrong")

        let directory = daemon.directory.path
        let exchanges = "\(directory)/exchanges.jsonl"
        let encoder = JSONEncoder()
        try api.exchanges.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: "\n")
            .appending("\n").write(toFile: exchanges, atomically: true, encoding: .utf8)
        let check = try Subprocess.run("/usr/bin/python3", [DaemonProcess.root.appendingPathComponent("Tests/OpenAPI/check_responses.py").path,
                                                           DaemonProcess.root.appendingPathComponent("docs/openapi.yaml").path, exchanges],
                                       directory: nil, timeout: 120)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(api.exchanges.count >= 50)
    }
}
