import FollowUpCore
import FollowUpTestSupport
import FollowUpWire
import Testing

@Suite("POST /v1/events")
struct EventsEndpointTests {
    @Test("one event object is applied and its notifications listed")
    func singleEvent() async throws {
        try await LiveAPI.run { api in
            let rep = try await api.unix.post("/v1/events", Fixtures.alice)
            #expect(rep.status == 200)
            #expect(rep.header("Content-Type") == "application/json")
            #expect(rep.body == #"{"accepted":[{"seq":1,"type":"rep.upserted","lead":null,"applied_at":"2026-11-24T19:00:00Z","notifications":[]}]}"#)

            let lead = try await api.unix.post("/v1/events", Fixtures.capture("L1"))
            #expect(lead.status == 200)
            #expect(lead.body == #"{"accepted":[{"seq":2,"type":"lead.captured","lead":"L1","applied_at":"2026-11-24T20:00:00Z","notifications":["L1:lead.assigned:1:1"]}]}"#)
        }
    }

    @Test("an array is applied in order, one accepted entry per event")
    func array() async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.post("/v1/events", Fixtures.array(Fixtures.alice, Fixtures.capture("L1"),
                                                                              Fixtures.touch("L1", at: "2026-11-24T20:02:00Z")))
            #expect(reply.status == 200)
            let accepted = try reply.body(AcceptedEventsBody.self).accepted
            #expect(accepted.map(\.seq) == [1, 2, 3])
            #expect(accepted.map(\.type) == ["rep.upserted", "lead.captured", "touch.logged"])
            #expect(accepted[2].lead == "L1")
            #expect(accepted[2].appliedAt == at("2026-11-24T20:02:00Z"))
        }
    }

    @Test("an event without at is applied at the daemon's now, and logged with it")
    func missingTimeGetsNow() async throws {
        try await LiveAPI.run(start: at("2026-11-24T21:15:00Z")) { api in
            _ = try await api.unix.post("/v1/events", Fixtures.alice)
            let reply = try await api.unix.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"L7","source":"web_form","email":"x@y.test","owner":"alice"}}"#)
            #expect(reply.status == 200)
            #expect(try reply.body(AcceptedEventsBody.self).accepted.first?.appliedAt == at("2026-11-24T21:15:00Z"))
            let record = try await api.unix.get("/v1/leads/L7").body(LeadRecordBody.self)
            #expect(record.lead.capturedAt == at("2026-11-24T21:15:00Z"))
            #expect(record.events.first?.event.at == at("2026-11-24T21:15:00Z"))
        }
    }

    /// A bad request, the JSON error it must produce, and proof that nothing applied.
    struct BadBody: Sendable, CustomStringConvertible {
        var name: String
        var body: String
        var message: String
        var field: String?
        var index: Int?
        var description: String { name }
    }

    static let badBodies: [BadBody] = [
        BadBody(name: "not JSON", body: #"{"type":"rep.upserted","#, message: "the body is not JSON"),
        BadBody(name: "a JSON number", body: "42", message: "the body must be an event object or an array of them, got a number"),
        BadBody(name: "empty array", body: "[]", message: "empty batch"),
        BadBody(name: "bad field in one object",
                body: #"{"type":"lead.captured","lead":{"id":"L1","company_size":"big"}}"#,
                message: "expected an integer, got a string", field: "lead.company_size"),
        BadBody(name: "unknown type", body: #"{"type":"lead.teleported","lead":"L1"}"#,
                message: "unknown event type \"lead.teleported\"", field: "type"),
        BadBody(name: "bad time", body: #"{"type":"rep.availability","at":"yesterday","rep":"alice","available":false}"#,
                message: "is not an RFC 3339 time", field: "at"),
        BadBody(name: "bad field in an array names its index",
                body: Fixtures.array(Fixtures.alice, #"{"type":"touch.logged","lead":"L1","rep":"alice","channel":"pigeon","outcome":"sent"}"#),
                message: "unknown value \"pigeon\"", field: "channel", index: 1),
        BadBody(name: "a non-object in an array",
                body: Fixtures.array(Fixtures.alice, "\"hello\""), message: "an event must be a JSON object", index: 1),
        BadBody(name: "unknown lead (the engine's check, through the intake)",
                body: Fixtures.array(Fixtures.alice, Fixtures.touch("L404", at: "2026-11-24T20:00:00Z")),
                message: "unknown lead \"L404\"", field: "lead", index: 1),
        BadBody(name: "unknown rep in one object",
                body: #"{"type":"rep.availability","rep":"zed","available":false}"#,
                message: "unknown rep \"zed\"", field: "rep"),
    ]

    @Test("a bad body is a 400 JSON error naming field and index, and nothing applies", arguments: badBodies)
    func badBody(_ bad: BadBody) async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.post("/v1/events", bad.body)
            #expect(reply.status == 400, "\(reply.body)")
            #expect(reply.header("Content-Type") == "application/json")
            let error = try reply.body(APIErrorBody.self)
            #expect(error.message.contains(bad.message), "\(error.message)")
            #expect(error.field == bad.field)
            #expect(error.index == bad.index)
            // Nothing applied: not even alice, who came first in the arrays.
            let status = try await api.unix.get("/v1/status").body(StatusBody.self)
            #expect(status.statistics.events == 0)
            #expect(try await api.unix.get("/v1/reps/alice/queue").status == 404)
        }
    }

    @Test("a body over max_body_bytes is a 413 JSON error")
    func tooLarge() async throws {
        try await LiveAPI.run(config: LiveAPI.config(maxBodyBytes: 1_024)) { api in
            let padding = String(repeating: "x", count: 4_096)
            let reply = try await api.unix.post("/v1/events", #"{"type":"rep.upserted","rep":{"id":"a","note":"\#(padding)"}}"#)
            #expect(reply.status == 413)
            #expect(reply.header("Content-Type") == "application/json")
            #expect(reply.error?["message"] == .string("request body over 1024 bytes (max_body_bytes)"))
            // The limit is on the body only: a small request still works afterwards.
            #expect(try await api.unix.post("/v1/events", Fixtures.alice).status == 200)
        }
    }
}

extension JSONValue {
    /// The first element of an array.
    var firstItem: JSONValue? {
        if case .array(let items) = self { return items.first }
        return nil
    }

    /// The elements of an array (empty otherwise).
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}
