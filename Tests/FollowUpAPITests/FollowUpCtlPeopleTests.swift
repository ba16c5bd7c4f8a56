import FollowUpCore
import FollowUpTestSupport
import Foundation
import Testing

/// followupctl's commands about people and the roster (accept, decline, lead
/// update and merge, planned absences, deactivation, `reps`), run as the real
/// binary against the real API with the in-memory daemon behind it.
@Suite("followupctl's people commands against a live API", .serialized)
struct FollowUpCtlPeopleTests {
    static let seed = [Fixtures.alice, Fixtures.bob, Fixtures.capture("L1")].joined(separator: "\n") + "\n"

    static func ctl(_ api: LiveAPI, _ arguments: String..., input: String? = nil) async throws -> Subprocess {
        try await Subprocess.ctl(arguments + ["--socket", api.socketPath], input: input)
    }

    /// The last event the daemon logged for `lead`, as received.
    static func lastEvent(_ api: LiveAPI, of lead: String) async throws -> JSONValue? {
        try await api.unix.get("/v1/leads/\(lead)")["events"]?.items.last?["event"]
    }

    static func eventCount(_ api: LiveAPI) async throws -> JSONValue? {
        try await api.unix.get("/v1/status")["statistics"]?["events"]
    }

    @Test("accept and decline default to the lead's owner; decline moves a step 1 on")
    func acceptAndDecline() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            let accept = try await Self.ctl(api, "accept", "L1")
            #expect(accept.status == 0, "\(accept.stderr)")
            #expect(accept.stdout == "accepted #4 lead.accepted L1\n")
            #expect(try await Self.lastEvent(api, of: "L1")?["rep"] == .string("alice"), "the owner, read from the daemon")

            let decline = try await Self.ctl(api, "decline", "L1", "--reason", "not my territory")
            #expect(decline.status == 0, "\(decline.stderr)")
            #expect(decline.stdout == "accepted #5 lead.declined L1 → L1:lead.assigned:1:2\n")
            let sent = try await Self.lastEvent(api, of: "L1")
            #expect(sent?["rep"] == .string("alice"))
            #expect(sent?["reason"] == .string("not my territory"))
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["owner"] == .string("bob"), "alice's backup")

            // bob is the owner now: a decline naming alice is recorded and changes nothing.
            let byOther = try await Self.ctl(api, "decline", "L1", "--rep", "alice")
            #expect(byOther.stdout == "accepted #6 lead.declined L1\n")
        }
    }

    @Test("accept and decline: an unknown lead or rep is named, and exits 1")
    func acceptAndDeclineErrors() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            // Without --rep the owner lookup is what fails; it names the lead as the event's refusal does.
            let lookedUp = try await Self.ctl(api, "decline", "L9")
            #expect(lookedUp.status == 1)
            #expect(lookedUp.stdout == "")
            #expect(lookedUp.stderr == "followupctl: unknown lead \"L9\" (field: lead)\n")
            let sent = try await Self.ctl(api, "accept", "L9", "--rep", "alice")
            #expect(sent.status == 1)
            #expect(sent.stderr == "followupctl: unknown lead \"L9\" (field: lead)\n")
            let rep = try await Self.ctl(api, "accept", "L1", "--rep", "zed")
            #expect(rep.status == 1)
            #expect(rep.stderr == "followupctl: unknown rep \"zed\" (send rep.upserted first) (field: rep)\n")
            let declineRep = try await Self.ctl(api, "decline", "L1", "--rep", "zed", "--reason", "busy")
            #expect(declineRep.status == 1)
            #expect(declineRep.stderr.hasSuffix("(field: rep)\n"), "\(declineRep.stderr)")
            #expect(try await Self.eventCount(api) == .number("3"), "nothing was applied")
        }
    }

    @Test("lead update sends typed fields; owner, score and priority are refused before sending")
    func leadUpdate() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            let run = try await Self.ctl(api, "lead", "update", "L1", "--set", "phone=+1 555 0101",
                                         "--set", "company_size=250", "--set", "country=US")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "accepted #4 lead.updated L1\n")
            let sent = try await Self.lastEvent(api, of: "L1")
            #expect(sent?["lead"]?["company_size"] == .number("250"), "an integer, not the text \"250\"")
            #expect(sent?["lead"]?["country"] == .string("US"))
            let lead = try await api.unix.get("/v1/leads/L1")["lead"]
            #expect(lead?["phone"] == .string("+1 555 0101"))
            #expect(lead?["company_size"] == .number("250"))
            #expect(lead?["attributes"]?["country"] == .string("US"))

            for (set, message) in [("owner=bob", "owner cannot be changed by lead update; reassign the lead"),
                                   ("score=40", "score cannot be changed by lead update"),
                                   ("priority=low", "priority cannot be changed by lead update"),
                                   ("company_size=big", "company_size=big: company_size is a whole number"),
                                   ("phone", "--set phone: give field=value"),
                                   ("phone=", "--set phone=: give a value")] {
                let refused = try await Self.ctl(api, "lead", "update", "L1", "--set", set)
                #expect(refused.status != 0, "\(set)")
                #expect(refused.stderr.contains(message), "\(set): \(refused.stderr)")
            }
            let twice = try await Self.ctl(api, "lead", "update", "L1", "--set", "phone=1", "--set", "phone=2")
            #expect(twice.stderr.contains("--set phone is given twice"), "\(twice.stderr)")
            #expect(try await Self.eventCount(api) == .number("4"), "nothing refused here was sent")

            let unknown = try await Self.ctl(api, "lead", "update", "L9", "--set", "phone=1")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "followupctl: unknown lead \"L9\" (field: lead.id)\n")
            let badNeed = try await Self.ctl(api, "lead", "update", "L1", "--set", "need=maybe")
            #expect(badNeed.status == 1)
            #expect(badNeed.stderr == "followupctl: must be \"new\" or \"current\", got \"maybe\" (field: lead.need)\n")
        }
    }

    @Test("lead merge ends the duplicate; an unknown lead is named")
    func leadMerge() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed + Fixtures.capture("L2") + "\n")
            api.clock.set(at("2026-11-24T20:01:00Z"))
            let run = try await Self.ctl(api, "lead", "merge", "L1", "L2")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "accepted #5 lead.merged L1\n")
            #expect(try await api.unix.get("/v1/leads/L2")["lead"]?["status"] == .string("merged"))
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["status"] == .string("open"))

            let duplicate = try await Self.ctl(api, "lead", "merge", "L1", "L9")
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr == "followupctl: unknown lead \"L9\" (field: duplicate)\n")
            let survivor = try await Self.ctl(api, "lead", "merge", "L9", "L1")
            #expect(survivor.stderr == "followupctl: unknown lead \"L9\" (field: lead)\n")
            let itself = try await Self.ctl(api, "lead", "merge", "L1", "L1")
            #expect(itself.status != 0)
            #expect(itself.stderr.contains("a lead cannot be merged into itself"), "\(itself.stderr)")
        }
    }

    @Test("rep add creates a rep (a taken id is refused); rep update changes the named details and keeps the rest")
    func repAddAndUpdate() async throws {
        try await LiveAPI.run { api in
            let add = try await Self.ctl(api, "rep", "add", "dee", "--name", "Dee", "--email", "dee@example.com",
                                         "--team", "sales", "--backup", "eli", "--capacity", "5")
            #expect(add.status == 0, "\(add.stderr)")
            let again = try await Self.ctl(api, "rep", "add", "dee")
            #expect(again.status == 1)
            #expect(again.stderr.contains("rep \"dee\" already exists"), "\(again.stderr)")
            let update = try await Self.ctl(api, "rep", "update", "dee", "--team", "emea")
            #expect(update.status == 0, "\(update.stderr)")
            let dee = try await api.unix.get("/v1/reps")["reps"]?.items.first { $0["id"] == .string("dee") }
            #expect(dee?["team"] == .string("emea"))
            #expect(dee?["email"] == .string("dee@example.com"))
            #expect(dee?["backup"] == .string("eli"))
            #expect(dee?["capacity"] == .number("5"))
            let unknown = try await Self.ctl(api, "rep", "update", "zed", "--team", "emea")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("unknown rep \"zed\""), "\(unknown.stderr)")
            let badEmail = try await Self.ctl(api, "rep", "add", "fay", "--email", "fay@x.test>\r\nDATA")
            #expect(badEmail.status == 1)
            #expect(badEmail.stderr.contains("(field: rep.email)"), "\(badEmail.stderr)")
        }
    }

    @Test("lead reassign and lead status without JSON; a status that is not final is refused before sending")
    func leadReassignAndStatus() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            let reassign = try await Self.ctl(api, "lead", "reassign", "L1", "bob")
            #expect(reassign.status == 0, "\(reassign.stderr)")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["owner"] == .string("bob"))
            let notFinal = try await Self.ctl(api, "lead", "status", "L1", "engaged")
            #expect(notFinal.status == 64)
            #expect(notFinal.stderr.contains("status must be one of won, lost, disqualified, got \"engaged\""), "\(notFinal.stderr)")
            let won = try await Self.ctl(api, "lead", "status", "L1", "won")
            #expect(won.status == 0, "\(won.stderr)")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["status"] == .string("won"))
            let unknown = try await Self.ctl(api, "lead", "status", "L9", "lost")
            #expect(unknown.stderr == "followupctl: unknown lead \"L9\" (field: lead)\n")
        }
    }

    @Test("rep away --from plans an absence; dates read where the rep is, durations from the daemon's now")
    func plannedAbsence() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: [Fixtures.alice, Fixtures.bob].joined(separator: "\n"))
            // alice works in New York: 09:00 EST is 14:00Z.
            let dates = try await Self.ctl(api, "rep", "away", "alice", "--from", "2026-11-27", "--until", "2026-11-30",
                                           "--reason", "holiday")
            #expect(dates.status == 0, "\(dates.stderr)")
            #expect(dates.stdout == """
                accepted #3 rep.availability
                alice will be away from 2026-11-27T14:00:00Z until 2026-11-30T14:00:00Z

                """)
            let roster = try await api.unix.get("/v1/reps")
            let alice = try #require(roster["reps"]?.items.first)
            #expect(alice["availability"]?["available"] == .bool(true), "not away yet")
            #expect(alice["availability"]?["until"] == .null)
            #expect(alice["scheduled"]?["from"] == .string("2026-11-27T14:00:00Z"))
            #expect(alice["scheduled"]?["until"] == .string("2026-11-30T14:00:00Z"))
            #expect(alice["scheduled"]?["reason"] == .string("holiday"))
            #expect(alice["scheduled"]?["available"] == .bool(false))

            // The daemon's now is 2026-11-24T19:00:00Z whatever this machine's clock says.
            let durations = try await Self.ctl(api, "rep", "away", "bob", "--from", "12h", "--until", "2d")
            #expect(durations.status == 0, "\(durations.stderr)")
            #expect(durations.stdout == """
                accepted #4 rep.availability
                bob will be away from 2026-11-25T07:00:00Z until 2026-11-26T19:00:00Z

                """)
            let queue = try await Self.ctl(api, "queue", "alice")
            #expect(queue.stdout.hasPrefix("alice will be away from 2026-11-27T14:00:00Z until 2026-11-30T14:00:00Z (holiday)\nNow for alice (0)\n"),
                    "\(queue.stdout)")
        }
    }

    @Test("rep away: a bad TIME is refused before sending; the daemon's 400 names from, until or rep")
    func plannedAbsenceErrors() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: [Fixtures.alice, Fixtures.bob].joined(separator: "\n"))
            let unreadable = try await Self.ctl(api, "rep", "away", "alice", "--from", "monday")
            #expect(unreadable.status != 0)
            #expect(unreadable.stderr.contains("--from: \"monday\" is not a wake-up time"), "\(unreadable.stderr)")
            let past = try await Self.ctl(api, "rep", "away", "alice", "--from", "2026-11-24T18:00:00Z")
            #expect(past.status == 1)
            #expect(past.stderr.hasSuffix("(field: from)\n"), "\(past.stderr)")
            let backwards = try await Self.ctl(api, "rep", "away", "alice", "--from", "2026-11-28T00:00:00Z",
                                               "--until", "2026-11-27T00:00:00Z")
            #expect(backwards.status == 1)
            #expect(backwards.stderr == "followupctl: 2026-11-27T00:00:00Z is not after `from` (2026-11-28T00:00:00Z) (field: until)\n")
            let unknown = try await Self.ctl(api, "rep", "away", "zed", "--until", "2026-12-01")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "followupctl: unknown rep \"zed\" (send rep.upserted first) (field: rep)\n")
            #expect(try await Self.eventCount(api) == .number("2"), "nothing was applied")
        }
    }

    @Test("rep deactivate moves the rep's open leads; reps and queue show it")
    func deactivate() async throws {
        try await LiveAPI.run { api in
            _ = try await Self.ctl(api, "event", input: Self.seed)
            api.clock.set(at("2026-11-24T20:01:00Z"))
            let run = try await Self.ctl(api, "rep", "deactivate", "alice")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "accepted #4 rep.deactivated → L1:lead.assigned:1:2\n")
            #expect(try await api.unix.get("/v1/leads/L1")["lead"]?["owner"] == .string("bob"))
            let alice = try await api.unix.get("/v1/reps")["reps"]?.items.first
            #expect(alice?["deactivated"] == .bool(true))
            #expect(alice?["leads_in_cadence"] == .number("0"))
            let queue = try await Self.ctl(api, "queue", "alice")
            #expect(queue.stdout.hasPrefix("alice is deactivated\nNow for alice (0)\n"), "\(queue.stdout)")

            let unknown = try await Self.ctl(api, "rep", "deactivate", "zed")
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "followupctl: unknown rep \"zed\" (field: rep)\n")
        }
    }

    @Test("reps prints an aligned roster with load against capacity; --output json is the daemon's answer")
    func reps() async throws {
        try await LiveAPI.run { api in
            let alice = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"alice","team":"sales","backup":"bob","timezone":"America/New_York","weight":3,"capacity":2}}"#
            let bob = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"bob","team":"sales","backup":"alice","capacity":5}}"#
            let carol = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"carol","name":"Carol","team":"sales"}}"#
            _ = try await Self.ctl(api, "event", input: [alice, bob, carol, Fixtures.capture("L1"), Fixtures.capture("L2"),
                                                         Fixtures.capture("L3", owner: "bob")].joined(separator: "\n"))
            api.clock.set(at("2026-11-24T20:01:00Z"))
            #expect(try await Self.ctl(api, "rep", "away", "carol", "--until", "2026-11-30T13:00:00Z", "--reason", "vacation").status == 0)
            #expect(try await Self.ctl(api, "rep", "away", "bob", "--from", "2026-12-21", "--until", "2027-01-04", "--reason", "holiday").status == 0)

            let table = try await Self.ctl(api, "reps")
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout == """
                REP    TEAM   BACKUP  LOAD      WEIGHT  NOW                                         PLANNED
                alice  sales  bob     2/2 full  3       available                                   -
                bob    sales  alice   1/5       1       available                                   away from 2026-12-21T14:00:00Z until 2027-01-04T14:00:00Z (holiday)
                carol  sales  -       0         1       away until 2026-11-30T13:00:00Z (vacation)  -
                3 reps

                """)

            let json = try await Self.ctl(api, "reps", "--output", "json")
            let direct = try await api.unix.get("/v1/reps")
            #expect(json.stdout == direct.body + "\n")
            let rows = direct["reps"]?.items ?? []
            #expect(rows.map { $0["leads_in_cadence"] } == [.number("2"), .number("1"), .number("0")])
            #expect(rows.map { $0["capacity"] } == [.number("2"), .number("5"), .null])
            #expect(rows.last?["name"] == .string("Carol"))
            #expect(rows.last?["availability"]?["until"] == .string("2026-11-30T13:00:00Z"))
            #expect(rows.last?["scheduled"] == .null)

            let queue = try await Self.ctl(api, "queue", "carol")
            #expect(queue.stdout.hasPrefix("carol is away until 2026-11-30T13:00:00Z (vacation)\nNow for carol (0)\n"), "\(queue.stdout)")

            // Once carol's absence has ended she reads as available, as routing reads her.
            api.clock.set(at("2026-11-30T13:00:00Z"))
            let later = try await Self.ctl(api, "reps", "--output", "json")
            #expect(later.stdout.contains(#""id":"carol","name":"Carol","email":null,"team":"sales","backup":null,"timezone":null,"availability":{"available":true,"until":null,"reason":null},"scheduled":null,"deactivated":false,"weight":1,"capacity":null,"leads_in_cadence":0}"#),
                    "\(later.stdout)")

            let bad = try await Self.ctl(api, "reps", "--output", "csv")
            #expect(bad.status != 0)
            let filtered = try await api.unix.get("/v1/reps?team=sales")
            #expect(filtered.status == 400)
            #expect(filtered.error?["field"] == .string("team"), "\(filtered.body)")
        }
    }
}
