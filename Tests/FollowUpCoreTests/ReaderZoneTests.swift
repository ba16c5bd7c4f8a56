import Testing
import FollowUpCore
import FollowUpFormats
import FollowUpTestSupport

/// The clock a notification is read on, decided once in the core (the
/// worklists and the emails used to work it out apart), and what minted a
/// notification (delivery measures fire lag from timers only).
@Suite struct ReaderZoneTests {
    static let rules = DefaultRules.make()

    static func lead(zone: String?) throws -> LeadState {
        var sim = Simulation(rules: rules)
        let extra = zone.map { #","timezone":"\#($0)""# } ?? ""
        for line in [Line.rep("2026-12-08T13:00:00Z", "alice"),
                     Line.capture("2026-12-08T14:00:00Z", "L1", owner: "alice", extra: extra)] {
            try sim.apply(try EventDecoder.decode(line)) { _ in }
        }
        return try #require(sim.world.lead("L1"))
    }

    static func notification(_ kind: NotificationKind, reason: NotificationReason? = nil) -> LeadNotification {
        LeadNotification(id: "n", at: at("2026-12-08T14:00:00Z"), kind: kind, lead: "L1", to: "alice", recipient: .rep, reason: reason)
    }

    @Test func anAcknowledgementIsReadOnTheLeadsOwnClock() throws {
        let lead = try Self.lead(zone: "Asia/Tokyo")
        let rep = Rep(id: "alice", timezone: "Europe/Paris")
        let zone = Self.rules.readerZone(of: Self.notification(.leadAcknowledgement), rep: rep, lead: lead)
        #expect(zone.identifier == "Asia/Tokyo")
        // A lead without a zone reads it on its calendar's.
        let plain = Self.rules.readerZone(of: Self.notification(.leadAcknowledgement), rep: rep, lead: try Self.lead(zone: nil))
        #expect(plain.identifier == "America/New_York")
    }

    @Test func aRepReadsOnTheirOwnClockElseTheLeadsCalendar() throws {
        let lead = try Self.lead(zone: "Asia/Tokyo")
        let due = Self.notification(.touchDue)
        #expect(Self.rules.readerZone(of: due, rep: Rep(id: "alice", timezone: "Europe/Paris"), lead: lead).identifier == "Europe/Paris")
        // Not the lead's zone: a rep's deadline counts in business time on the lead's calendar.
        #expect(Self.rules.readerZone(of: due, rep: Rep(id: "alice"), lead: lead).identifier == "America/New_York")
        // The lead is gone (erased): as worklists read, the rep's zone else the default calendar's.
        #expect(Self.rules.readerZone(of: due, rep: Rep(id: "alice", timezone: "Europe/Paris"), lead: nil).identifier == "Europe/Paris")
        #expect(Self.rules.readerZone(of: due, rep: nil, lead: nil).identifier == "America/New_York")
    }

    @Test func aRepNamingNoKnownZoneReadsOnTheCalendar() throws {
        let zone = Self.rules.readerZone(of: Self.notification(.touchDue), rep: Rep(id: "alice", timezone: "Mars/Olympus"),
                                         lead: try Self.lead(zone: nil))
        #expect(zone.identifier == "America/New_York")
    }

    @Test func timersAndEventsMintTheirOwnKinds() {
        let fromTimers: [LeadNotification] = [
            Self.notification(.touchDue), Self.notification(.slaBreached), Self.notification(.nurtureDue),
            Self.notification(.feedbackDue), Self.notification(.leadAssigned, reason: .escalated),
            Self.notification(.leadAssigned, reason: .notAccepted),
        ]
        #expect(fromTimers.allSatisfy { $0.cause == .timer })
        let fromEvents: [LeadNotification] = [
            Self.notification(.leadAssigned, reason: .new), Self.notification(.leadAssigned, reason: .manual),
            Self.notification(.leadAssigned, reason: .declined), Self.notification(.leadUnrouted),
            Self.notification(.leadAcknowledgement), Self.notification(.leadHot),
        ]
        #expect(fromEvents.allSatisfy { $0.cause == .event })
    }
}
