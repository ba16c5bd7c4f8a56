import Testing
@testable import FollowUpCore
@testable import FollowUpFormats
@testable import FollowUpReports
import FollowUpTestSupport

/// The follow-through figures (snoozed now, breaches repeated, moved after
/// breaches, check-ins sent and answered, hot signals) and bounced touches,
/// as docs/reports.md defines them: first on facts made by hand, each edge
/// on its own, then on a month the real engine ran with the shipped rules.
@Suite struct FollowThroughReportTests {
    static let rules = DefaultRules.make(followThrough: .shipped)

    static func lead(_ id: LeadID = "L1", status: LeadStatus = .open, snoozedUntil: Instant? = nil) -> LeadState {
        LeadState(profile: LeadProfile(id: id, source: "web_form", email: "x@lead.test", owner: "alice"), seq: 1,
                  capturedAt: at("2026-12-07T14:00:00Z"), priority: "high", policy: "default", triageRule: "high",
                  score: 0, team: "sales", owner: "alice", had: ["alice"], status: status, snoozedUntil: snoozedUntil)
    }

    static func breach(_ time: String, step: Int, to rep: String) -> NoticeFact {
        NoticeFact(at: at(time), kind: .slaBreached, step: step, to: rep)
    }

    static func checkIn(_ time: String) -> NoticeFact {
        NoticeFact(at: at(time), kind: .feedbackDue, to: "alice")
    }

    static func touch(_ time: String, _ outcome: Outcome = .noAnswer) -> TouchFact {
        TouchFact(at: at(time), rep: "alice", outcome: outcome)
    }

    // MARK: Breaches repeated

    @Test func aRepeatIsTheSameRepMissingTheSameStepAgain() {
        let notices = [
            Self.breach("2026-12-08T14:00:00Z", step: 2, to: "alice"), Self.breach("2026-12-08T14:00:00Z", step: 2, to: "bob"),
            Self.breach("2026-12-09T14:00:00Z", step: 2, to: "alice"), Self.breach("2026-12-09T14:00:00Z", step: 2, to: "bob"),
            Self.breach("2026-12-10T13:58:00Z", step: 2, to: "bob"), Self.breach("2026-12-10T13:58:00Z", step: 2, to: "carol"),
            Self.breach("2026-12-12T13:00:00Z", step: 3, to: "bob"),
            Self.breach("2026-12-13T13:00:00Z", step: 3, to: "bob"),
        ]
        let breaches = Breach.from(notices)
        #expect(breaches.map(\.rep) == ["alice", "alice", "bob", "bob", "bob"], "the backup's copy is the same breach")
        // alice's second miss of step 2, bob's second miss of step 3. bob's first miss of step 2
        // came after the lead moved to him: his count starts afresh, as the engine's does.
        #expect(Breach.repeatedCount(in: breaches) == 2)
        #expect(Breach.repeatedCount(in: Breach.from(Array(notices.prefix(2)))) == 0, "one breach sent twice is no repeat")
    }

    @Test func escalationsOfStepOneAreNoRepeats() {
        let breaches = Breach.from([Self.breach("2026-12-07T14:05:00Z", step: 1, to: "alice"),
                                    Self.breach("2026-12-07T14:10:00Z", step: 1, to: "bob")])
        #expect(Breach.repeatedCount(in: breaches) == 0)
    }

    // MARK: Moved after breaches

    @Test(arguments: [
        (NotificationReason.escalated, 2 as Int?, true),
        (.escalated, 5, true),
        (.escalated, 1, false),          // step 1's escalation: one breach moves it, not repeated ones
        (.manual, 3, false),
        (.ownerUnavailable, 2, false),
        (.escalated, nil, false),
    ])
    func onlyAnEscalationCarryingALaterStepIsAMove(reason: NotificationReason, step: Int?, isMove: Bool) {
        #expect(NoticeFact(at: at("2026-12-09T14:00:00Z"), kind: .leadAssigned, step: step, to: "bob", reason: reason)
            .isMoveAfterBreaches == isMove)
        #expect(!NoticeFact(at: at("2026-12-09T14:00:00Z"), kind: .slaBreached, step: step, to: "bob", reason: reason)
            .isMoveAfterBreaches)
    }

    // MARK: Check-ins

    @Test func aCheckInIsAnsweredByATouchBeforeTheNextOne() {
        let asked = [Self.checkIn("2026-12-21T14:00:00Z"), Self.checkIn("2027-01-04T14:00:00Z"),
                     Self.checkIn("2027-01-18T14:00:00Z")]
        // A touch at the instant of a check-in answers it; one at the next check-in's instant answers that one.
        let touches = [Self.touch("2026-12-21T14:00:00Z"), Self.touch("2027-01-18T14:00:00Z")]
        #expect(CheckIns(notices: asked, touches: touches, status: .engaged) == CheckIns(sent: 3, answered: 2))
        #expect(CheckIns(notices: asked, touches: [Self.touch("2026-12-21T13:59:59Z")], status: .engaged)
            == CheckIns(sent: 3, answered: 0), "a touch before the check-in does not answer it")
    }

    @Test func aBouncedTouchAnswersNothing() {
        let asked = [Self.checkIn("2026-12-21T14:00:00Z")]
        #expect(CheckIns(notices: asked, touches: [Self.touch("2026-12-22T14:00:00Z", .bounced)], status: .engaged).answered == 0)
        #expect(CheckIns(notices: asked, touches: [Self.touch("2026-12-22T14:00:00Z", .sent)], status: .engaged).answered == 1)
    }

    @Test(arguments: [(LeadStatus.won, 2), (.lost, 2), (.disqualified, 2), (.engaged, 1)])
    func aFinalStatusAnswersTheLastCheckInOnly(status: LeadStatus, answered: Int) {
        let asked = [Self.checkIn("2026-12-21T14:00:00Z"), Self.checkIn("2027-01-04T14:00:00Z")]
        let touches = [Self.touch("2026-12-22T14:00:00Z")]
        #expect(CheckIns(notices: asked, touches: touches, status: status) == CheckIns(sent: 2, answered: answered))
    }

    @Test func noCheckInNoAnswer() {
        #expect(CheckIns(notices: [], touches: [Self.touch("2026-12-22T14:00:00Z")], status: .won) == CheckIns(sent: 0, answered: 0))
    }

    // MARK: Snoozed now, hot signals, bounced touches

    @Test func snoozedNowIsASnoozeOnALeadThatIsNotFinal() {
        let now = at("2026-12-10T00:00:00Z")
        func outcome(_ lead: LeadState) -> LeadOutcome {
            LeadOutcome(facts: LeadFacts(lead: lead, touches: [], notices: []), rules: Self.rules, asOf: now)
        }
        #expect(outcome(Self.lead(snoozedUntil: at("2027-01-04T15:00:00Z"))).snoozedNow)
        #expect(!outcome(Self.lead()).snoozedNow)
        #expect(!outcome(Self.lead(status: .won, snoozedUntil: at("2027-01-04T15:00:00Z"))).snoozedNow)
    }

    @Test func hotSignalsCountLeadHotNotices() {
        let notices = [NoticeFact(at: at("2026-12-08T15:00:00Z"), kind: .leadHot, to: "alice"),
                       NoticeFact(at: at("2026-12-09T15:00:00Z"), kind: .leadHot, to: "bob"),
                       NoticeFact(at: at("2026-12-09T15:00:00Z"), kind: .feedbackDue, to: "alice")]
        let o = LeadOutcome(facts: LeadFacts(lead: Self.lead(), touches: [], notices: notices), rules: Self.rules,
                            asOf: at("2026-12-10T00:00:00Z"))
        #expect(o.hotSignals == 2)
        #expect(o.checkIns.sent == 1)
    }

    @Test func aBouncedTouchIsNoTouchAndNoFirstTouch() {
        let facts = LeadFacts(lead: Self.lead(), touches: [Self.touch("2026-12-07T14:02:00Z", .bounced),
                                                           Self.touch("2026-12-07T14:20:00Z")], notices: [])
        let o = LeadOutcome(facts: facts, rules: Self.rules, asOf: at("2026-12-10T00:00:00Z"))
        #expect(o.loggedTouches == 1)
        #expect(o.firstTouchAt == at("2026-12-07T14:20:00Z"))
        #expect(o.speedToLead == .minutes(20))
        #expect(o.sla == .missed, "the bounce at 14:02 reached nobody; the 14:20 call missed 14:05")
        let bouncedOnly = LeadOutcome(facts: LeadFacts(lead: Self.lead(), touches: [Self.touch("2026-12-07T14:02:00Z", .bounced)],
                                                       notices: []), rules: Self.rules, asOf: at("2026-12-10T00:00:00Z"))
        #expect(bouncedOnly.loggedTouches == 0 && bouncedOnly.firstTouchAt == nil && bouncedOnly.sla == .missed)
        let report = Report.make(facts: [LeadFacts(lead: Self.lead(), touches: [Self.touch("2026-12-07T14:02:00Z", .bounced)],
                                                   notices: [])],
                                 rules: Self.rules, grouping: .rep, window: ReportWindow(), asOf: at("2026-12-10T00:00:00Z"))
        #expect(report.total.neverTouched == 1 && report.total.touches == 0)
        #expect(report.speedToLead.last == ReportBucket(label: "never", count: 1))
    }

    // MARK: A month the engine ran

    @Test func aMonthOfFollowThrough() throws {
        let now = at(FollowThroughMonth.until)
        let facts = try ReportTests.facts(FollowThroughMonth.lines, until: FollowThroughMonth.until, rules: Self.rules)
        let o = Dictionary(uniqueKeysWithValues: facts.map { ($0.lead.id, LeadOutcome(facts: $0, rules: Self.rules, asOf: now)) })
        #expect(o["A"]!.breaches == [Breach(step: 2, at: at("2026-12-08T14:00:00Z"), rep: "alice"),
                                     Breach(step: 2, at: at("2026-12-09T14:00:00Z"), rep: "alice"),
                                     Breach(step: 2, at: at("2026-12-10T13:58:00Z"), rep: "bob")])
        #expect((o["A"]!.repeatedBreaches, o["A"]!.movesAfterBreaches) == (1, 1))
        #expect(o["B"]!.checkIns == CheckIns(sent: 2, answered: 2))
        #expect(o["C"]!.checkIns == CheckIns(sent: 2, answered: 0))
        #expect(o["D"]!.snoozedNow && o["D"]!.hotSignals == 1)
        #expect(o["E"]!.breaches.map(\.step) == [1, 2, 2])
        #expect((o["E"]!.repeatedBreaches, o["E"]!.movesAfterBreaches) == (1, 0), "carol has no backup: unrouted, not moved")
        #expect(o["E"]!.speedToLead == .minutes(20) && o["E"]!.sla == .missed && o["E"]!.loggedTouches == 1)
        #expect(o["F"]!.breaches.map(\.rep) == ["alice", "bob", "carol"])
        #expect((o["F"]!.repeatedBreaches, o["F"]!.movesAfterBreaches, o["F"]!.hotSignals) == (0, 0, 0))

        let report = Report.make(facts: facts, rules: Self.rules, grouping: .rep, window: ReportWindow(), asOf: now)
        let t = report.total
        #expect((t.snoozedNow, t.breachesRepeated, t.movedAfterBreaches) == (1, 2, 1))
        #expect((t.checkInsSent, t.checkInsAnswered, t.hotSignals) == (4, 2, 2))
        #expect(t.checkInsAnsweredRatio.percentText == "50.0")
        #expect(t.breaches == 9, "A 3, E 3 (step 1 once, step 2 twice), F 3")
        #expect((t.touches, t.neverTouched, t.slaMet, t.slaMissed) == (7, 1, 4, 2), "bounced touches count for nothing")
        #expect(t.speedToLeadP90 == .minutes(20))
        #expect(report.groups.map(\.key) == ["alice", "bob", "carol"])
        let (alice, bob, carol) = (report.groups[0], report.groups[1], report.groups[2])
        #expect((alice.checkInsSent, alice.checkInsAnswered, alice.hotSignals, alice.breachesRepeated) == (2, 2, 1, 0))
        #expect((bob.breachesRepeated, bob.movedAfterBreaches, bob.checkInsSent, bob.checkInsAnswered) == (1, 1, 2, 0),
                "A is bob's now: alice's repeat counts with the lead")
        #expect((carol.snoozedNow, carol.hotSignals, carol.breachesRepeated, carol.movedAfterBreaches) == (1, 1, 1, 0))

        var w = JSONWriter()
        report.writeJSON(to: &w)
        let json = try JSONParser.parse(w.text)
        #expect(json["total"]?["snoozed_now"] == .number("1"))
        #expect(json["total"]?["breaches_repeated"] == .number("2"))
        #expect(json["total"]?["moved_after_breaches"] == .number("1"))
        #expect(json["total"]?["check_ins_sent"] == .number("4"))
        #expect(json["total"]?["check_ins_answered"] == .number("2"))
        #expect(json["total"]?["check_ins_answered_percent"] == .number("50.0"))
        #expect(json["total"]?["hot_signals"] == .number("2"))
        #expect(json["groups"]?[0]?["check_ins_answered_percent"] == .number("100.0"))
        #expect(json["groups"]?[2]?["check_ins_answered_percent"] == .null, "carol's leads got no check-in")
    }
}
