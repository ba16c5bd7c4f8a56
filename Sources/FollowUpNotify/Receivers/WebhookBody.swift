import Crypto
import FollowUpCore

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
struct WebhookBody {
    let bytes: [UInt8]
    let idempotencyKey: String
    let count: Int

    /// A body of the caller's making for one notification (a Slack or Teams message).
    init(bytes: [UInt8], notification id: String) {
        self.bytes = bytes
        self.idempotencyKey = id
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
            idempotencyKey = entries.first!.notification.id
        } else {
            var hash = SHA256()
            for entry in entries {
                hash.update(data: Array(entry.notification.id.utf8))
                hash.update(data: [0x0A])
            }
            idempotencyKey = "batch-" + Hex.string(hash.finalize())
        }
    }
}
