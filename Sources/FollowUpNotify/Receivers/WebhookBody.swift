import Crypto
import FollowUpCore
import FollowUpFormats

/// What one webhook POST carries: DESIGN.md's notification JSON, and the
/// `Idempotency-Key` a relay dedupes on.
///
/// - One notification (`batch: 1`): the body is its object, the key its id.
/// - With `batch` above 1 the body is always a JSON array (of one or more
///   notification objects), so a relay parses one shape. An array of one is
///   keyed by that notification's id; a longer one by `batch-` and the
///   SHA-256 of its ids, one per line, so resending the same batch repeats the
///   key. Relays must still dedupe by each element's `id`: after a failure the
///   same notifications may come back grouped differently.
/// - An id with a control character (refused at the API since issue 11, but a
///   store written by an older version may hold one) is keyed percent-encoded
///   (``headerKey(_:)``): a CR or LF is no header value, so the POST failed
///   before it was sent and was retried until it went dead, stalling the
///   receiver's probes on it.
struct WebhookBody {
    let bytes: [UInt8]
    let idempotencyKey: String
    let count: Int

    /// A body of the caller's making for one notification (a Slack or Teams message).
    init(bytes: [UInt8], notification id: String) {
        self.bytes = bytes
        self.idempotencyKey = Self.headerKey(id)
        self.count = 1
    }

    init(_ entries: some Collection<OutboxEntry>, asArray: Bool) {
        precondition(!entries.isEmpty && (asArray || entries.count == 1), "one notification per object body")
        count = entries.count
        var bytes: [UInt8] = []
        if asArray { bytes.append(UInt8(ascii: "[")) }
        for (index, entry) in entries.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: entry.notification.jsonLine.utf8)
        }
        if asArray { bytes.append(UInt8(ascii: "]")) }
        self.bytes = bytes
        if entries.count == 1 {
            idempotencyKey = Self.headerKey(entries.first!.notification.id)
        } else {
            var hash = SHA256()
            for entry in entries {
                hash.update(data: Array(entry.notification.id.utf8))
                hash.update(data: [0x0A])
            }
            idempotencyKey = "batch-" + Hex.string(hash.finalize())
        }
    }

    /// `id` as it is when it has no control character (every id the API
    /// accepts); otherwise with each control character and each `%` written
    /// `%XX`, so the key is a valid header value and still one per id.
    static func headerKey(_ id: String) -> String {
        guard id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return id }
        var key = ""
        for scalar in id.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "%" {
                key += "%" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                key.unicodeScalars.append(scalar)
            }
        }
        return key
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
