import FollowUpCore
import FollowUpWire

/// A rep's standing in words, from what `GET /v1/reps` and a rep's queue
/// share (``RepStandingBody``): the same phrases in `reps` and at the top of
/// `queue`, so people learn one wording.
enum RepAvailabilityText {
    /// `available`, `away until 2026-11-30T13:00:00Z (vacation)`, `away until marked back`, `deactivated`.
    static func now(_ rep: RepStandingBody) -> String {
        if rep.deactivated { return "deactivated" }
        let availability = rep.availability
        if availability.available { return "available" }
        return "away " + until(availability.until) + reason(availability.reason)
    }

    /// The planned change, `away from 2026-12-20T00:00:00Z until 2027-01-04T13:00:00Z (holiday)`
    /// or `back at 2026-12-01T14:00:00Z`; nil without one.
    static func planned(_ rep: RepStandingBody) -> String? {
        guard let scheduled = rep.scheduled else { return nil }
        let from = scheduled.from.map { "\($0)" } ?? "-"
        if scheduled.available { return "back at \(from)" + reason(scheduled.reason) }
        return "away from \(from) " + until(scheduled.until) + reason(scheduled.reason)
    }

    /// The lines `queue` opens with, none for a rep who is simply available:
    /// `alice is away until 2026-11-30T13:00:00Z (vacation)`, `alice will be away from … until …`.
    static func queueNotice(for id: String, _ rep: RepStandingBody) -> [String] {
        var lines: [String] = []
        let state = now(rep)
        if state != "available" { lines.append("\(id) is \(state)") }
        if let planned = planned(rep) { lines.append("\(id) will be \(planned)") }
        return lines
    }

    private static func until(_ until: Instant?) -> String {
        until.map { "until \($0)" } ?? "until marked back"
    }

    private static func reason(_ reason: String?) -> String {
        reason.map { " (\($0))" } ?? ""
    }
}
