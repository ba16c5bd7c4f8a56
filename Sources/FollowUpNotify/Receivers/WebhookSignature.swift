import Crypto
import Foundation

/// The webhook's signature: HMAC-SHA256 over `TIMESTAMP.BODY` with the shared
/// secret, hex-encoded, sent as `X-Followupd-Signature: v1=HEX` beside
/// `X-Followupd-Timestamp: TIMESTAMP` (Unix seconds). A relay recomputes it
/// and rejects a body that was altered, or a timestamp too old (replays).
public struct WebhookSignature: Sendable {
    public static let signatureHeader = "X-Followupd-Signature"
    public static let timestampHeader = "X-Followupd-Timestamp"

    /// The MAC with the key already mixed in: each signature starts from a
    /// copy of it instead of hashing the key's pads again. Not marked
    /// Sendable by swift-crypto, but never mutated here: a copy's first update
    /// copies the shared digest state (copy-on-write), so concurrent signers
    /// each work on their own.
    nonisolated(unsafe) private let keyed: HMAC<SHA256>

    public init(secret: [UInt8]) {
        self.keyed = HMAC<SHA256>(key: SymmetricKey(data: secret))
    }

    /// Reads the secret from a file; a trailing newline is not part of it.
    public init(secretFile: String) throws {
        guard var bytes = FileManager.default.contents(atPath: secretFile).map(Array.init) else {
            throw WebhookSecretError(path: secretFile)
        }
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        guard !bytes.isEmpty else { throw WebhookSecretError(path: secretFile) }
        self.init(secret: bytes)
    }

    /// `v1=HEX` for `body` sent at `timestamp`.
    public func sign(body: [UInt8], timestamp: Int64) -> String {
        // Fed in pieces: the body is not copied behind the timestamp.
        var hmac = keyed
        hmac.update(data: Array("\(timestamp).".utf8))
        hmac.update(data: body)
        let mac = hmac.finalize()
        var hex: [UInt8] = Array("v1=".utf8)
        hex.reserveCapacity(3 + 64)
        Hex.append(mac, to: &hex)
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The secret file is missing, unreadable or empty.
public struct WebhookSecretError: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path): cannot read the webhook secret (or it is empty)" }
}
