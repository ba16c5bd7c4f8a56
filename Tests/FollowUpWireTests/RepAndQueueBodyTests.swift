import FollowUpCore
@testable import FollowUpWire
import Testing

/// `GET /v1/reps` and a rep's queue, which share a rep's standing.
@Suite struct RepAndQueueBodyTests {
    static let away = RepStandingBody(
        availability: AvailabilityBody(available: false, until: at(600), reason: "vacation"),
        scheduled: ScheduledAvailabilityBody(available: false, from: at(2_000), until: nil, reason: "leave"),
        deactivated: false)
    static let here = RepStandingBody(availability: AvailabilityBody(available: true, until: nil, reason: nil),
                                      scheduled: nil, deactivated: true)

    @Test func repsRoundTrip() throws {
        try expectRoundTrip(RepsBody(at: at(), reps: [
            RepBody(id: "alice", name: "Alice", email: "alice@x.test", team: "east", backup: "bob", timezone: "Europe/Berlin",
                    standing: Self.away, weight: 2, capacity: 5, leadsInCadence: 5),
            RepBody(id: "bob", name: nil, email: nil, team: nil, backup: nil, timezone: nil, standing: Self.here,
                    weight: 1, capacity: nil, leadsInCadence: 0),
        ]))
    }

    @Test func theStandingIsWrittenBesideTheRepsOwnMembers() {
        let rep = RepBody(id: "bob", name: nil, email: nil, team: nil, backup: nil, timezone: nil, standing: Self.here,
                          weight: 1, capacity: nil, leadsInCadence: 0)
        #expect(String(decoding: rep.jsonBytes, as: UTF8.self) == #"{"id":"bob","name":null,"email":null,"team":null,"backup":null,"timezone":null,"availability":{"available":true,"until":null,"reason":null},"scheduled":null,"deactivated":true,"weight":1,"capacity":null,"leads_in_cadence":0}"#)
    }

    @Test func queueRoundTrips() throws {
        let due = QueueLeadBody(id: "L1", name: "Dana", company: "Acme", phone: "+1 555 0100", email: nil, timezone: nil,
                                priority: "hot", score: 60, status: .open, step: 1, stepName: "first touch", channel: .call,
                                due: at(), deadline: at(5), overdue: true, snoozedUntil: nil, snoozeReason: nil)
        let snoozed = QueueLeadBody(id: "L2", name: nil, company: nil, phone: nil, email: "x@y.test", timezone: "Asia/Tokyo",
                                    priority: "warm", score: 10, status: .engaged, step: nil, stepName: nil, channel: nil,
                                    due: nil, deadline: nil, overdue: false, snoozedUntil: at(900), snoozeReason: "Monday")
        try expectRoundTrip(QueueBody(rep: "alice", at: at(), timezone: "Europe/Berlin", standing: Self.away,
                                      now: [due], next: [], snoozed: [snoozed]))
        try expectRoundTrip(QueueBody(rep: "bob", at: at(), timezone: nil, standing: Self.here, now: [], next: [due], snoozed: []))
    }
}

/// A member the API writes as `null` must still be there: under another name it reads as missing, not as "no value".
@Test func aRenamedNullableMemberReadsAsMissing() throws {
    let text = #"{"available":false,"until":null,"why":"vacation"}"#
    #expect(try wireError(text, as: AvailabilityBody.self) == Diagnostic(field: "reason", message: "missing"))
}
