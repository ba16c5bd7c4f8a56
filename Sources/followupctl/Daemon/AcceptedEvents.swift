import FollowUpCore
import FollowUpWire

/// Prints what `POST /v1/events` accepted, one line per event:
/// `accepted #12 lead.captured L1 → L1:lead.assigned:1:1`.
enum AcceptedEvents {
    static func lines(of reply: AcceptedEventsBody) -> [String] {
        reply.accepted.map { event in
            var line = "accepted #\(event.seq) \(event.type)"
            if let lead = event.lead { line += " \(lead)" }
            if !event.notifications.isEmpty { line += " → " + event.notifications.joined(separator: ", ") }
            return line
        }
    }
}
