import FollowUpCore

/// A rep's availability in words, from the members `GET /v1/reps` and a rep's
/// queue share (`availability`, `scheduled`, `deactivated`): the same phrases
/// in `reps` and at the top of `queue`, so people learn one wording.
enum RepAvailabilityText {
    /// `available`, `away until 2026-11-30T13:00:00Z (vacation)`, `away until marked back`, `deactivated`.
    static func now(_ rep: JSONValue) -> String {
        if rep["deactivated"]?.isTrue == true { return "deactivated" }
        let availability = rep["availability"] ?? .null
        if availability["available"]?.isTrue == true { return "available" }
        return "away " + until(availability) + reason(availability)
    }

    /// The planned change, `away from 2026-12-20T00:00:00Z until 2027-01-04T13:00:00Z (holiday)`
    /// or `back at 2026-12-01T14:00:00Z`; nil without one.
    static func planned(_ rep: JSONValue) -> String? {
        guard let scheduled = rep["scheduled"], case .object = scheduled else { return nil }
        let from = scheduled["from"].shown
        if scheduled["available"]?.isTrue == true { return "back at \(from)" + reason(scheduled) }
        return "away from \(from) " + until(scheduled) + reason(scheduled)
    }

    /// The lines `queue` opens with, none for a rep who is simply available:
    /// `alice is away until 2026-11-30T13:00:00Z (vacation)`, `alice will be away from … until …`.
    static func queueNotice(for id: String, _ rep: JSONValue) -> [String] {
        var lines: [String] = []
        let state = now(rep)
        if state != "available" { lines.append("\(id) is \(state)") }
        if let planned = planned(rep) { lines.append("\(id) will be \(planned)") }
        return lines
    }

    private static func until(_ availability: JSONValue) -> String {
        availability["until"]?.text.map { "until \($0)" } ?? "until marked back"
    }

    private static func reason(_ availability: JSONValue) -> String {
        availability["reason"]?.text.map { " (\($0))" } ?? ""
    }
}
