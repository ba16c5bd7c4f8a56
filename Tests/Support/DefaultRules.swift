public import FollowUpCore

/// DESIGN.md's default policy built in code, so the core's tests do not depend
/// on the rule-file parser (FollowUpRulesTests checks the shipped files say the same).
public enum DefaultRules {
    public static let newYork = ZoneCatalog.shared.rules(for: "America/New_York")!

    public static func date(_ text: String) -> CivilDate { CivilDate(parsing: Substring(text))! }
    public static func hours(_ text: String) -> HourRange { HourRange(parsing: Substring(text))! }
    public static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    public static let office = BusinessCalendar(
        name: "office", zone: newYork,
        hours: Dictionary(uniqueKeysWithValues: weekdays.map { ($0, [hours("08:00-18:00")]) }),
        holidays: [date("2026-11-26"), date("2026-12-25"), date("2027-01-01")])

    public static let windows = CallWindows(ranks: [
        CallWindowRank(name: "best", days: [.wednesday, .thursday], hours: [hours("16:00-17:00")]),
        CallWindowRank(name: "afternoon", days: weekdays, hours: [hours("16:00-17:00")]),
        CallWindowRank(name: "morning", days: weekdays, hours: [hours("07:30-08:30")]),
    ], maxShift: .hours(48))

    public static func steps() -> [StepRule] {
        [
            StepRule(name: "first touch", channel: .call, due: .init(anchor: .capture),
                     deadline: .init(anchor: .due, offset: .firstTouch)),
            StepRule(name: "confirmation", channel: .email, due: .init(anchor: .previousTouch),
                     deadline: .init(anchor: .capture, offset: .wall(.hours(24))),
                     deadlineAtLeast: .init(anchor: .due, offset: .wall(.hours(1)))),
            StepRule(name: "follow-up", channel: .call, due: .init(anchor: .previousTouch, offset: .wall(.days(1))),
                     inCallWindow: true, deadline: .init(anchor: .due, offset: .wall(.days(1)))),
            StepRule(name: "call again", channel: .call, due: .init(anchor: .previousTouch, offset: .wall(.days(2))),
                     inCallWindow: true, deadline: .init(anchor: .due, offset: .wall(.days(1)))),
            StepRule(name: "last email", channel: .email, due: .init(anchor: .previousTouch, offset: .wall(.days(4))),
                     deadline: .init(anchor: .due, offset: .wall(.days(1)))),
        ]
    }

    /// `followThrough: .shipped` turns on version 2's follow-through as the shipped rules do.
    public static func make(autoAcknowledge: Bool = false, roster: [Rep] = [], followThrough: FollowThrough = .off) -> Rules {
        let policy = Policy(name: "default", calendar: office, steps: steps(), callWindows: windows,
                            nurtureEvery: .days(30), autoAcknowledge: autoAcknowledge, followThrough: followThrough)
        return Rules(
            calendars: ["office": office],
            priorities: [
                PriorityTier(name: "high", firstTouch: .minutes(5)),
                PriorityTier(name: "medium", firstTouch: .hours(1)),
                PriorityTier(name: "low", firstTouch: .hours(4)),
                PriorityTier(name: "unqualified", firstTouch: nil),
            ],
            triage: [
                TriageRule(name: "unqualified", priority: "unqualified", policy: "default",
                           matcher: LeadMatcher(alternatives: [[.missing(["email", "phone"])]])),
                TriageRule(name: "high", priority: "high", policy: "default", matcher: LeadMatcher(alternatives: [
                    [.sourceIn(["web_form", "chat", "quote_request", "demo_request", "info_request"])],
                    [.companySizeAtLeast(1000)],
                    [.needIn(["current"])],
                ])),
                TriageRule(name: "medium", priority: "medium", policy: "default", matcher: LeadMatcher(alternatives: [
                    [.sourceIn(["newsletter", "whitepaper", "webinar", "cart", "product_view", "email"])],
                ])),
                TriageRule(name: "low", priority: "low", policy: "default", matcher: .always),
            ],
            scoring: Scoring(points: [
                "email_opened": 1, "email_forwarded": 3, "link_clicked": 2, "landing_page": 2, "site_visit": 1,
                "return_visit": 3, "qr_scan": 2, "pdf_download": 5, "info_requested": 10, "quote_requested": 15,
            ], lifts: [ScoreLift(threshold: 10, priority: "medium"), ScoreLift(threshold: 25, priority: "high")]),
            policies: ["default": policy],
            routing: Routing(defaultTeam: "sales"),
            fallback: "sales-manager",
            roster: roster)
    }
}
