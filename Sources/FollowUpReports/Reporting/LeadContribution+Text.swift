import FollowUpCore
import FollowUpFormats
/// The stored form of a ``LeadContribution``: one line of space-separated
/// fields, integers in decimal, `-` for none, text as `BYTES:TEXT` (its UTF-8
/// length first, so any rep or source id round-trips, spaces included).
/// A few hundred bytes per lead, read back with no JSON parse: a report
/// decodes one per lead of its window.
extension LeadContribution {
    /// Why a stored contribution could not be read.
    public struct TextError: Error, CustomStringConvertible {
        public var offset: Int
        public var description: String { "contribution text unreadable at byte \(offset)" }
    }

    /// The stored line.
    public var text: String {
        var w = ContributionWriter()
        w.text(lead); w.int(capturedAt.secondsSinceEpoch); w.text(owner); w.text(team); w.text(source)
        w.text(capturePriority); w.text(status.rawValue); w.int(wonValue?.cents); w.text(settledSLA?.rawValue)
        w.int(slaDeadline?.secondsSinceEpoch); w.int(speedSeconds); w.int(loggedTouches); w.bool(dropped)
        w.int(dropDeadline?.secondsSinceEpoch); w.bool(cadenceCompleted)
        w.int(breachReps.count); for rep in breachReps { w.text(rep) }
        w.int(repeatedBreaches); w.int(movesAfterBreaches); w.int(checkInsSent); w.int(checkInsAnswered)
        w.int(hotSignals); w.bool(snoozed); w.int(movesByDeactivation)
        w.int(offers.count); for offer in offers { w.text(offer.rep); w.int(offer.acceptSeconds) }
        w.int(decliners.count); for rep in decliners { w.text(rep) }
        w.int(callSlots.count); for s in callSlots { w.int(s.slot); w.int(s.calls); w.int(s.connects) }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Reads a line written by ``text``.
    /// - Throws: ``TextError`` for a line this build did not write.
    public init(text: String) throws {
        var r = ContributionReader(bytes: Array(text.utf8))
        lead = try r.text()
        capturedAt = Instant(secondsSinceEpoch: try r.int64())
        owner = try r.optionalText()
        team = try r.optionalText()
        source = try r.text()
        capturePriority = try r.text()
        guard let status = LeadStatus(rawValue: try r.text()) else { throw r.error }
        self.status = status
        wonValue = try r.optionalInt64().map { Amount(cents: $0) }
        settledSLA = try r.optionalText().map { raw in
            guard let sla = FirstTouchSLA(rawValue: raw) else { throw r.error }
            return sla
        }
        slaDeadline = try r.optionalInt64().map { Instant(secondsSinceEpoch: $0) }
        speedSeconds = try r.optionalInt64()
        loggedTouches = try r.int()
        dropped = try r.bool()
        dropDeadline = try r.optionalInt64().map { Instant(secondsSinceEpoch: $0) }
        cadenceCompleted = try r.bool()
        breachReps = try (0..<r.count()).map { _ in try r.text() }
        repeatedBreaches = try r.int()
        movesAfterBreaches = try r.int()
        checkInsSent = try r.int()
        checkInsAnswered = try r.int()
        hotSignals = try r.int()
        snoozed = try r.bool()
        movesByDeactivation = try r.int()
        offers = try (0..<r.count()).map { _ in Offer(rep: try r.text(), acceptSeconds: try r.optionalInt64()) }
        decliners = try (0..<r.count()).map { _ in try r.text() }
        callSlots = try (0..<r.count()).map { _ in CallSlot(slot: try r.int(), calls: try r.int(), connects: try r.int()) }
        guard r.atEnd else { throw r.error }
    }
}

private struct ContributionWriter {
    var bytes: [UInt8] = []

    mutating func separate() { if !bytes.isEmpty { bytes.append(0x20) } }
    mutating func int(_ n: Int64?) {
        separate()
        if let n { bytes += String(n).utf8 } else { bytes.append(0x2D) }
    }
    mutating func int(_ n: Int) { int(Int64(n)) }
    mutating func bool(_ b: Bool) { int(b ? 1 : 0) }
    mutating func text(_ s: String?) {
        separate()
        guard let s else { bytes.append(0x2D); return }
        bytes += String(s.utf8.count).utf8
        bytes.append(0x3A)
        bytes += s.utf8
    }
}

private struct ContributionReader {
    let bytes: [UInt8]
    var i = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var error: LeadContribution.TextError { LeadContribution.TextError(offset: i) }
    var atEnd: Bool { i == bytes.count }

    /// The next field's bytes up to a space (the space consumed), or up to `:` for a text's length.
    private mutating func token(until stop: UInt8 = 0x20) throws -> ArraySlice<UInt8> {
        let start = i
        while i < bytes.count, bytes[i] != 0x20, bytes[i] != stop { i += 1 }
        guard i > start else { throw error }
        return bytes[start..<i]
    }

    private mutating func endField() throws {
        if i < bytes.count {
            guard bytes[i] == 0x20 else { throw error }
            i += 1
        }
    }

    mutating func optionalInt64() throws -> Int64? {
        let t = try token()
        try endField()
        if t.count == 1, t.first == 0x2D { return nil }
        guard let n = Int64(String(decoding: t, as: UTF8.self)) else { throw error }
        return n
    }
    mutating func int64() throws -> Int64 {
        guard let n = try optionalInt64() else { throw error }
        return n
    }
    mutating func int() throws -> Int { Int(try int64()) }
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count else { throw error }
        return n
    }
    mutating func bool() throws -> Bool { try int() != 0 }

    mutating func optionalText() throws -> String? {
        if i < bytes.count, bytes[i] == 0x2D, i + 1 == bytes.count || bytes[i + 1] == 0x20 {
            i += 1
            try endField()
            return nil
        }
        let length = try token(until: 0x3A)
        guard i < bytes.count, bytes[i] == 0x3A, let n = Int(String(decoding: length, as: UTF8.self)),
              n >= 0, i + 1 + n <= bytes.count else { throw error }
        let start = i + 1
        i = start + n
        try endField()
        return String(decoding: bytes[start..<(start + n)], as: UTF8.self)
    }
    mutating func text() throws -> String {
        guard let s = try optionalText() else { throw error }
        return s
    }
}
