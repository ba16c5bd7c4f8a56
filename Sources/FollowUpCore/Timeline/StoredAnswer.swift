/// What a store keeps under a client's `Idempotency-Key`, committed with
/// the events it answers: the request's fingerprint (a digest of its body,
/// so a different request under the same key is told apart) and the answer
/// it got, sent again as it was to a repeat.
public struct StoredAnswer: Sendable, Hashable {
    /// A digest of the request body (hex), as the API computes it.
    public var fingerprint: String
    /// The answer's body, as first sent.
    public var body: String

    public init(fingerprint: String, body: String) {
        self.fingerprint = fingerprint
        self.body = body
    }
}
