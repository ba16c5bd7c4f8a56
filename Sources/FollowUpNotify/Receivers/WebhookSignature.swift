import Crypto
import Foundation

/// The webhook's signature: HMAC-SHA256 over `TIMESTAMP.BODY` with the shared
/// secret, hex-encoded, sent as `X-Followupd-Signature: v1=HEX` beside
/// `X-Followupd-Timestamp: TIMESTAMP` (Unix seconds). A relay recomputes it
/// and rejects a body that was altered, or a timestamp too old (replays).
public struct WebhookSignature: Sendable {
    public static let signatureHeader = "X-Followupd-Signature"
    public static let timestampHeader = "X-Followupd-Timestamp"

    private let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
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
        var message = Array(String(timestamp).utf8)
        message.append(UInt8(ascii: "."))
        message.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
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
