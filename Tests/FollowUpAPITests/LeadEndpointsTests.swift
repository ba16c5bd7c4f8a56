import FollowUpCore
import FollowUpTestSupport
import FollowUpWire
import Testing

@Suite("Lead records, lists and queues")
struct LeadEndpointsTests {
    @Test("a lead's record: state, timers, events as received, notifications with delivery state")
    func leadRecord() async throws {
        try await LiveAPI.run { api in
            let batch = Fixtures.array(Fixtures.alice, Fixtures.bob, Fixtures.capture("L1"),
                                       Fixtures.touch("L1", at: "2026-11-24T20:02:00Z"))
            #expect(try await api.unix.post("/v1/events", batch).status == 200)
            let reply = try await api.unix.get("/v1/leads/L1")
            #expect(reply.status == 200)
            let lead = try #require(reply["lead"])
            #expect(lead["id"] == .string("L1"))
            #expect(lead["seq"] == .number("0"))
            #expect(lead["company_size"] == .number("5000"))
            #expect(lead["attributes"]?["crm_ref"] == .string("X-9"))
            #expect(lead["priority"] == .string("high"))
            #expect(lead["policy"] == .string("default"))
            #expect(lead["triage_rule"] == .string("high"))
            #expect(lead["owner"] == .string("alice"))
            #expect(lead["had"] == .array([.string("alice")]))
            #expect(lead["status"] == .string("open"))
            #expect(lead["touches"] == .number("1"))
            #expect(lead["last_touch_at"] == .string("2026-11-24T20:02:00Z"))
            // Step 2 (confirmation email): due at touch 1, deadline capture + 24h.
            #expect(lead["step"] == .object(["number": .number("2"), "due": .string("2026-11-24T20:02:00Z"),
                                             "deadline": .string("2026-11-25T20:00:00Z"),
                                             "due_notified": .bool(false), "breached": .bool(false),
                                             "repeat_at": .null, "breaches": .number("0"),
                                             "channel": .null, "name": .null]), "no rules at hand in this daemon: no channel, no name")
            #expect(lead["unrouted"] == .bool(false))
            #expect(lead["nurture_at"] == .null)
            #expect(lead["snoozed_until"] == .null)
            #expect(lead["snooze_reason"] == .null)
            #expect(lead["check_in_at"] == .null)
            #expect(lead["zone"] == .null)
            #expect(reply["timers"] == .array([
                .object(["kind": .string("due:2"), "at": .string("2026-11-24T20:02:00Z")]),
                .object(["kind": .string("deadline:2"), "at": .string("2026-11-25T20:00:00Z")]),
            ]))
            let events = reply["events"]?.items ?? []
            #expect(events.count == 2)
            #expect(events.first?["seq"] == .number("3"))
            #expect(events.first?["source"] == .string("api"))
            #expect(events.first?["received_at"] == .string("2026-11-24T19:00:00Z"))
            #expect(events.first?["event"]?["type"] == .string("lead.captured"))
            #expect(events.first?["event"]?["lead"]?["crm_ref"] == .string("X-9"))
            #expect(events.last?["event"]?["outcome"] == .string("no_answer"))
            #expect(reply["notifications"] == .array([.object([
                "id": .string("L1:lead.assigned:1:1"), "at": .string("2026-11-24T20:00:00Z"),
                "kind": .string("lead.assigned"), "to": .string("alice"), "step": .number("1"), "channel": .string("call"),
                "deadline": .string("2026-11-24T20:05:00Z"), "reason": .string("new"), "receiver": .string("log"),
                "state": .string("pending"), "attempts": .number("0"), "last_error": .null,
                "next_attempt_at": .string("2026-11-24T20:00:00Z"), "delivered_at": .null,
            ])]))
            // Members come in the documented order, whatever JSONValue equality says.
            #expect(reply.body.hasPrefix(#"{"lead":{"id":"L1","seq":0,"captured_at":"2026-11-24T20:00:00Z","source":"web_form","name":"Dana""#))
        }
    }

    @Test("an unknown lead is a 404 JSON error; a percent-encoded id is decoded")
    func unknownLead() async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.get("/v1/leads/L%20404")
            #expect(reply.status == 404)
            #expect(reply.body == #"{"error":{"message":"unknown lead \"L 404\""}}"#)
        }
    }

    /// alice owns L1, L3, L5; bob owns L2, L4. L3 engaged; L5 touched once.
    static func seed(_ api: LiveAPI) async throws {
        let batch = Fixtures.array(
            Fixtures.alice, Fixtures.bob,
            Fixtures.capture("L1", owner: "alice"), Fixtures.capture("L2", owner: "bob"),
            Fixtures.capture("L3", owner: "alice"), Fixtures.capture("L4", owner: "bob"),
            Fixtures.capture("L5", owner: "alice"),
            Fixtures.touch("L3", outcome: "connected", at: "2026-11-24T20:01:00Z"),
            Fixtures.touch("L5", at: "2026-11-24T20:02:00Z"))
        let reply = try await api.unix.post("/v1/events", batch)
        #expect(reply.status == 200, "\(reply.body)")
    }

    static func ids(_ reply: APIClient.Reply) throws -> [String] {
        try reply.body(LeadsPageBody.self).leads.map(\.id)
    }

    @Test("filters by owner, status and overdue")
    func filters() async throws {
        try await LiveAPI.run { api in
            try await Self.seed(api)
            #expect(try Self.ids(try await api.unix.get("/v1/leads")) == ["L1", "L2", "L3", "L4", "L5"])
            #expect(try Self.ids(try await api.unix.get("/v1/leads?owner=alice")) == ["L1", "L3", "L5"])
            #expect(try Self.ids(try await api.unix.get("/v1/leads?status=engaged")) == ["L3"])
            #expect(try Self.ids(try await api.unix.get("/v1/leads?owner=bob&status=open")) == ["L2", "L4"])
            // Before 20:05 nothing is overdue; after, the untouched leads' step 1 is.
            #expect(try Self.ids(try await api.unix.get("/v1/leads?overdue=true")) == [])
            api.clock.set(at("2026-11-24T20:05:01Z"))
            #expect(try Self.ids(try await api.unix.get("/v1/leads?overdue=true")) == ["L1", "L2", "L4"])
            #expect(try Self.ids(try await api.unix.get("/v1/leads?overdue=true&owner=alice")) == ["L1"])
        }
    }

    @Test("pages follow next_after to the end")
    func paging() async throws {
        try await LiveAPI.run { api in
            try await Self.seed(api)
            var seen: [String] = []
            var after: String?
            var pages = 0
            repeat {
                let reply = try await api.unix.get("/v1/leads?limit=2" + (after.map { "&after=\($0)" } ?? ""))
                #expect(reply.status == 200)
                seen += try Self.ids(reply)
                pages += 1
                switch reply["next_after"] {
                case .number(let next)?: after = next
                case .null?: after = nil
                default: Issue.record("next_after missing: \(reply.body)"); after = nil
                }
            } while after != nil && pages < 10
            #expect(seen == ["L1", "L2", "L3", "L4", "L5"])
            #expect(pages == 3)
        }
    }

    @Test("a bad query parameter is a 400 naming it", arguments: [
        ("status=closed", "status"), ("limit=0", "limit"), ("limit=many", "limit"), ("limit=5000", "limit"),
        ("after=-1", "after"), ("after=x", "after"), ("overdue=yes", "overdue"), ("onwer=alice", "onwer"),
    ])
    func badParameter(query: String, field: String) async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.get("/v1/leads?\(query)")
            #expect(reply.status == 400)
            #expect(reply.error?["field"] == .string(field), "\(reply.body)")
            #expect(reply.error?["index"] == nil)
        }
    }

    @Test("a rep's queue: what is due now (overdue marked) and next")
    func queue() async throws {
        try await LiveAPI.run { api in
            try await Self.seed(api)
            api.clock.set(at("2026-11-24T20:06:00Z"))
            let reply = try await api.unix.get("/v1/reps/alice/queue")
            #expect(reply.status == 200)
            #expect(reply["rep"] == .string("alice"))
            let now = reply["now"]?.items ?? []
            // L1's step 1 (deadline 20:05, overdue) comes before L5's step 2 (due 20:02, deadline tomorrow).
            #expect(now.map { $0["id"] } == [.string("L1"), .string("L5")])
            #expect(now.first?["step"] == .number("1"))
            #expect(now.first?["deadline"] == .string("2026-11-24T20:05:00Z"))
            #expect(now.first?["overdue"] == .bool(true))
            #expect(now.last?["step"] == .number("2"))
            #expect(now.last?["overdue"] == .bool(false))
            #expect(reply["next"] == .array([]))
            #expect(reply.body.contains(#""phone":"+1 555 0100""#))
        }
    }

    @Test("an unknown rep's queue is a 404 JSON error")
    func unknownRep() async throws {
        try await LiveAPI.run { api in
            let reply = try await api.unix.get("/v1/reps/nobody/queue")
            #expect(reply.status == 404)
            #expect(reply.error?["message"] == .string("unknown rep \"nobody\""))
        }
    }
}
