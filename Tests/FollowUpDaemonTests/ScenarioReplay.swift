import Foundation

/// A scenario file pair (events + expected notifications) replayed through
/// the real daemon on its manual clock.
struct ScenarioReplay {
    let name: String
    let events: [String]
    let expected: [[String: Any]]
    let until: String

    static func load(_ eventsURL: URL) throws -> ScenarioReplay {
        func lines(_ url: URL) throws -> [String] {
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let base = eventsURL.path.replacingOccurrences(of: ".events.jsonl", with: "")
        let events = try lines(eventsURL)
        let expected = try lines(URL(fileURLWithPath: base + ".expected.jsonl"))
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let until: String
        if let text = try? String(contentsOfFile: base + ".until", encoding: .utf8) {
            until = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            // Like ../shared/scenarios/check: one day after the last event or expected notification.
            let times = events.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["at"] as? String }
                + expected.compactMap { $0["at"] as? String }
            let last = times.compactMap(Self.date).max()!
            until = Self.text(last.addingTimeInterval(86_400))
        }
        return ScenarioReplay(name: URL(fileURLWithPath: base).lastPathComponent, events: events, expected: expected, until: until)
    }

    static func date(_ s: String) -> Date? { ISO8601DateFormatter().date(from: s) }
    static func text(_ d: Date) -> String { ISO8601DateFormatter().string(from: d) }

    /// The instant one second before `time`: timers strictly before an event fire first, those at its instant after.
    static func justBefore(_ time: String) -> String { text(date(time)!.addingTimeInterval(-1)) }

    /// (at, kind, lead, to, step): what ../shared/scenarios/check matches on.
    static func key(_ n: [String: Any]) -> String {
        "\(n["at"] ?? "") \(n["kind"] ?? "") \(n["lead"] ?? "") \(n["to"] ?? "") \(n["step"].map { "\($0)" } ?? "-")"
    }
}
