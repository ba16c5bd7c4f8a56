import Foundation
import FollowUpCore
import FollowUpTestSupport

/// Every IANA zone of the system's tzdata and, per zone, the instants of
/// 2026–2028 the property tests look at: each offset change, the seconds and
/// hours around it, and a seeded sample of the rest.
enum ZoneSamples {
    static let from = Instant(secondsSinceEpoch: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let to = Instant(secondsSinceEpoch: 1_861_920_000)  // 2029-01-01T00:00:00Z

    /// The zone and link names of /usr/share/zoneinfo/tzdata.zi (the compact
    /// source the system's zone files were built from), with Foundation's own
    /// list, so a zone either of them knows is covered.
    static let names: [String] = {
        var names = Set(TimeZone.knownTimeZoneIdentifiers)
        if let text = try? String(contentsOfFile: "/usr/share/zoneinfo/tzdata.zi", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.first == "Z", fields.count > 1 { names.insert(String(fields[1])) }
                if fields.first == "L", fields.count > 2 { names.insert(String(fields[2])) }
            }
        }
        return names.sorted()
    }()

    /// The instants at which Foundation says the zone's offset changes in 2026–2028.
    static func transitions(_ name: String) -> [Instant] {
        guard let zone = TimeZone(identifier: name) else { return [] }
        var out: [Instant] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(from.secondsSinceEpoch))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < TimeInterval(to.secondsSinceEpoch) {
            out.append(Instant(secondsSinceEpoch: Int64(next.timeIntervalSince1970.rounded(.down))))
            cursor = next
        }
        return out
    }

    /// Each transition and the instants a second, half an hour, an hour and a
    /// day either side of it, then `random` seeded instants of 2026–2028.
    static func instants(_ name: String, random: Int) -> [Instant] {
        var out: [Instant] = []
        for t in transitions(name) {
            for d: Int64 in [-86_400, -3_600, -1_800, -1, 0, 1, 1_800, 3_600, 86_400] {
                out.append(t + TimeSpan(seconds: d))
            }
        }
        var rng = SeededGenerator(seed: 2026, salt: name)
        for _ in 0..<random { out.append(rng.instant(from: from, to: to)) }
        return out
    }
}
