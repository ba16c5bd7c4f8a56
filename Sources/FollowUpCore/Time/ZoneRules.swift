import Foundation
import Synchronization

/// The UTC offsets of one IANA time zone as a sorted table, so converting
/// between UTC and local wall-clock time is a binary search and some
/// arithmetic instead of an ICU call.
///
/// The table is read once from Foundation's `TimeZone` (which carries the IANA
/// database) for 1900–2200; outside that range the offsets at the edges apply.
/// It is an immutable value: reading it is deterministic and free of I/O.
public final class ZoneRules: Sendable {
    /// The IANA identifier, e.g. `America/New_York`.
    public let identifier: String
    /// Instants at which the offset changes, ascending.
    private let transitions: [Int64]
    /// `offsets[i]` applies from `transitions[i - 1]` (inclusive) up to `transitions[i]`;
    /// `offsets[0]` before the first transition. One more element than `transitions`.
    private let offsets: [Int64]

    /// Builds the table for a zone, or returns nil when the identifier is unknown.
    public convenience init?(identifier: String) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else { return nil }
        var transitions: [Int64] = []
        var offsets: [Int64] = []
        let start = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        let end = 7_258_118_400.0  // 2200-01-01
        offsets.append(Int64(zone.secondsFromGMT(for: start)))
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < end {
            let offset = Int64(zone.secondsFromGMT(for: next))
            if offset != offsets.last {
                transitions.append(Int64(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
            cursor = next
        }
        self.init(identifier: identifier, transitions: transitions, offsets: offsets)
    }

    /// A zone with one fixed offset (tests, and `UTC`).
    public init(identifier: String, transitions: [Int64], offsets: [Int64]) {
        precondition(offsets.count == transitions.count + 1)
        self.identifier = identifier
        self.transitions = transitions
        self.offsets = offsets
    }

    /// UTC itself.
    public static let utc = ZoneRules(identifier: "UTC", transitions: [], offsets: [0])

    /// The offset from UTC in effect at `instant`, in seconds (east positive).
    public func offset(at instant: Instant) -> Int64 {
        offsets[upperBound(instant.secondsSinceEpoch)]
    }

    /// Index of the first transition strictly after `t`.
    private func upperBound(_ t: Int64) -> Int {
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The local wall-clock time at `instant`.
    public func local(_ instant: Instant) -> LocalDateTime {
        let s = instant.secondsSinceEpoch + offset(at: instant)
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        return LocalDateTime(date: CivilDate(daysSinceEpoch: days), secondOfDay: s - days * 86_400)
    }

    /// The instant a local wall-clock time names.
    ///
    /// A time that does not exist (skipped by a spring-forward gap) is read with
    /// the offset before the gap, which lands as far after the gap's start as the
    /// time was: 02:30 on a 02:00→03:00 night is 03:30. A time that happens twice
    /// (fall-back) is its first occurrence. Both are what people expect of
    /// "open at 02:30" on those nights.
    public func instant(_ local: LocalDateTime) -> Instant {
        let l = local.localSeconds
        // Offsets never exceed ±14 h, so only intervals touching [l-14h, l+14h] can apply.
        let lo = upperBound(l - 50_400), hi = upperBound(l + 50_400)
        var exact: Int64?
        var gap: Int64?
        for i in lo...hi {
            let candidate = l - offsets[i]
            let interval = upperBound(candidate)
            if interval == i {
                exact = min(exact ?? candidate, candidate)  // fall-back: keep the first occurrence
            } else if interval == i + 1, gap == nil {
                gap = candidate  // spring-forward: read with the offset before the gap
            }
        }
        return Instant(secondsSinceEpoch: exact ?? gap ?? (l - offsets[hi]))
    }
}

/// Resolves IANA identifiers to ``ZoneRules`` once and keeps them.
///
/// Memoising is not observable: the same identifier always gives the same table.
public final class ZoneCatalog: Sendable {
    private let cache = Mutex<[String: ZoneRules]>([:])

    public init() {}

    /// The shared catalog.
    public static let shared = ZoneCatalog()

    /// The rules for `identifier`, or nil when no such zone exists.
    ///
    /// Only known zones are kept: a name from input that is no zone is looked
    /// up again next time rather than remembered, so a stream of made-up names
    /// cannot grow the cache. A name that cannot be an IANA identifier (too
    /// long, or with characters no zone name has, such as `..` paths) is not
    /// looked up at all.
    public func rules(for identifier: String) -> ZoneRules? {
        if let hit = cache.withLock({ $0[identifier] }) { return hit }
        guard Self.couldBeZoneName(identifier), let made = ZoneRules(identifier: identifier) else { return nil }
        cache.withLock { $0[identifier] = made }
        return made
    }

    /// IANA names are short and made of letters, digits and `/ _ - +`
    /// (`America/Argentina/Buenos_Aires`, `Etc/GMT+5`), never `..`.
    static func couldBeZoneName(_ identifier: String) -> Bool {
        identifier.utf8.count <= 64 && !identifier.contains("..") && identifier.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                 UInt8(ascii: "+"): true
            default: false
            }
        }
    }

    /// How many zones are kept (for tests).
    var cachedCount: Int { cache.withLock { $0.count } }
}
