import FollowUpCore
import FollowUpFormats
@testable import FollowUpWire
import Testing

/// The lead's bodies: `GET /v1/leads/{id}`, `GET /v1/leads`, `GET /v1/leads/{id}/events`.
@Suite struct LeadBodyTests {
    static func lead(step: StepBody? = nil, wonValue: Amount? = nil) -> LeadBody {
        LeadBody(id: "L1", seq: 7, capturedAt: at(), source: "web", name: "Dana \"D\" Ruiz", email: "dana@acme.test",
                 phone: nil, company: "Acme", title: nil, companySize: 40, need: nil, stage: nil, timezone: "America/New_York",
                 attributes: ["country": .string("US"), "budget": .number("1.5e3"), "tags": .array([.string("a")])],
                 priority: "hot", policy: "default", triageRule: "big", score: 60, team: "east", owner: "alice",
                 had: ["bob", "alice"], status: wonValue == nil ? .open : .won, wonValue: wonValue, touches: 2,
                 lastTouchAt: at(30), step: step, unrouted: false, nurtureAt: nil, snoozedUntil: at(90),
                 snoozeReason: "asked for Monday", checkInAt: nil, zone: "America/New_York")
    }

    static let step = StepBody(number: 2, due: at(60), deadline: at(120), dueNotified: true, breached: false,
                               repeatAt: nil, breaches: 0, channel: .email, name: "confirmation")

    static func logged() throws -> LoggedEventBody {
        let event = try EventDecoder.decode(#"{"at":"2026-11-24T20:00:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected","note":"x"}"#)
        return LoggedEventBody(LoggedEvent(seq: 12, event: event, source: "api", receivedAt: at(1)))
    }

    @Test func leadRoundTrips() throws {
        try expectRoundTrip(Self.lead())
        try expectRoundTrip(Self.lead(step: Self.step, wonValue: Amount(parsing: "1500.50")))
    }

    @Test func stepRoundTrips() throws {
        try expectRoundTrip(Self.step)
        try expectRoundTrip(StepBody(number: 1, due: at(), deadline: at(5), dueNotified: false, breached: true,
                                     repeatAt: at(65), breaches: 1, channel: nil, name: nil))
    }

    @Test func leadRecordRoundTrips() throws {
        let notification = LeadNotificationBody(
            id: "L1:touch.due:2:1", at: at(60), kind: .touchDue, to: "alice", step: 2, channel: .email, deadline: at(120),
            reason: nil, receiver: "chat", state: .pending, attempts: 1, lastError: "502", nextAttemptAt: at(61), deliveredAt: nil)
        let record = LeadRecordBody(at: at(100), timezone: "America/New_York", lead: Self.lead(step: Self.step),
                                    timers: [LeadTimerBody(kind: "deadline:2", at: at(120))], events: [try Self.logged()],
                                    notifications: [notification])
        try expectRoundTrip(record)
        // A daemon without rules names no reader clock: `at` and `timezone` are left out, not null.
        var bare = record
        bare.at = nil
        bare.timezone = nil
        try expectRoundTrip(bare)
        #expect(String(decoding: bare.jsonBytes, as: UTF8.self).hasPrefix(#"{"lead":{"id":"L1""#))
    }

    @Test func theEventKeepsTheInputFormatsMemberOrder() throws {
        let text = String(decoding: try Self.logged().jsonBytes, as: UTF8.self)
        #expect(text == #"{"seq":12,"source":"api","received_at":"2026-11-24T20:01:00Z","event":{"at":"2026-11-24T20:00:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"call","outcome":"connected","note":"x"}}"#)
    }

    @Test func aBadEventIsNamedInsideItsRow() throws {
        let error = try wireError(#"{"lead":"L1","events":[{"seq":1,"source":"api","received_at":"2026-11-24T20:00:00Z","event":{"at":"2026-11-24T20:00:00Z","type":"touch.logged","lead":"L1","rep":"alice","channel":"pigeon","outcome":"connected"}}]}"#,
                                  as: LeadEventsBody.self)
        #expect(error?.field == "events[0].event.channel")
    }

    @Test func pagesRoundTrip() throws {
        try expectRoundTrip(LeadsPageBody(at: at(), timezone: "Europe/Berlin", leads: [Self.lead(), Self.lead(step: Self.step)],
                                          nextAfter: 7))
        try expectRoundTrip(LeadsPageBody(at: at(), timezone: nil, leads: [], nextAfter: nil))
        try expectRoundTrip(LeadEventsBody(lead: "L1", events: [try Self.logged()]))
    }

    @Test func anUnknownStatusIsNamed() throws {
        var text = String(decoding: Self.lead().jsonBytes, as: UTF8.self)
        text = text.replacing(#""status":"open""#, with: #""status":"opened""#)
        #expect(try wireError(text, as: LeadBody.self) == Diagnostic(field: "status", message: "unknown value \"opened\""))
    }
}
