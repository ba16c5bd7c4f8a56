import Foundation
import Testing
@testable import FollowUpCore

/// Every zone of the system's tzdata, 2026–2028: the catalog loads it, its
/// table agrees with Foundation at every transition and around it, and local
/// times survive local → instant → local (those a gap skips land after it).
@Suite struct ZoneRulesPropertyTests {
    @Test func theSystemsTzdataIsThere() {
        // Fewer would mean the tzdata list was not read: the other tests would pass on nothing.
        #expect(ZoneSamples.names.count > 400)
    }

    @Test func everyZoneLoadsAndMatchesFoundation() {
        var failures: [String] = []
        var checked = 0
        for name in ZoneSamples.names {
            guard let rules = ZoneCatalog.shared.rules(for: name), let foundation = TimeZone(identifier: name) else {
                failures.append("\(name): not loaded")
                continue
            }
            for t in ZoneSamples.instants(name, random: 20) {
                checked += 1
                let want = Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t.secondsSinceEpoch))))
                if rules.offset(at: t) != want { failures.append("\(name) at \(t): offset \(rules.offset(at: t)), Foundation \(want)") }
            }
        }
        #expect(checked > 20_000, "only \(checked) cases: the samples are missing")
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    @Test func localTimesRoundTrip() {
        var failures: [String] = []
        var checked = 0
        for name in ZoneSamples.names {
            guard let rules = ZoneCatalog.shared.rules(for: name) else { continue }
            for t in ZoneSamples.instants(name, random: 40) {
                // A local time read off an instant exists: it must come back unchanged,
                // as its first occurrence when a fall-back repeats it.
                checked += 1
                let local = rules.local(t)
                let back = rules.instant(local)
                if rules.local(back) != local { failures.append("\(name): \(local) → \(back) → \(rules.local(back))") }
                if back > t { failures.append("\(name): \(local) read as \(back), after the instant \(t) it came from") }
            }
            for t in ZoneSamples.transitions(name) {
                let before = rules.offset(at: t - TimeSpan(seconds: 1)), after = rules.offset(at: t)
                guard after > before else { continue }
                // A spring-forward gap: its local times are read with the offset before,
                // landing as far after the gap's start as they were.
                for into: Int64 in [0, 1, (after - before) / 2, after - before - 1] {
                    let gapStart = t.secondsSinceEpoch + before + into
                    let local = LocalDateTime(date: CivilDate(daysSinceEpoch: floorDiv(gapStart, 86_400)),
                                              secondOfDay: gapStart - floorDiv(gapStart, 86_400) * 86_400)
                    let got = rules.instant(local)
                    if got != t + TimeSpan(seconds: into) { failures.append("\(name): gap time \(local) read as \(got), want \(t + TimeSpan(seconds: into))") }
                }
            }
        }
        #expect(checked > 20_000, "only \(checked) cases: the samples are missing")
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
    }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
}
