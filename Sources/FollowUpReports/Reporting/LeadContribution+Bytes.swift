import FollowUpCore
import FollowUpFormats
/// The stored form of a ``LeadContribution`` (`report_leads.contribution`, a
/// BLOB): a format byte, then every field in a fixed order, integers as
/// zigzag LEB128 varints, an optional one behind a presence byte, text as its
/// UTF-8 length + 1 (0 for none) and its bytes, lists as a count and their items.
///
/// The write transaction encodes one per changed lead and decodes the old one
/// of each lead it did not capture, inside the critical section every writer
/// waits on; reports decode one per lead of a window's edge days. Decimal text
/// cost a `String` per number both ways; this is a few dozen bytes copied.
extension LeadContribution {
    /// The first byte of the encoding this build writes and reads.
    static let bytesFormat: UInt8 = 1

    /// Why a stored contribution could not be read.
    public struct BytesError: Error, CustomStringConvertible {
        public var offset: Int
        public var description: String { "contribution bytes unreadable at byte \(offset)" }
    }

    /// The stored bytes.
    public var bytes: [UInt8] {
        var w = ContributionWriter()
        w.bytes.append(Self.bytesFormat)
        w.text(lead); w.int(capturedAt.secondsSinceEpoch); w.text(owner); w.text(team); w.text(source)
        w.text(capturePriority); w.text(status.rawValue); w.optionalInt(wonValue?.cents); w.text(settledSLA?.rawValue)
        w.optionalInt(slaDeadline?.secondsSinceEpoch); w.optionalInt(speedSeconds); w.int(loggedTouches); w.bool(dropped)
        w.optionalInt(dropDeadline?.secondsSinceEpoch); w.bool(cadenceCompleted)
        w.int(breachReps.count); for rep in breachReps { w.text(rep) }
        w.int(repeatedBreaches); w.int(movesAfterBreaches); w.int(checkInsSent); w.int(checkInsAnswered)
        w.int(hotSignals); w.bool(snoozed); w.int(movesByDeactivation)
        w.int(offers.count); for offer in offers { w.text(offer.rep); w.optionalInt(offer.acceptSeconds) }
        w.int(decliners.count); for rep in decliners { w.text(rep) }
        w.int(callSlots.count); for s in callSlots { w.int(s.slot); w.int(s.calls); w.int(s.connects) }
        return w.bytes
    }

    /// Reads bytes written by ``bytes``.
    /// - Throws: ``BytesError`` for bytes this build did not write.
    public init(bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try LeadContribution(bytes: $0) }
    }

    /// Reads bytes written by ``bytes`` in place (a row's BLOB, uncopied).
    /// - Throws: ``BytesError`` for bytes this build did not write.
    public init(bytes: UnsafeRawBufferPointer) throws {
        var r = ContributionReader(bytes: bytes)
        guard try r.byte() == Self.bytesFormat else { throw BytesError(offset: 0) }
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

    init() { bytes.reserveCapacity(96) }

    /// Zigzag (small negatives stay short), then 7 bits a byte, low first.
    mutating func varint(_ n: Int64) {
        var v = UInt64(bitPattern: (n << 1) ^ (n >> 63))
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
    mutating func int(_ n: Int64) { varint(n) }
    mutating func int(_ n: Int) { varint(Int64(n)) }
    mutating func optionalInt(_ n: Int64?) {
        guard let n else { bytes.append(0); return }
        bytes.append(1)
        varint(n)
    }
    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }
    mutating func text(_ s: String?) {
        guard var s else { varint(0); return }
        s.withUTF8 { utf8 in
            varint(Int64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }
}

private struct ContributionReader {
    let bytes: UnsafeRawBufferPointer
    var i = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var error: LeadContribution.BytesError { LeadContribution.BytesError(offset: i) }
    var atEnd: Bool { i == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard i < bytes.count else { throw error }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func varint() throws -> Int64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw error }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }
    mutating func optionalInt64() throws -> Int64? {
        switch try byte() {
        case 0: return nil
        case 1: return try varint()
        default: throw error
        }
    }
    mutating func int64() throws -> Int64 { try varint() }
    mutating func int() throws -> Int { Int(try varint()) }
    mutating func count() throws -> Int {
        let n = try varint()
        guard n >= 0, n <= bytes.count - i else { throw error }
        return Int(n)
    }
    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw error
        }
    }
    mutating func optionalText() throws -> String? {
        let n = try varint()
        guard n != 0 else { return nil }
        guard n > 0, n - 1 <= bytes.count - i else { throw error }
        let start = i
        i += Int(n - 1)
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }
    mutating func text() throws -> String {
        guard let s = try optionalText() else { throw error }
        return s
    }
}
