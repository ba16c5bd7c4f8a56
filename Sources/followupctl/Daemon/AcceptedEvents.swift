import FollowUpCore

/// Prints what `POST /v1/events` accepted, one line per event:
/// `accepted #12 lead.captured L1 → L1:lead.assigned:1:1`.
enum AcceptedEvents {
    static func lines(of reply: JSONValue) -> [String] {
        (reply["accepted"] ?? .null).items.map { item in
            var line = "accepted #\(item["seq"].shown) \(item["type"].shown)"
            if let lead = item["lead"]?.text { line += " \(lead)" }
            let ids = (item["notifications"] ?? .null).items.compactMap(\.text)
            if !ids.isEmpty { line += " → " + ids.joined(separator: ", ") }
            return line
        }
    }
}
