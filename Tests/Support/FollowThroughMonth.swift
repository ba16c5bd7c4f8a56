/// A month of version 2 follow-through on six leads, as JSON lines in time
/// order, for the report tests of the core and the store (the same events, so
/// both are checked against the same hand-worked figures).
///
/// Office hours are 08:00–18:00 New York (13:00–23:00Z in December); every lead
/// is a web form (high: 5 business minutes to first touch). alice's backup is
/// bob, bob's is carol, carol has none. Run it until ``until`` with
/// `DefaultRules.make(followThrough: .shipped)`.
///
/// - A (alice): touched, then step 2 missed Tue 14:00Z and again Wed 14:00Z (a
///   repeat), so it moves to bob (escalated, step 2); bob misses it Thu 13:58Z,
///   touches it Thu 15:00Z, and it is lost.
/// - B (alice): engaged; a hot signal; check-in 21 Dec answered by a touch on
///   22 Dec, check-in 5 Jan answered by the won status.
/// - C (bob): engaged; check-ins 21 Dec and 4 Jan, neither answered (a bounced
///   touch in between counts for nothing).
/// - D (carol): touched, then snoozed until February; a hot signal while snoozed.
/// - E (carol): the first touch bounced, so step 1 is missed at 14:05Z (carol
///   has no backup: unrouted) and met late by the 14:20Z call; step 2 missed
///   twice by carol: unrouted again, not moved.
/// - F (alice): never touched; a hot-sized activity while step 1 is open (no
///   signal); step 1 escalates alice → bob → carol → unrouted: three breaches,
///   none a repeat, no move after breaches.
public enum FollowThroughMonth {
    public static let until = "2027-01-08T00:00:00Z"

    public static let lines: [String] = [
        rep("alice", backup: "bob"), rep("bob", backup: "carol"), rep("carol"),
        capture("A", owner: "alice"), capture("B", owner: "alice"), capture("C", owner: "bob"),
        capture("D", owner: "carol"), capture("E", owner: "carol"), capture("F", owner: "alice"),
        touch("2026-12-07T14:01:00Z", "B", by: "alice", "call", "connected"),
        touch("2026-12-07T14:01:00Z", "C", by: "bob", "email", "replied"),
        activity("2026-12-07T14:01:00Z", "F", "quote_requested"),
        touch("2026-12-07T14:02:00Z", "A", by: "alice", "call", "no_answer"),
        touch("2026-12-07T14:02:00Z", "E", by: "carol", "email", "bounced"),
        touch("2026-12-07T14:03:00Z", "D", by: "carol", "call", "no_answer"),
        #"{"at":"2026-12-07T14:05:00Z","type":"lead.snoozed","lead":"D","until":"2027-02-01T15:00:00Z","rep":"carol","reason":"after the budget meeting"}"#,
        touch("2026-12-07T14:20:00Z", "E", by: "carol", "call", "no_answer"),
        activity("2026-12-08T15:00:00Z", "B", "quote_requested"),
        activity("2026-12-09T15:00:00Z", "D", "quote_requested"),
        touch("2026-12-10T15:00:00Z", "A", by: "bob", "email", "sent"),
        status("2026-12-10T16:00:00Z", "A", "lost"),
        touch("2026-12-22T15:00:00Z", "B", by: "alice", "call", "no_answer"),
        touch("2026-12-22T15:00:00Z", "C", by: "bob", "email", "bounced"),
        status("2027-01-06T15:00:00Z", "B", "won"),
    ]

    static func rep(_ id: String, backup: String? = nil) -> String {
        let b = backup.map { #","backup":"\#($0)""# } ?? ""
        return #"{"at":"2026-12-07T13:00:00Z","type":"rep.upserted","rep":{"id":"\#(id)","email":"\#(id)@example.com","team":"sales"\#(b)}}"#
    }

    static func capture(_ id: String, owner: String) -> String {
        #"{"at":"2026-12-07T14:00:00Z","type":"lead.captured","lead":{"id":"\#(id)","source":"web_form","email":"\#(id.lowercased())@lead.test","owner":"\#(owner)"}}"#
    }

    static func touch(_ at: String, _ lead: String, by rep: String, _ channel: String, _ outcome: String) -> String {
        #"{"at":"\#(at)","type":"touch.logged","lead":"\#(lead)","rep":"\#(rep)","channel":"\#(channel)","outcome":"\#(outcome)"}"#
    }

    static func activity(_ at: String, _ lead: String, _ action: String) -> String {
        #"{"at":"\#(at)","type":"lead.activity","lead":"\#(lead)","action":"\#(action)"}"#
    }

    static func status(_ at: String, _ lead: String, _ status: String) -> String {
        #"{"at":"\#(at)","type":"lead.status","lead":"\#(lead)","status":"\#(status)"}"#
    }
}
