import Crypto
import HTTPTypes
import NIOCore

/// `POST /v1/events`' optional `Idempotency-Key` header: a client's name for
/// one batch, so that sending it again (after a timeout, to another node)
/// applies it once (``IdempotentRequest``).
enum IdempotencyKey {
    static let header = HTTPField.Name("Idempotency-Key")!
    /// Longer keys are refused: a UUID or a hash fits many times over.
    static let longest = 255

    /// The key, or nil when the request has none.
    /// - Throws: ``APIError`` (400, field `Idempotency-Key`) for an empty, overlong or non-printable key, or two of them.
    static func read(_ headers: HTTPFields) throws(APIError) -> String? {
        let values = headers[values: header]
        guard let key = values.first else { return nil }
        guard values.count == 1 else {
            throw APIError(status: .badRequest, message: "send one Idempotency-Key, not \(values.count)", field: header.rawName)
        }
        guard !key.isEmpty, key.utf8.count <= longest, key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw APIError(status: .badRequest,
                           message: "Idempotency-Key must be 1 to \(longest) printable ASCII characters without spaces (a UUID, say)",
                           field: header.rawName)
        }
        return key
    }

    /// SHA-256 of the request body, in hex: a repeat must send the same bytes.
    static func fingerprint(_ body: ByteBuffer) -> String {
        let digest = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
