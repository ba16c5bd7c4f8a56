import Foundation
import FollowUpCore
import FollowUpFormats
import FollowUpTestSupport

/// Runs event lines through a ``Simulation`` and returns the notifications as
/// JSON lines: the same path `followupctl simulate` takes, minus the file.
func simulate(_ lines: [String], rules: Rules = DefaultRules.make(), until: String? = nil) throws -> [LeadNotification] {
    var sim = Simulation(rules: rules)
    var out: [LeadNotification] = []
    var last = Instant(secondsSinceEpoch: 0)
    for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        let event = try EventDecoder.decode(line)
        last = event.at
        try sim.apply(event) { out += $0.notifications }
    }
    let end = until.flatMap(RFC3339.parse) ?? last + .days(1)
    sim.run(until: end) { out += $0.notifications }
    return out
}

/// A notification reduced to what scenario files compare.
struct Seen: Hashable, CustomStringConvertible {
    var at: String, kind: String, lead: String, to: String, step: Int?, deadline: String?, reason: String?

    init(_ n: LeadNotification) {
        at = n.at.description; kind = n.kind.rawValue; lead = n.lead; to = n.to
        step = n.step; deadline = n.deadline?.description; reason = n.reason?.rawValue
    }

    init(_ at: String, _ kind: String, _ lead: String, _ to: String, step: Int? = nil, deadline: String? = nil, reason: String? = nil) {
        self.at = at; self.kind = kind; self.lead = lead; self.to = to
        self.step = step; self.deadline = deadline; self.reason = reason
    }

    var description: String {
        "\(at) \(kind) \(lead) → \(to)" + (step.map { " step \($0)" } ?? "") + (deadline.map { " deadline \($0)" } ?? "") + (reason.map { " (\($0))" } ?? "")
    }
}
